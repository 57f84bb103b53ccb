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
)

const (
	unvisited = -1
	noEntry   = -1 // the end of an entry list
)

// isAncestor: with preorder numbers, w is an ancestor of v in the
// depth-first spanning tree iff v lies in w's subtree range [w, last[w]].
func isAncestor(w, v int, last []int) bool { return w <= v && v <= last[w] }

// frame is a block of the depth-first search's path with the rest of its
// successors: successors.neighbours[next:end].
type frame struct {
	node      int // preorder number
	next, end uint32
}

// dfs numbers the blocks reachable from start in preorder, 0 up, and
// returns how many it numbered. No recursion: the block being searched
// lives in locals, as it would in a recursive call's registers; the stack
// holds only the blocks above it, each with the rest of its successors.
func (f *LoopFinder) dfs(cfg *CFG, start int) int {
	begin, successors := cfg.successors.begin, cfg.successors.neighbours
	stack := f.stack[:0]
	nextNumber := 0
	var node int
	var next, end uint32
	enter := func(block int) {
		node = nextNumber
		nextNumber++
		f.number[block] = node
		f.block[node] = block
		f.parent[node] = node
		next, end = begin[block], begin[block+1]
	}
	enter(start)
	for {
		// Successors in order, as the recursive search takes them.
		for next != end && f.number[successors[next]] != unvisited {
			next++
		}
		if next != end {
			target := successors[next]
			stack = append(stack, frame{node, next + 1, end})
			enter(int(target))
		} else {
			f.last[node] = nextNumber - 1
			if len(stack) == 0 {
				break
			}
			top := stack[len(stack)-1]
			node, next, end = top.node, top.next, top.end
			stack = stack[:len(stack)-1]
		}
	}
	f.stack = stack // keeps its storage for the next call
	return nextNumber
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
// identified by preorder number from step a on, and every array but number
// is indexed by it. One finder per goroutine.
type LoopFinder struct {
	number   []int // preorder number by block number (0..N-1)
	block    []int // block number by preorder number
	parent   []int // union-find: towards the set's representative
	last     []int // the last preorder number in each subtree
	types    []blockType
	stack    []frame // the depth-first search's path
	nodePool []int   // the loop body being collected
	inPool   []bool  // in nodePool

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
	f.last = grow(f.last, size)
	f.types = grow(f.types, size)
	f.inPool = grow(f.inPool, size)
	f.entriesHead = grow(f.entriesHead, size)
	for i := oldSize; i < len(f.entriesHead); i++ {
		f.entriesHead[i] = noEntry
	}
	for i := 0; i < size; i++ {
		f.number[i] = unvisited
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
	lsg.Clear(cfg.NumNodes())
	if cfg.Start == noBlock {
		return lsg.NumLoops()
	}
	size := cfg.NumNodes()
	f.reset(size)
	number, block, parent := f.number, f.block, f.parent
	types, last, inPool := f.types, f.last, f.inPool

	// Step a: number the blocks reachable from the start in preorder,
	// 0..reached-1; the others keep unvisited and take no further part.
	reached := f.dfs(cfg, cfg.Start)
	for w := 0; w < reached; w++ {
		types[w] = nonHeader
	}

	// Step b, splitting each block's predecessors into back-edge and other
	// predecessors, is gone: both kinds are read straight from the CFG
	// where step c needs them. An edge v -> w is a back edge iff w is an
	// ancestor of v (following Tarjan).

	// Step c: visit the blocks in reverse preorder, so inner loop headers
	// come before the headers of loops around them. For a header w, chase
	// backwards from the sources of its back edges, collecting the loop
	// body P (nodePool). Whether a candidate is in P is one flag
	// (inPool), set while it is. Each block's predecessors are read when it
	// is a header and when it joins a loop body: O(E) reads in all, plus
	// the entries of irreducible loops, which make the algorithm quadratic
	// in the worst case (Ramalingam, TOPLAS 1999).
	for w := reached - 1; w >= 0; w-- {
		nodeW := block[w]

		// Step d: P starts as the loops (or blocks) the back edges come
		// from.
		nodePool := f.nodePool[:0] // a set
		for _, predecessor := range cfg.InEdges(nodeW) {
			v := number[predecessor]
			if v == unvisited || !isAncestor(w, v, last) {
				continue
			}
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
			for _, predecessor := range cfg.InEdges(block[x]) {
				if y := number[predecessor]; y != unvisited && !isAncestor(x, y, last) {
					visit(y)
				}
			}
			for entry := f.entriesHead[x]; entry != noEntry; entry = f.entriesNext[entry] {
				visit(f.entriesNode[entry])
			}
		}

		f.nodePool = nodePool // keeps its storage for the next header

		// Collapse the loop body into w and record the loop. Nested loops
		// join as children, other blocks as the loop's own blocks. The loop
		// graph's map from block to innermost loop is Havlak's header
		// array.
		if len(nodePool) > 0 || types[w] == self {
			loop := lsg.CreateNewLoop(nodeW, types[w] != irreducible)
			for _, node := range nodePool {
				inPool[node] = false
				parent[node] = w
				if inner := lsg.LoopOf(block[node]); inner != noLoop {
					lsg.SetParent(inner, loop) // only headers are in a loop yet
				} else {
					lsg.AddNode(loop, block[node])
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
