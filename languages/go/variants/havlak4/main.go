// go-havlak4: Havlak's loop finder with slices for numbers and sets, and a
// finder object that keeps its bookkeeping from one finding to the next.
// README.md tells the step and what it bought.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:         "go-havlak4",
	Idea:         "a finder object keeps its bookkeeping from finding to finding",
	Recursive:    true,
	NewCFG:       func() havlak.CFG { return NewCFG() },
	NewFinder:    func() havlak.Finder { return finder{NewLoopFinder()} },
	NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
}

func main() { havlak.Main(rung) }

// finder gives the harness a LoopFinder.
type finder struct{ *LoopFinder }

func (f finder) FindLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return f.LoopFinder.FindLoops(cfg.(*CFG), lsg.(*LSG))
}
