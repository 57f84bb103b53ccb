// go-havlak3: go-havlak2 with the maps used as sets become slices with an
// append-unique (README.md).
package main

import "havlak/havlak"

func main() {
	havlak.Main(havlak.Rung{
		Name:         "go-havlak3",
		Idea:         "maps used as sets become slices with an append-unique",
		Recursive:    true,
		NewCFG:       func() havlak.CFG { return NewCFG() },
		NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
		NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
	})
}

func findLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return FindHavlakLoops(cfg.(*CFG), lsg.(*LSG))
}
