// go-havlak3: Havlak's loop finder with the depth-first numbers in a slice
// and every set (predecessors, loop body, a loop's blocks and children) a
// slice with an append-unique instead of a map. README.md tells the step.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:         "go-havlak3",
	Idea:         "maps used as sets become slices with an append-unique",
	Recursive:    true,
	NewCFG:       func() havlak.CFG { return NewCFG() },
	NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
	NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
}

func main() { havlak.Main(rung) }

func findLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return FindHavlakLoops(cfg.(*CFG), lsg.(*LSG))
}
