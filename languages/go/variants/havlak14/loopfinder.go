package main

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost
// linear time", TOPLAS 21(2), 1999): it finds the same loop nesting forest
// as Havlak's algorithm, reducible and irreducible loops alike (not cycles
// or SCCs), in almost linear time on every graph instead of quadratic time
// on some.

const (
	unvisited  = -1
	noEntry    = -1 // the end of an entry list
	noShortcut = -2 // irreducibleUp of a loop without one (noLoop: to the top)
)

// deferred is an entry put aside until the walk reaches a block: v enters
// the loops around header w's; resolve means their nearest common DFS
// ancestor is still to be found then.
type deferred struct {
	next    int // noEntry ends a list
	header  int
	entry   int
	resolve bool
}

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
	number []int   // preorder number by block number (0..N-1)
	block  []int   // block number by preorder number
	parent []int   // union-find: towards the set's representative
	last   []int   // the last preorder number in each subtree
	stack  []frame // the depth-first search's path
	// The body P of the loop being collected, which is also its work list.
	// A block joins w's union-find set as it joins P, so P needs no
	// membership test: findSet of anything already in P answers w.
	nodePool []int

	// The entries of each block x: blocks outside x's loop with an edge
	// into it, which the loop around x must take in. One linked list per
	// block, all in two shared arrays; entriesHead[x] is the first of x's,
	// noEntry when it has none.
	entriesHead       []int
	entriesNext       []int
	entriesNode       []int
	blocksWithEntries []int // whose lists the next call must clear

	// Deferred entries, by the preorder number at which they are due.
	deferredHead      []int // noEntry: none
	deferred          []deferred
	nodesWithDeferred []int
	// DFS parents, then shortcuts up the DFS tree; built when first needed
	// in a call (most graphs never need them).
	ancestor       []int
	ancestorsBuilt bool
	reached        int
	open           []int
	// Per loop: an irreducible loop further up such that the loops in
	// between are irreducible already, or noShortcut (then its parent is
	// next).
	irreducibleUp []int
	walked        []int
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
	f.entriesHead = grow(f.entriesHead, size)
	f.deferredHead = grow(f.deferredHead, size)
	for i := oldSize; i < len(f.entriesHead); i++ {
		f.entriesHead[i] = noEntry
		f.deferredHead[i] = noEntry
	}
	f.ancestorsBuilt = false
	f.irreducibleUp = f.irreducibleUp[:0]
	for i := 0; i < size; i++ {
		f.number[i] = unvisited
	}
}

// addEntry records v as an entry of x. No duplicate check: each entry
// comes from one deferred edge and is read once, so duplicates cost no more
// than the edges that made them.
func (f *LoopFinder) addEntry(x, v int) {
	if f.entriesHead[x] == noEntry {
		f.blocksWithEntries = append(f.blocksWithEntries, x)
	}
	f.entriesNext = append(f.entriesNext, f.entriesHead[x])
	f.entriesNode = append(f.entriesNode, v)
	f.entriesHead[x] = len(f.entriesNode) - 1
}

// Ramalingam's fix. Havlak's step e, finding an entry v into the loop of
// header w from outside w's DFS subtree, makes w's loop irreducible and
// hands v to w as an entry; each loop around w then finds v again and hands
// it on, one level at a time: quadratic on deep nests. Yet every loop
// around w up to the nearest common DFS ancestor of v and w is irreducible
// for the same reason, and the first loop at or above that ancestor takes v
// in. So v is put aside (defer) until the reverse-preorder walk reaches
// that ancestor, and then (deliver) the loops in between are marked
// irreducible and v becomes an entry of the outermost of them.

// postpone puts a deferred entry on node's list.
func (f *LoopFinder) postpone(node, w, v int, resolve bool) {
	if f.deferredHead[node] == noEntry {
		f.nodesWithDeferred = append(f.nodesWithDeferred, node)
	}
	f.deferred = append(f.deferred, deferred{f.deferredHead[node], w, v, resolve})
	f.deferredHead[node] = len(f.deferred) - 1
}

// ancestorAtMost is the deepest DFS ancestor of v numbered at most bound,
// all blocks after bound being done (a union-find over DFS parents, as in
// Tarjan's offline nearest-common-ancestor algorithm).
func (f *LoopFinder) ancestorAtMost(v, bound int) int {
	if !f.ancestorsBuilt {
		// The DFS parent of v is the innermost block whose subtree is
		// still open when the preorder reaches v. O(N), once per call.
		f.ancestor = grow(f.ancestor, f.reached)
		open := f.open[:0]
		for node := 0; node < f.reached; node++ {
			for len(open) > 0 && f.last[open[len(open)-1]] < node {
				open = open[:len(open)-1]
			}
			f.ancestor[node] = unvisited
			if len(open) > 0 {
				f.ancestor[node] = open[len(open)-1]
			}
			open = append(open, node)
		}
		f.open = open
		f.ancestorsBuilt = true
	}
	ancestor := v
	for ancestor > bound {
		ancestor = f.ancestor[ancestor]
	}
	// Path compression: the blocks passed stay behind the walk, whose
	// bound only decreases.
	for v > bound {
		next := f.ancestor[v]
		f.ancestor[v] = ancestor
		v = next
	}
	return ancestor
}

// deferEntry puts v, an entry into the loop of header w from outside w's
// DFS subtree, aside until the walk reaches their common ancestor.
func (f *LoopFinder) deferEntry(w, v int) {
	switch {
	case isAncestor(v, w, f.last):
		// The common ancestor is v itself.
		f.postpone(v, w, v, false)
	case v > w:
		// Numbered after w's subtree, so already behind the walk: the
		// common ancestor is v's deepest ancestor numbered at most w.
		f.postpone(f.ancestorAtMost(v, w), w, v, false)
	default:
		// Numbered before w: the same search, from w, once the walk is
		// at v.
		f.postpone(v, w, v, true)
	}
}

// deliver hands v, an entry into the loops around header w's up to their
// common ancestor, to the loop that takes it in. Every loop around w's
// whose header comes after the common ancestor does not hold v in its DFS
// subtree: v enters it from outside. The shortcuts skip loops found
// irreducible before, so each loop is marked once, however many entries
// pass it.
func (f *LoopFinder) deliver(w, v, ancestor int, lsg *LSG) {
	for len(f.irreducibleUp) < lsg.NumLoops() {
		f.irreducibleUp = append(f.irreducibleUp, noShortcut)
	}
	up := func(loop int) int {
		if f.irreducibleUp[loop] != noShortcut {
			return f.irreducibleUp[loop]
		}
		return lsg.Parent(loop)
	}
	walked := f.walked[:0]
	loop := up(lsg.LoopOf(f.block[w]))
	for loop > root && f.number[lsg.Header(loop)] > ancestor {
		lsg.MarkIrreducible(loop)
		walked = append(walked, loop)
		loop = up(loop)
	}
	// Shortcuts to the outermost loop marked: from it the walk goes on by
	// its parent, which a later header may yet set.
	if len(walked) > 0 {
		outermost := walked[len(walked)-1]
		for _, passed := range walked {
			f.irreducibleUp[passed] = outermost
		}
		f.irreducibleUp[outermost] = noShortcut
	}
	f.walked = walked
	// The loop around the outermost of them, at or above the common
	// ancestor, takes v in.
	f.addEntry(findSet(f.parent, w), v)
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
	last := f.last

	// Step a: number the blocks reachable from the start in preorder,
	// 0..reached-1; the others keep unvisited and take no further part.
	f.reached = f.dfs(cfg, cfg.Start)

	// Step b, splitting each block's predecessors into back-edge and other
	// predecessors, is gone: both kinds are read straight from the CFG
	// where step c needs them. An edge v -> w is a back edge iff w is an
	// ancestor of v (following Tarjan).

	// Step c: visit the blocks in reverse preorder, so inner loop headers
	// come before the headers of loops around them. For a header w, chase
	// backwards from the sources of its back edges, collecting the loop
	// body P (nodePool), each block of it joining w's set as it joins P.
	// Each block's predecessors are read when it is a header and when it
	// joins a loop body, each entry once: almost linear in all, O(E
	// alpha(E, N)).
	for w := f.reached - 1; w >= 0; w-- {
		nodeW := block[w]

		// Entries put aside until the walk got here.
		for d := f.deferredHead[w]; d != noEntry; d = f.deferred[d].next {
			entry := f.deferred[d] // postpone may move the slice
			if entry.resolve {
				f.postpone(f.ancestorAtMost(entry.header, w), entry.header, entry.entry, false)
			} else {
				f.deliver(entry.header, entry.entry, w, lsg)
			}
		}

		// Step d: P starts as the loops (or blocks) the back edges come
		// from.
		nodePool := f.nodePool[:0] // a set
		selfLoop, irreducible := false, false
		for _, predecessor := range cfg.InEdges(nodeW) {
			v := number[predecessor]
			if v == unvisited || !isAncestor(w, v, last) {
				continue
			}
			if v != w {
				if x := findSet(parent, v); x != w {
					parent[x] = w
					nodePool = append(nodePool, x)
				}
			} else {
				selfLoop = true
			}
		}

		// Step e, Havlak's change to Tarjan: a predecessor outside w's
		// subtree is a second entry into the loop, which makes it
		// irreducible; it is put aside for the loop that will take it in
		// (deferEntry).
		visit := func(y int) {
			ydash := findSet(parent, y)
			if !isAncestor(w, ydash, last) {
				irreducible = true
				f.deferEntry(w, ydash)
			} else if ydash != w {
				parent[ydash] = w
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
		if len(nodePool) > 0 || selfLoop {
			loop := lsg.CreateNewLoop(nodeW, !irreducible)
			for _, node := range nodePool {
				if inner := lsg.LoopOf(block[node]); inner != noLoop {
					lsg.SetParent(inner, loop) // only headers are in a loop yet
				} else {
					lsg.AddNode(loop, block[node])
				}
			}
		}
	}

	for _, x := range f.blocksWithEntries {
		f.entriesHead[x] = noEntry
	}
	f.blocksWithEntries = f.blocksWithEntries[:0]
	f.entriesNext = f.entriesNext[:0]
	f.entriesNode = f.entriesNode[:0]
	for _, node := range f.nodesWithDeferred {
		f.deferredHead[node] = noEntry
	}
	f.nodesWithDeferred = f.nodesWithDeferred[:0]
	f.deferred = f.deferred[:0]
	return lsg.NumLoops()
}
