// go-havlak11: Havlak's loop finder on a CFG in flat arrays: each block's
// successors and predecessors are a range of one array (compressed sparse
// rows of 32-bit block numbers); whether a block is in the loop body being
// collected is one flag; the finder's bookkeeping is flat arrays indexed by
// preorder number, union-find included, and the entries of irreducible
// loops are linked lists in two shared arrays; predecessors are classified
// where they are used, and unreachable blocks are skipped; the depth-first
// search keeps its own stack, no recursion. The finder and the loop graph
// allocate nothing in the steady state. README.md tells the step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak11",
	Idea:            "no recursion: the depth-first search keeps its own stack",
	Recursive:       true, // the nesting levels, one call per loop of a nest
	ReusesLoopGraph: true,
	NewCFG:          func() havlak.CFG { return NewCFG() },
	NewFinder:       func() havlak.Finder { return finder{NewLoopFinder()} },
	NewLoopGraph:    func() havlak.LoopGraph { return NewLSG() },
}

func main() { havlak.Main(rung) }

// finder gives the harness a LoopFinder.
type finder struct{ *LoopFinder }

func (f finder) FindLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return f.LoopFinder.FindLoops(cfg.(*CFG), lsg.(*LSG))
}
