package main

import (
	"math"
	"sort"
)

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost
// linear time", TOPLAS 21(2), 1999): it finds the same loop nesting forest
// as Havlak's algorithm, reducible and irreducible loops alike (not cycles
// or SCCs), in almost linear time on every graph instead of quadratic time
// on some.

const (
	unvisited = -1
	noEntry   = -1 // the end of an entry list
	// last of a block on the search's path: every block numbered since it
	// was reached is in its subtree.
	open       = math.MaxInt
	noShortcut = -2 // irreducibleUp of a loop without one (noLoop: to the top)
)

// deferred is an entry put aside until the search finishes a block on its
// path: that block enters the loops around header's.
type deferred struct {
	next   int // noEntry ends a list
	header int
}

// frame is a block of the depth-first search's path with the rest of its
// successors, successors.neighbours[next:end], and the entries deferred
// to it (a list in LoopFinder.deferred).
type frame struct {
	block     int
	next, end uint32
	deferred  int
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
// size entries of each slice belong to the current call. Every array is
// indexed by block number (0..N-1) and holds block numbers or preorder
// numbers as named. One finder per goroutine.
type LoopFinder struct {
	number []int   // preorder number, or unvisited
	parent []int   // union-find: towards the set's representative
	last   []int   // the last preorder number in each subtree, or open
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

	deferred []deferred // the lists of the search's frames
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

// reset makes room for size blocks and clears what the last call left:
// every block is unvisited until the search reaches it.
func (f *LoopFinder) reset(size int) {
	oldSize := len(f.entriesHead)
	f.number = grow(f.number, size)
	f.parent = grow(f.parent, size)
	f.last = grow(f.last, size)
	f.entriesHead = grow(f.entriesHead, size)
	for i := oldSize; i < len(f.entriesHead); i++ {
		f.entriesHead[i] = noEntry
	}
	f.irreducibleUp = f.irreducibleUp[:0]
	for i := 0; i < size; i++ {
		f.number[i] = unvisited
	}
}

// addEntry records v as an entry of x. No duplicate check: each entry
// comes from one edge and is read once.
func (f *LoopFinder) addEntry(x, v int) {
	if f.entriesHead[x] == noEntry {
		f.blocksWithEntries = append(f.blocksWithEntries, x)
	}
	f.entriesNext = append(f.entriesNext, f.entriesHead[x])
	f.entriesNode = append(f.entriesNode, v)
	f.entriesHead[x] = len(f.entriesNode) - 1
}

// markIrreducible marks loop and the loops around it irreducible, up to the
// first that is the root or not inside; it returns that one. The shortcuts
// skip loops found irreducible before, so each loop is marked once, however
// many entries pass it.
func (f *LoopFinder) markIrreducible(loop int, inside func(loop int) bool, lsg *LSG) int {
	for len(f.irreducibleUp) < lsg.NumLoops() {
		f.irreducibleUp = append(f.irreducibleUp, noShortcut)
	}
	up := func(from int) int {
		if f.irreducibleUp[from] != noShortcut {
			return f.irreducibleUp[from]
		}
		return lsg.Parent(from)
	}
	walked := f.walked[:0]
	for loop > root && inside(loop) {
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
	return loop
}

// crossEdge handles an edge from source, on the search's path, to target,
// numbered before it and finished.
func (f *LoopFinder) crossEdge(source, target int, lsg *LSG) {
	outermost := findSet(f.parent, target)
	// Not in a finished loop: the edge is read with target's predecessors
	// when target joins a loop body, source numbered by then.
	if outermost == target {
		return
	}
	// Every finished loop holding target (as more than its header) has its
	// header off the search's path, so source is outside its subtree. The
	// loop around the outermost is on the path: source is inside it.
	loop := lsg.LoopOf(target)
	if lsg.Header(loop) == target {
		loop = lsg.Parent(loop)
	}
	f.markIrreducible(loop, func(int) bool { return true }, lsg)
	f.addEntry(outermost, source)
}

// deferEntry puts entry, a block outside header w's subtree with an edge
// into w's loop, aside until the search finishes it. An entry numbered
// already yet outside w's subtree can only be on the search's path (an
// edge never runs from a finished block to one reached after it), so it
// waits in that block's frame.
func (f *LoopFinder) deferEntry(w, entry int) {
	stack, number := f.stack, f.number
	i := sort.Search(len(stack), func(i int) bool { return number[stack[i].block] >= number[entry] })
	f.deferred = append(f.deferred, deferred{stack[i].deferred, w})
	stack[i].deferred = len(f.deferred) - 1
}

// collectLoop is Havlak's step e for header w, whose loop body P starts as
// nodePool: it chases backwards from those blocks, collecting the rest of
// P, and records the loop. It returns P, for its storage.
func (f *LoopFinder) collectLoop(cfg *CFG, w int, nodePool []int, lsg *LSG) []int {
	number, last, parent := f.number, f.last, f.parent
	first, wLast := number[w], last[w] // w's subtree range

	// Step e, Havlak's change to Tarjan: a predecessor outside w's DFS
	// subtree is a second entry into the loop, which makes it irreducible;
	// it is deferred (deferEntry) and delivered once, to the loop that
	// takes it in (Ramalingam's fix), not once per loop in between.
	irreducible := false
	anyEntries := len(f.entriesNode) > 0
	visit := func(y int) {
		ydash := findSet(parent, y)
		if yNumber := number[ydash]; yNumber >= first && yNumber <= wLast {
			if ydash != w {
				parent[ydash] = w
				nodePool = append(nodePool, ydash)
			}
		} else {
			irreducible = true
			f.deferEntry(w, ydash)
		}
	}
	// P is its own work list: the blocks after next are still to do.
	for next := 0; next < len(nodePool); next++ {
		x := nodePool[next]
		xFirst, xLast := number[x], last[x]
		for _, u := range cfg.InEdges(x) {
			// Unnumbered: reached later, if at all (see crossEdge). In
			// x's own subtree: a back edge of x's, already followed.
			if uNumber := number[u]; uNumber != unvisited && (uNumber < xFirst || uNumber > xLast) {
				visit(int(u))
			}
		}
		if !anyEntries {
			continue // the usual case: no loop is irreducible
		}
		for entry := f.entriesHead[x]; entry != noEntry; entry = f.entriesNext[entry] {
			visit(f.entriesNode[entry])
		}
	}

	// Collapse the loop body into w and record the loop. Nested loops join
	// as children, other blocks as the loop's own blocks. The loop graph's
	// map from block to innermost loop is Havlak's header array.
	loop := lsg.CreateNewLoop(w, !irreducible)
	for _, node := range nodePool {
		if inner := lsg.LoopOf(node); inner != noLoop {
			lsg.SetParent(inner, loop) // only headers are in a loop yet
		} else {
			lsg.AddNode(loop, node)
		}
	}
	return nodePool
}

// FindLoops finds the loops of cfg and adds them to lsg; it returns
// lsg.NumLoops(), which counts the artificial root.
func (f *LoopFinder) FindLoops(cfg *CFG, lsg *LSG) int {
	lsg.Clear(cfg.NumNodes())
	if cfg.Start == noBlock {
		return lsg.NumLoops()
	}
	f.reset(cfg.NumNodes())
	number, last, parent := f.number, f.last, f.parent
	begin, successors := cfg.successors.begin, cfg.successors.neighbours

	// One depth-first search, iterative, successors in order: a block is
	// numbered in preorder when reached and handled as a potential loop
	// header (Havlak's steps d and e) when finished, in postorder, which
	// like reverse preorder puts a header after every block of its subtree.
	// Step b, splitting each block's predecessors into back-edge and other
	// predecessors, is gone: both kinds are read straight from the CFG
	// where they are needed. O(E alpha(E, N)).
	nextNumber := 0
	var current frame
	enter := func(block int) {
		number[block] = nextNumber
		nextNumber++
		last[block] = open
		parent[block] = block
		current = frame{block, begin[block], begin[block+1], noEntry}
	}
	enter(cfg.Start)
	for {
		// Successors in order, as the recursive search takes them. A
		// target numbered before this block and finished is off the path:
		// a cross edge.
		currentNumber := number[current.block]
		for ; current.next != current.end; current.next++ {
			target := int(successors[current.next])
			targetNumber := number[target]
			if targetNumber == unvisited {
				break
			}
			if targetNumber < currentNumber && last[target] != open {
				f.crossEdge(current.block, target, lsg)
			}
		}
		if current.next != current.end {
			target := int(successors[current.next])
			current.next++
			f.stack = append(f.stack, current)
			enter(target)
			continue
		}

		// Finished: w's whole subtree is numbered and done.
		w := current.block
		wLast := nextNumber - 1
		last[w] = wLast
		// Entries from w into loops below it, deferred to now: the loops
		// around theirs up to w are entered from outside (irreducible),
		// and the loop around the outermost of them, w's or above, takes w
		// in.
		for d := current.deferred; d != noEntry; d = f.deferred[d].next {
			header := f.deferred[d].header
			f.markIrreducible(lsg.Parent(lsg.LoopOf(header)), func(loop int) bool {
				return number[lsg.Header(loop)] > currentNumber
			}, lsg)
			f.addEntry(findSet(parent, header), w)
		}
		// Step d: P starts as the loops (or blocks) the back edges come
		// from, all in w's subtree. Most blocks have none and are done
		// here.
		nodePool := f.nodePool[:0]
		selfLoop := false
		for _, predecessor := range cfg.InEdges(w) {
			v := int(predecessor)
			// unvisited is outside any range
			if vNumber := number[v]; vNumber < currentNumber || vNumber > wLast {
				continue
			}
			if v == w {
				selfLoop = true
			} else if x := findSet(parent, v); x != w {
				parent[x] = w // in w's set as it joins P
				nodePool = append(nodePool, x)
			}
		}
		if len(nodePool) > 0 {
			nodePool = f.collectLoop(cfg, w, nodePool, lsg)
		} else if selfLoop {
			lsg.CreateNewLoop(w, true)
		}
		f.nodePool = nodePool // keeps its storage for the next header

		if len(f.stack) == 0 {
			break
		}
		current = f.stack[len(f.stack)-1]
		f.stack = f.stack[:len(f.stack)-1]
	}

	for _, x := range f.blocksWithEntries {
		f.entriesHead[x] = noEntry
	}
	f.blocksWithEntries = f.blocksWithEntries[:0]
	f.entriesNext = f.entriesNext[:0]
	f.entriesNode = f.entriesNode[:0]
	f.deferred = f.deferred[:0]
	return lsg.NumLoops()
}
