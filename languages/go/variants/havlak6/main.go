// go-havlak6: Havlak's loop finder on a CFG indexed by block number: a slice
// of blocks whose edges are block numbers, no map and no edge objects (the
// counterpart of Cox's final havlak6), with a finder and a loop graph that
// allocate nothing in the steady state. README.md tells the step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:            "go-havlak6",
	Idea:            "blocks by number in the CFG too: a slice of blocks, edges as numbers",
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
