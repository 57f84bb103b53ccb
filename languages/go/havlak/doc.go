// Package havlak is what every Go rung shares, written once like the C++
// suite's havlak/ folder: Hundt's workload, the command line, CFG files,
// the canonical loop forest and its output, the JSON run record, time,
// memory and allocation measurement, and the profilers. A rung (a folder
// under go/variants/) brings only its CFG, its loop finder and its loop
// structure graph, and its main is one call:
//
//	func main() {
//		havlak.Main(havlak.Rung{
//			Name:         "go-havlak1",
//			Idea:         "Hundt's map-heavy Go design",
//			Recursive:    true,
//			NewCFG:       func() havlak.CFG { return NewCFG() },
//			NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
//			NewLoopGraph: func() havlak.LoopGraph { return NewLoopStructureGraph() },
//		})
//	}
//
// Everything a rung prints or writes (the report, the --json record, the
// loop forest of --cfg, the CFG files of --dump-cfg, error messages and exit
// statuses) is the same as the C++ rungs', byte for byte where the tests
// compare them, so the two languages' results can sit in one table.
package havlak
