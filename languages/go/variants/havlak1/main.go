// go-havlak1: Hundt's Go design. Maps keyed by block pointers, maps used
// as sets, a recursive depth-first search, all bookkeeping built afresh and
// a fresh loop graph for every finding. README.md says why it is the
// bottom of the Go ladder; the other rungs change one thing each.
package main

import "havlak/havlak"

// rung is this rung, for main and the benchmark (bench_test.go).
var rung = havlak.Rung{
	Name:         "go-havlak1",
	Idea:         "Hundt's Go design: maps keyed by block pointers, maps as sets",
	Recursive:    true,
	NewCFG:       func() havlak.CFG { return NewCFG() },
	NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
	NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
}

func main() { havlak.Main(rung) }

func findLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return FindHavlakLoops(cfg.(*CFG), lsg.(*LSG))
}
