// Package havlak is what every Go rung shares: Hundt's workload, the
// command line (main.go), CFG files (cfgfile.go), the canonical loop forest
// and the benchmark (bench.go). A rung (a folder under variants/) brings
// only its CFG, its loop finder and its loop structure graph, and its main
// is one call:
//
//	func main() {
//		havlak.Main(havlak.Rung{
//			Name:         "go-havlak1",
//			Idea:         "Hundt's map-heavy Go design",
//			Recursive:    true,
//			NewCFG:       func() havlak.CFG { return NewCFG() },
//			NewFinder:    func() havlak.Finder { return havlak.FinderFunc(findLoops) },
//			NewLoopGraph: func() havlak.LoopGraph { return NewLSG() },
//		})
//	}
package havlak

import "sort"

// Builder is the graph-builder interface of Hundt's CFG: CreateNode creates
// a block if it is new, AddEdge creates both ends if they are new, and the
// first block ever created is the start block.
type Builder interface {
	CreateNode(block int)
	AddEdge(from, to int)
}

// CFG is a rung's control-flow graph, built through Hundt's interface.
type CFG = Builder

// Finisher is a CFG built in two steps (adding edges, then laying them
// out): the harness calls Finish after adding edges, before finding loops.
type Finisher interface{ Finish() }

// FinishCFG calls cfg.Finish if cfg has one.
func FinishCFG(cfg Builder) {
	if f, ok := cfg.(Finisher); ok {
		f.Finish()
	}
}

// LoopGraph is a rung's loop structure graph.
type LoopGraph interface {
	// NumLoops counts the loops found plus the artificial root.
	NumLoops() int
	// CalculateNestingLevel links outermost loops to the root, then sets
	// every loop's depth and nesting level.
	CalculateNestingLevel()
	// RootNestingLevel is the root's nesting level (the deepest loop's
	// depth), after CalculateNestingLevel.
	RootNestingLevel() int
	// ToLoopForest is the canonical forest; requires CalculateNestingLevel.
	ToLoopForest() LoopForest
}

// Finder finds the loops of a rung's CFG, adds them to the rung's loop
// graph and returns lsg.NumLoops() (the root included), as Hundt's
// FindHavlakLoops does.
type Finder interface {
	FindLoops(cfg CFG, lsg LoopGraph) int
}

// FinderFunc is a Finder without state.
type FinderFunc func(cfg CFG, lsg LoopGraph) int

// FindLoops calls f.
func (f FinderFunc) FindLoops(cfg CFG, lsg LoopGraph) int { return f(cfg, lsg) }

// Rung is what a rung gives the shared main program.
type Rung struct {
	Name string // "go-havlak1": unique among all languages' programs
	Idea string // the rung's one idea, for people
	// ReusesLoopGraph: FindLoops clears the graph it is given, so one
	// graph serves every finding but the first big-graph one.
	ReusesLoopGraph bool
	// Recursive: the depth-first search recurses, one frame per block of
	// the longest path, so the stack limit is raised from the graph's size.
	Recursive    bool
	NewCFG       func() CFG
	NewFinder    func() Finder
	NewLoopGraph func() LoopGraph
}

// discardingFinder finds cfg's loops with finder as a repeated finding
// does, keeping no result: into one graph the rung clears and refills when
// it ReusesLoopGraph, else into a fresh graph each time.
func (rung *Rung) discardingFinder(cfg CFG, finder Finder) func() int {
	if !rung.ReusesLoopGraph {
		return func() int { return finder.FindLoops(cfg, rung.NewLoopGraph()) }
	}
	reused := rung.NewLoopGraph()
	return func() int { return finder.FindLoops(cfg, reused) }
}

// NoParent is the parent of an outermost loop.
const NoParent = -1

// ForestLoop is one loop of the canonical loop forest, in dense block
// numbers.
type ForestLoop struct {
	Header int
	// The loop's own blocks: its header and every block whose innermost
	// loop it is, ascending.
	Blocks       []int
	Reducible    bool
	Parent       int // the enclosing loop's header, or NoParent
	Depth        int // 1 for outermost loops
	NestingLevel int // 0 for innermost loops
}

// LoopForest is every loop a rung found, ascending by header; the
// artificial root is not among them.
type LoopForest struct {
	Loops []ForestLoop
}

// LoopForestBuilder collects loops in any order, with their blocks in any
// order, and produces the canonical forest.
type LoopForestBuilder struct{ loops []ForestLoop }

// Add adds one loop; it takes ownership of loop.Blocks.
func (b *LoopForestBuilder) Add(loop ForestLoop) {
	sort.Ints(loop.Blocks)
	b.loops = append(b.loops, loop)
}

// Build sorts the loops by header and returns the forest.
func (b *LoopForestBuilder) Build() LoopForest {
	loops := b.loops
	sort.Slice(loops, func(i, j int) bool { return loops[i].Header < loops[j].Header })
	b.loops = nil
	return LoopForest{loops}
}
