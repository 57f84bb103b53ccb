package main

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) as Hundt wrote it in Go: it finds the loop nesting forest
// of a CFG, reducible and irreducible loops alike, not its cycles or SCCs.

// UnionFindNode is union-find after Tarjan (1983): each node points
// towards the header of the outermost loop found so far that contains it.
type UnionFindNode struct {
	parent    *UnionFindNode
	bb        int         // noBlock: not reached by the depth-first search
	loop      *SimpleLoop // the loop this node heads, if any
	dfsNumber int
}

// Init makes the node a set of its own.
func (u *UnionFindNode) Init(bb int, dfsNumber int) {
	u.parent = u
	u.bb = bb
	u.dfsNumber = dfsNumber
	u.loop = nil
}

// FindSet is the set's representative, with path compression: every node
// passed on the way is pointed straight at it, by a second walk (no list to
// remember the path in).
func (u *UnionFindNode) FindSet() *UnionFindNode {
	root := u
	for root != root.parent {
		root = root.parent
	}
	for node := u; node != root; {
		next := node.parent
		node.parent = root
		node = next
	}
	return root
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
func dfs(cfg *CFG, block int, nodes []UnionFindNode, number []int, last []int, current int) int {
	nodes[current].Init(block, current)
	number[block] = current
	lastID := current
	for _, target := range cfg.Blocks[block].OutEdges {
		if number[target] == unvisited {
			lastID = dfs(cfg, target, nodes, number, last, lastID+1)
		}
	}
	last[number[block]] = lastID
	return lastID
}

// LoopFinder finds loops. It owns its bookkeeping, named as in Havlak's
// paper, and keeps it from one call to the next: a call on a graph no
// bigger than an earlier one allocates none of it again. Only the first
// size entries of each slice belong to the current call; blocks are
// identified by preorder number from step b on. One finder per goroutine.
type LoopFinder struct {
	number       []int           // preorder number by block number (0..N-1)
	nodes        []UnionFindNode // by preorder number, in one slice
	last         []int           // the last preorder number in each subtree
	header       []int           // the innermost loop header of each block
	types        []blockType
	backPreds    [][]int
	nonBackPreds [][]int          // each a set
	nodePool     []*UnionFindNode // the loop body being collected
}

// NewLoopFinder is a finder with no bookkeeping yet.
func NewLoopFinder() *LoopFinder { return &LoopFinder{} }

// grow makes s at least size long, keeping what it holds.
func grow[T any](s []T, size int) []T {
	if len(s) < size {
		s = append(s, make([]T, size-len(s))...)
	}
	return s
}

// reset makes room for size blocks and clears what the last call left.
// Step a starts here: every block is unvisited until the search reaches it.
func (f *LoopFinder) reset(size int) {
	f.number = grow(f.number, size)
	f.last = grow(f.last, size)
	f.header = grow(f.header, size)
	f.types = grow(f.types, size)
	f.backPreds = grow(f.backPreds, size)
	f.nonBackPreds = grow(f.nonBackPreds, size)
	f.nodes = grow(f.nodes, size)
	for i := 0; i < size; i++ {
		f.number[i] = unvisited
		f.nodes[i].Init(noBlock, i)
		f.backPreds[i] = f.backPreds[i][:0]
		f.nonBackPreds[i] = f.nonBackPreds[i][:0]
	}
}

// FindLoops finds the loops of cfg and adds them to lsg; it returns
// lsg.NumLoops(), which counts the artificial root.
func (f *LoopFinder) FindLoops(cfg *CFG, lsg *LSG) int {
	lsg.Clear()
	if cfg.Start == noBlock {
		return lsg.NumLoops()
	}
	size := cfg.NumNodes()
	f.reset(size)
	nonBackPreds, backPreds := f.nonBackPreds, f.backPreds
	number, header, types, last, nodes := f.number, f.header, f.types, f.last, f.nodes

	// Step a: number the blocks in preorder; unreached blocks keep
	// unvisited.
	dfs(cfg, cfg.Start, nodes, number, last, 0)

	// Step b: split each reached block's incoming edges into back edges
	// (from a depth-first descendant, following Tarjan) and the rest.
	for w := 0; w < size; w++ {
		header[w] = 0
		types[w] = nonHeader
		nodeW := nodes[w].bb
		if nodeW == noBlock {
			types[w] = dead
			continue
		}
		for _, nodeV := range cfg.Blocks[nodeW].InEdges {
			v := number[nodeV]
			if v == unvisited {
				continue // an edge from a dead block
			}
			if isAncestor(w, v, last) {
				backPreds[w] = append(backPreds[w], v)
			} else {
				nonBackPreds[w] = appendUnique(nonBackPreds[w], v)
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
		if nodeW == noBlock {
			continue
		}

		// Step d: P starts as the loops (or blocks) the back edges come
		// from.
		nodePool := f.nodePool[:0] // a set
		for _, v := range backPreds[w] {
			if v != w {
				nodePool = appendUnique(nodePool, nodes[v].FindSet())
			} else {
				types[w] = self
			}
		}
		if len(nodePool) != 0 {
			types[w] = reducible
		}

		// P is its own work list: the blocks after next are still to do.
		for next := 0; next < len(nodePool); next++ {
			x := nodePool[next]

			// Step e, Havlak's change to Tarjan: a predecessor outside
			// w's subtree is a second entry into the loop, which makes it
			// irreducible; it is remembered as an entry to w itself.
			for _, y := range nonBackPreds[x.dfsNumber] {
				ydash := nodes[y].FindSet()
				if !isAncestor(w, ydash.dfsNumber, last) {
					types[w] = irreducible
					nonBackPreds[w] = appendUnique(nonBackPreds[w], ydash.dfsNumber)
				} else if ydash.dfsNumber != w && !contains(nodePool, ydash) {
					nodePool = append(nodePool, ydash)
				}
			}
		}

		f.nodePool = nodePool // keeps its storage for the next header

		// Collapse the loop body into w and record the loop. Nested loops
		// join as children, other blocks as the loop's own blocks.
		if len(nodePool) > 0 || types[w] == self {
			loop := lsg.CreateNewLoop()
			loop.SetHeader(nodeW)
			loop.IsReducible = types[w] != irreducible
			nodes[w].loop = loop
			for _, node := range nodePool {
				header[node.dfsNumber] = w
				node.Union(&nodes[w])
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

// contains reports whether value is in set: a linear search.
func contains[T comparable](set []T, value T) bool {
	for _, member := range set {
		if member == value {
			return true
		}
	}
	return false
}

// appendUnique adds value to a slice used as a small set. Linear, like the
// search of the loop body Hundt's program already did; the sets are short.
func appendUnique[T comparable](set []T, value T) []T {
	if contains(set, value) {
		return set
	}
	return append(set, value)
}
