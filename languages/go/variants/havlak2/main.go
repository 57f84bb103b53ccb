// go-havlak2: Havlak's loop finder in Hundt's Go design, with the
// depth-first numbers in a slice indexed by block number instead of a map
// keyed by block pointer. README.md tells the step and what it bought.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:         "go-havlak2",
	Idea:         "the DFS number map becomes a slice indexed by block number",
	Recursive:    true,
	NewCFG:       func() havlak.CFG { return NewCFG() },
	NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
	NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
}

func main() { havlak.Main(rung) }

func findLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return FindHavlakLoops(cfg.(*CFG), lsg.(*LSG))
}
