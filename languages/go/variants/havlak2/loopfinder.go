package main

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) as Hundt wrote it in Go: it finds the loop nesting forest
// of a CFG, reducible and irreducible loops alike, not its cycles or SCCs.

import "container/list"

// UnionFindNode is union-find after Tarjan (1983): each node points
// towards the header of the outermost loop found so far that contains it.
type UnionFindNode struct {
	parent    *UnionFindNode
	bb        *BasicBlock // nil: not reached by the depth-first search
	loop      *SimpleLoop // the loop this node heads, if any
	dfsNumber int
}

// Init makes the node a set of its own.
func (u *UnionFindNode) Init(bb *BasicBlock, dfsNumber int) {
	u.parent = u
	u.bb = bb
	u.dfsNumber = dfsNumber
	u.loop = nil
}

// FindSet is the set's representative, with path compression: every node
// passed on the way is pointed straight at it, remembered in a list.
func (u *UnionFindNode) FindSet() *UnionFindNode {
	path := list.New()
	node := u
	for node != node.parent {
		if node.parent != node.parent.parent {
			path.PushBack(node)
		}
		node = node.parent
	}
	for e := path.Front(); e != nil; e = e.Next() {
		e.Value.(*UnionFindNode).parent = node
	}
	return node
}

// Union joins the node's set to other's. No ranks: path compression does
// the balancing.
func (u *UnionFindNode) Union(other *UnionFindNode) { u.parent = other }

type blockType int8

const (
	nonHeader   blockType = iota // a plain block
	reducible                    // header of a reducible loop
	self                         // header of a one-block loop
	irreducible                  // header of an irreducible loop
	dead                         // not reachable from the start
)

const unvisited = -1

// isAncestor: with preorder numbers, w is an ancestor of v in the
// depth-first spanning tree iff v lies in w's subtree range [w, last[w]].
func isAncestor(w, v int, last []int) bool { return w <= v && v <= last[w] }

// dfs numbers the blocks reachable from block in preorder, starting with
// current; it returns the last number used.
func dfs(block *BasicBlock, nodes []*UnionFindNode, number []int, last []int, current int) int {
	nodes[current].Init(block, current)
	number[block.Name] = current
	lastID := current
	for _, target := range block.OutEdges {
		if number[target.Name] == unvisited {
			lastID = dfs(target, nodes, number, last, lastID+1)
		}
	}
	last[number[block.Name]] = lastID
	return lastID
}

// FindHavlakLoops finds the loops of cfg and adds them to lsg; it returns
// lsg.NumLoops(), which counts the artificial root. Each call builds all
// of its bookkeeping afresh, named as in Havlak's paper; blocks are
// identified by preorder number from step b on.
func FindHavlakLoops(cfg *CFG, lsg *LSG) int {
	if cfg.Start == nil {
		return lsg.NumLoops()
	}
	size := cfg.NumNodes()
	nonBackPreds := make([]map[int]bool, size)
	backPreds := make([][]int, size)
	number := make([]int, size) // by block number: blocks are 0..N-1
	header := make([]int, size)
	types := make([]blockType, size)
	last := make([]int, size)
	nodes := make([]*UnionFindNode, size)
	for i := range nodes {
		nodes[i] = new(UnionFindNode)
	}

	// Step a: number the blocks in preorder; unreached blocks keep
	// unvisited.
	for _, bb := range cfg.Blocks {
		number[bb.Name] = unvisited
	}
	for i := range nonBackPreds {
		nonBackPreds[i] = make(map[int]bool)
	}
	dfs(cfg.Start, nodes, number, last, 0)

	// Step b: split each reached block's incoming edges into back edges
	// (from a depth-first descendant, following Tarjan) and the rest.
	for w := 0; w < size; w++ {
		header[w] = 0
		types[w] = nonHeader
		nodeW := nodes[w].bb
		if nodeW == nil {
			types[w] = dead
			continue
		}
		for _, nodeV := range nodeW.InEdges {
			v := number[nodeV.Name]
			if v == unvisited {
				continue // an edge from a dead block
			}
			if isAncestor(w, v, last) {
				backPreds[w] = append(backPreds[w], v)
			} else {
				nonBackPreds[w][v] = true
			}
		}
	}
	header[0] = 0 // the start block is the root of all other loops

	// Step c: visit the blocks in reverse preorder, so inner loop headers
	// come before the headers of loops around them. For a header w, chase
	// backwards from the sources of its back edges, collecting the loop
	// body P (nodePool). Every candidate is looked for in P: a body of p
	// blocks costs O(p^2) here; the algorithm itself is quadratic in the
	// worst case (Ramalingam, TOPLAS 1999).
	for w := size - 1; w >= 0; w-- {
		nodeW := nodes[w].bb
		if nodeW == nil {
			continue
		}

		// Step d: P starts as the loops (or blocks) the back edges come
		// from.
		nodePool := list.New()
		for _, v := range backPreds[w] {
			if v != w {
				nodePool.PushBack(nodes[v].FindSet())
			} else {
				types[w] = self
			}
		}
		workList := list.New()
		for e := nodePool.Front(); e != nil; e = e.Next() {
			workList.PushBack(e.Value)
		}
		if nodePool.Len() != 0 {
			types[w] = reducible
		}

		for workList.Len() > 0 {
			x := workList.Remove(workList.Front()).(*UnionFindNode)

			// Step e, Havlak's change to Tarjan: a predecessor outside
			// w's subtree is a second entry into the loop, which makes it
			// irreducible; it is remembered as an entry to w itself.
			for y := range nonBackPreds[x.dfsNumber] {
				ydash := nodes[y].FindSet()
				if !isAncestor(w, ydash.dfsNumber, last) {
					types[w] = irreducible
					nonBackPreds[w][ydash.dfsNumber] = true
				} else if ydash.dfsNumber != w && !inList(nodePool, ydash) {
					workList.PushBack(ydash)
					nodePool.PushBack(ydash)
				}
			}
		}

		// Collapse the loop body into w and record the loop. Nested loops
		// join as children, other blocks as the loop's own blocks.
		if nodePool.Len() > 0 || types[w] == self {
			loop := lsg.CreateNewLoop()
			loop.SetHeader(nodeW)
			loop.IsReducible = types[w] != irreducible
			nodes[w].loop = loop
			for e := nodePool.Front(); e != nil; e = e.Next() {
				node := e.Value.(*UnionFindNode)
				header[node.dfsNumber] = w
				node.Union(nodes[w])
				if node.loop != nil {
					node.loop.SetParent(loop)
				} else {
					loop.AddNode(node.bb)
				}
			}
		}
	}
	return lsg.NumLoops()
}

// inList reports whether node is in l: a linear search.
func inList(l *list.List, node *UnionFindNode) bool {
	for e := l.Front(); e != nil; e = e.Next() {
		if e.Value == node {
			return true
		}
	}
	return false
}
