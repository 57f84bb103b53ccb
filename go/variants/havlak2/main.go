// go-havlak2: go-havlak1 with the depth-first number map, keyed by block
// pointer, become a slice indexed by block number (README.md).
package main

import "havlak/havlak"

func main() {
	havlak.Main(havlak.Rung{
		Name:         "go-havlak2",
		Idea:         "the DFS number map becomes a slice indexed by block number",
		Recursive:    true,
		NewCFG:       func() havlak.CFG { return NewCFG() },
		NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
		NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
	})
}

func findLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return FindHavlakLoops(cfg.(*CFG), lsg.(*LSG))
}
