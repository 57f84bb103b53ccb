package havlak

import "time"

// CFG is a rung's control-flow graph, built through Hundt's interface.
type CFG = Builder

// LoopGraph is a rung's loop structure graph.
type LoopGraph interface {
	// NumLoops counts the loops found plus the artificial root.
	NumLoops() int
	// CalculateNestingLevel links outermost loops to the root, then sets
	// every loop's depth and nesting level.
	CalculateNestingLevel()
	// RootNestingLevel is the root's nesting level: the deepest loop's
	// depth, after CalculateNestingLevel.
	RootNestingLevel() int
	// ToLoopForest is the canonical forest; requires CalculateNestingLevel.
	ToLoopForest() LoopForest
}

// Finder finds the loops of a rung's CFG, adds them to the rung's loop
// graph and returns lsg.NumLoops(), which counts the artificial root, as
// Hundt's FindHavlakLoops does. cfg and lsg are the rung's own types.
type Finder interface {
	FindLoops(cfg CFG, lsg LoopGraph) int
}

// FinderFunc is a Finder without state: a rung whose finder builds all of
// its bookkeeping afresh on each call, as Hundt's program did.
type FinderFunc func(cfg CFG, lsg LoopGraph) int

// FindLoops calls f.
func (f FinderFunc) FindLoops(cfg CFG, lsg LoopGraph) int { return f(cfg, lsg) }

// Rung is what a rung gives the shared main program.
type Rung struct {
	Name string // "go-havlak1": unique among both languages' rungs
	Idea string // the rung's one idea, for people
	// ReusesLoopGraph: FindLoops clears the graph it is given, so one
	// graph's storage can serve every finding (--reuse-loop-graph).
	ReusesLoopGraph bool
	// Recursive: the depth-first search recurses, one frame per block of
	// the longest path, so the stack limit is sized from the graph.
	Recursive    bool
	NewCFG       func() CFG
	NewFinder    func() Finder
	NewLoopGraph func() LoopGraph
}

// Phase is a phase of the workload.
type Phase int

// The phases, in order.
const (
	PhaseSmallGraphLoops Phase = iota
	PhaseCFGConstruction
	PhaseFirstFind
	PhaseRepeatedFinds
	PhaseNestingLevels
	NumPhases
)

// Title is the phase's name for people ("small-graph loops").
func (p Phase) Title() string {
	return [...]string{"small-graph loops", "CFG construction", "first loop finding",
		"repeated loop finding", "nesting levels"}[p]
}

// Key is the phase's name for machines ("small_graph_loops").
func (p Phase) Key() string {
	return [...]string{"small_graph_loops", "cfg_construction", "first_find",
		"repeated_finds", "nesting_levels"}[p]
}

// PhaseTime is one phase's wall time and loop findings.
type PhaseTime struct {
	WallSeconds float64
	Finds       int
}

// WorkloadResult is what one run of the workload found, and how long each
// phase took.
type WorkloadResult struct {
	Phases [NumPhases]PhaseTime
	// Loops (with the root) of the first finding, and summed over all.
	SmallGraphLoops      int
	SmallGraphLoopsTotal int64
	BigGraphLoops        int
	BigGraphLoopsTotal   int64 // the repeated findings only
	// The artificial root's nesting level in the first big-graph result.
	RootNestingLevel int
	// Set when the observer stopped the run after the first big finding.
	StoppedAfterFirstFind bool
}

// WorkloadObserver watches a run.
type WorkloadObserver interface {
	// Progress is called between loop findings of the two long phases.
	Progress(phase Phase, done, total int)
	// ContinueAfterFirstFind is called after the first finding on the big
	// graph; false stops the run there.
	ContinueAfterFirstFind() bool
}

func since(start time.Time) float64 { return time.Since(start).Seconds() }

// RunWorkload runs Hundt's workload on rung, timing each phase. Every
// finding but the first on the big graph (kept for the nesting levels)
// goes into a fresh loop graph, or, with reuse (rungs that ReusesLoopGraph
// only), into one graph the rung clears and refills.
func RunWorkload(rung *Rung, spec WorkloadSpec, reuse bool, observer WorkloadObserver) WorkloadResult {
	var result WorkloadResult
	cfg := rung.NewCFG()
	finder := rung.NewFinder()
	var reused LoopGraph
	if rung.ReusesLoopGraph && reuse {
		reused = rung.NewLoopGraph()
	}
	findDiscardingGraph := func() int {
		if reused != nil {
			return finder.FindLoops(cfg, reused)
		}
		return finder.FindLoops(cfg, rung.NewLoopGraph())
	}

	start := time.Now()
	BuildSmallGraph(cfg)
	FinishCFG(cfg)
	finds := spec.SmallGraphFinds
	for i := 0; i < finds; i++ {
		loops := findDiscardingGraph()
		if i == 0 {
			result.SmallGraphLoops = loops
		}
		result.SmallGraphLoopsTotal += int64(loops)
		observer.Progress(PhaseSmallGraphLoops, i+1, finds)
	}
	result.Phases[PhaseSmallGraphLoops] = PhaseTime{since(start), finds}

	start = time.Now()
	BuildBigGraph(spec, cfg)
	FinishCFG(cfg)
	result.Phases[PhaseCFGConstruction] = PhaseTime{since(start), 0}

	first := rung.NewLoopGraph()
	start = time.Now()
	result.BigGraphLoops = finder.FindLoops(cfg, first)
	result.Phases[PhaseFirstFind] = PhaseTime{since(start), 1}
	if !observer.ContinueAfterFirstFind() {
		result.StoppedAfterFirstFind = true
		return result
	}

	start = time.Now()
	finds = spec.BigGraphFinds
	for i := 0; i < finds; i++ {
		result.BigGraphLoopsTotal += int64(findDiscardingGraph())
		observer.Progress(PhaseRepeatedFinds, i+1, finds)
	}
	result.Phases[PhaseRepeatedFinds] = PhaseTime{since(start), finds}

	start = time.Now()
	first.CalculateNestingLevel()
	result.Phases[PhaseNestingLevels] = PhaseTime{since(start), 0}
	result.RootNestingLevel = first.RootNestingLevel()
	return result
}

// FindLoopForest is the canonical loop forest rung finds in graph,
// nesting levels included. Call it with the stack limit sized for the
// graph (SetStackLimitForBlocks) when the rung recurses.
func FindLoopForest(rung *Rung, graph *EdgeList) LoopForest {
	cfg := rung.NewCFG()
	ReplayInto(graph, cfg)
	lsg := rung.NewLoopGraph()
	rung.NewFinder().FindLoops(cfg, lsg)
	lsg.CalculateNestingLevel()
	return lsg.ToLoopForest()
}
