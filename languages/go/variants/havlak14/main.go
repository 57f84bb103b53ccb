// go-havlak14: Havlak's loop finder on a CFG in flat arrays: each block's
// successors and predecessors are a range of one array (compressed sparse
// rows of 32-bit block numbers); the loop body being collected is the
// header's union-find set; the finder's bookkeeping is flat arrays indexed by
// preorder number, union-find included, and the entries of irreducible
// loops are linked lists in two shared arrays; predecessors are classified
// where they are used, and unreachable blocks are skipped; the depth-first
// search keeps its own stack; the loop graph is flat arrays (a loop is an
// index, each block maps to its innermost loop), no recursion anywhere; with
// Ramalingam's fix the finder is almost linear on every graph. The finder
// and the loop graph allocate nothing in the steady state. README.md tells
// the step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak14",
	Idea:            "the loop body is the union-find set: no membership flag",
	Recursive:       false,
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
