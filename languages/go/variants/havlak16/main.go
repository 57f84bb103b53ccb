// go-havlak16: Havlak's loop finder with Ramalingam's fix in one pass: each
// block is a candidate loop header when the iterative depth-first search
// finishes it, and an entry into an irreducible loop waits in the search's
// stack frame of the block it comes from. The CFG is compressed sparse rows,
// the bookkeeping flat arrays by block number, the loop body the header's
// union-find set, the loop graph flat arrays; no recursion. The finder and
// the loop graph allocate nothing in the steady state. README.md tells the
// step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak16",
	Idea:            "one pass: each block a candidate header when the depth-first search finishes it",
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
