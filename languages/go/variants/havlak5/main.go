// go-havlak5: Havlak's loop finder with no allocation in the steady state:
// the loop graph is cleared and refilled by every finding (ReusesLoopGraph,
// like Cox's -reuseloopgraph), union-find nodes sit in one
// slice, and the loop body is its own reused work list. README.md tells the
// step and what it bought.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak5",
	Idea:            "no allocation in the steady state: a reused loop graph, pooled union-find nodes",
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
