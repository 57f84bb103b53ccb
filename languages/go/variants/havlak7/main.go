// go-havlak7: Havlak's loop finder on a CFG in flat arrays: each block's
// successors and predecessors are a range of one array (compressed sparse
// rows of 32-bit block numbers), with a finder and a loop graph that
// allocate nothing in the steady state. README.md tells the step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak7",
	Idea:            "the CFG in flat arrays: compressed sparse rows of successors and predecessors",
	Recursive:       true,
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
