package main

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) as Hundt wrote it in Go: it finds the loop nesting forest
// of a CFG, reducible and irreducible loops alike, not its cycles or SCCs.

type blockType int8

const (
	nonHeader   blockType = iota // a plain block
	reducible                    // header of a reducible loop
	self                         // header of a one-block loop
	irreducible                  // header of an irreducible loop
	dead                         // not reachable from the start
)

const (
	unvisited = -1
	noEntry   = -1 // the end of an entry list
)

// isAncestor: with preorder numbers, w is an ancestor of v in the
// depth-first spanning tree iff v lies in w's subtree range [w, last[w]].
func isAncestor(w, v int, last []int) bool { return w <= v && v <= last[w] }

// dfs numbers the blocks reachable from block in preorder, starting with
// current; it returns the last number used.
func dfs(cfg *CFG, block int, f *LoopFinder, current int) int {
	f.number[block] = current
	f.block[current] = block
	f.parent[current] = current
	f.loop[current] = nil
	lastID := current
	for _, target := range cfg.OutEdges(block) {
		if f.number[target] == unvisited {
			lastID = dfs(cfg, int(target), f, lastID+1)
		}
	}
	f.last[current] = lastID
	return lastID
}

// findSet is union-find after Tarjan (1983): parent points each block
// towards the header of the outermost loop found so far that contains it.
// findSet is the set's representative, with path compression: every block
// passed on the way is pointed straight at it. No ranks: path compression
// does the balancing.
func findSet(parent []int, v int) int {
	root := v
	for parent[root] != root {
		root = parent[root]
	}
	for parent[v] != root {
		next := parent[v]
		parent[v] = root
		v = next
	}
	return root
}

// LoopFinder finds loops. It owns its bookkeeping, named as in Havlak's
// paper, and keeps it from one call to the next: a call on a graph no
// bigger than an earlier one allocates none of it again. Only the first
// size entries of each slice belong to the current call; blocks are
// identified by preorder number from step b on, and every array but number
// is indexed by it. One finder per goroutine.
type LoopFinder struct {
	number       []int         // preorder number by block number (0..N-1)
	block        []int         // block number by preorder number
	parent       []int         // union-find: towards the set's representative
	loop         []*SimpleLoop // the loop each block heads, if any
	last         []int         // the last preorder number in each subtree
	header       []int         // the innermost loop header of each block
	types        []blockType
	backPreds    [][]int
	nonBackPreds [][]int // each a set
	nodePool     []int   // the loop body being collected
	inPool       []bool  // in nodePool

	// The entries into irreducible loops, recorded at their headers: one
	// linked list per header, all in two shared arrays; entriesHead[w] is
	// the first of w's, noEntry when it has none.
	entriesHead        []int
	entriesNext        []int
	entriesNode        []int
	headersWithEntries []int // whose lists the next call must clear
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
	oldSize := len(f.entriesHead)
	f.number = grow(f.number, size)
	f.block = grow(f.block, size)
	f.parent = grow(f.parent, size)
	f.loop = grow(f.loop, size)
	f.last = grow(f.last, size)
	f.header = grow(f.header, size)
	f.types = grow(f.types, size)
	f.backPreds = grow(f.backPreds, size)
	f.nonBackPreds = grow(f.nonBackPreds, size)
	f.inPool = grow(f.inPool, size)
	f.entriesHead = grow(f.entriesHead, size)
	for i := oldSize; i < len(f.entriesHead); i++ {
		f.entriesHead[i] = noEntry
	}
	for i := 0; i < size; i++ {
		f.number[i] = unvisited
		f.block[i] = noBlock
		f.backPreds[i] = f.backPreds[i][:0]
		f.nonBackPreds[i] = f.nonBackPreds[i][:0]
	}
}

// addEntry records v as an entry into the irreducible loop headed by w,
// once (a set, as in Hundt's code).
func (f *LoopFinder) addEntry(w, v int) {
	for entry := f.entriesHead[w]; entry != noEntry; entry = f.entriesNext[entry] {
		if f.entriesNode[entry] == v {
			return
		}
	}
	if f.entriesHead[w] == noEntry {
		f.headersWithEntries = append(f.headersWithEntries, w)
	}
	f.entriesNext = append(f.entriesNext, f.entriesHead[w])
	f.entriesNode = append(f.entriesNode, v)
	f.entriesHead[w] = len(f.entriesNode) - 1
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
	number, block, parent, loops := f.number, f.block, f.parent, f.loop
	header, types, last, inPool := f.header, f.types, f.last, f.inPool

	// Step a: number the blocks in preorder; unreached blocks keep
	// unvisited.
	dfs(cfg, cfg.Start, f, 0)

	// Step b: split each reached block's incoming edges into back edges
	// (from a depth-first descendant, following Tarjan) and the rest.
	for w := 0; w < size; w++ {
		header[w] = 0
		types[w] = nonHeader
		nodeW := block[w]
		if nodeW == noBlock {
			types[w] = dead
			continue
		}
		for _, nodeV := range cfg.InEdges(nodeW) {
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
	// body P (nodePool). Whether a candidate is in P is one flag
	// (inPool), set while it is: a body of p blocks costs O(p) here; the
	// algorithm itself is quadratic in the worst case (Ramalingam, TOPLAS
	// 1999).
	for w := size - 1; w >= 0; w-- {
		nodeW := block[w]
		if nodeW == noBlock {
			continue
		}

		// Step d: P starts as the loops (or blocks) the back edges come
		// from.
		nodePool := f.nodePool[:0] // a set
		for _, v := range backPreds[w] {
			if v != w {
				if x := findSet(parent, v); !inPool[x] {
					inPool[x] = true
					nodePool = append(nodePool, x)
				}
			} else {
				types[w] = self
			}
		}
		if len(nodePool) != 0 {
			types[w] = reducible
		}

		// Step e, Havlak's change to Tarjan: a predecessor outside w's
		// subtree is a second entry into the loop, which makes it
		// irreducible; it is remembered as an entry to w itself.
		visit := func(y int) {
			ydash := findSet(parent, y)
			if !isAncestor(w, ydash, last) {
				types[w] = irreducible
				f.addEntry(w, ydash)
			} else if ydash != w && !inPool[ydash] {
				inPool[ydash] = true
				nodePool = append(nodePool, ydash)
			}
		}
		// P is its own work list: the blocks after next are still to do.
		for next := 0; next < len(nodePool); next++ {
			x := nodePool[next]
			for _, y := range nonBackPreds[x] {
				visit(y)
			}
			for entry := f.entriesHead[x]; entry != noEntry; entry = f.entriesNext[entry] {
				visit(f.entriesNode[entry])
			}
		}

		f.nodePool = nodePool // keeps its storage for the next header

		// Collapse the loop body into w and record the loop. Nested loops
		// join as children, other blocks as the loop's own blocks.
		if len(nodePool) > 0 || types[w] == self {
			loop := lsg.CreateNewLoop()
			loop.SetHeader(nodeW)
			loop.IsReducible = types[w] != irreducible
			loops[w] = loop
			for _, node := range nodePool {
				header[node] = w
				inPool[node] = false
				parent[node] = w
				if loops[node] != nil {
					loops[node].SetParent(loop)
				} else {
					loop.AddNode(block[node])
				}
			}
		}
	}

	for _, w := range f.headersWithEntries {
		f.entriesHead[w] = noEntry
	}
	f.headersWithEntries = f.headersWithEntries[:0]
	f.entriesNext = f.entriesNext[:0]
	f.entriesNode = f.entriesNode[:0]
	return lsg.NumLoops()
}

// appendUnique adds value to a slice used as a small set: a linear search;
// the sets are short.
func appendUnique[T comparable](set []T, value T) []T {
	for _, member := range set {
		if member == value {
			return set
		}
	}
	return append(set, value)
}
