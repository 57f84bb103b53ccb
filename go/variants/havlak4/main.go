// go-havlak4: go-havlak3 with the bookkeeping of each finding cached in a
// finder object and reused by the next finding (README.md).
package main

import "havlak/havlak"

func main() {
	havlak.Main(havlak.Rung{
		Name:         "go-havlak4",
		Idea:         "a finder object keeps its bookkeeping from finding to finding",
		Recursive:    true,
		NewCFG:       func() havlak.CFG { return NewCFG() },
		NewFinder:    func() havlak.Finder { return finder{NewLoopFinder()} },
		NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
	})
}

// finder gives the harness a LoopFinder.
type finder struct{ *LoopFinder }

func (f finder) FindLoops(cfg havlak.CFG, lsg havlak.LoopGraph) int {
	return f.LoopFinder.FindLoops(cfg.(*CFG), lsg.(*LSG))
}
