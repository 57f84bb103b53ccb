package havlak

import (
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"time"
)

// WorkloadSpec is Hundt's LoopTesterApp workload (as in Cox's "Profiling Go
// Programs"); use CanonicalWorkload or Scaled.
type WorkloadSpec struct {
	Trees           int // loop trees hanging off block 2
	LoopsPerTree    int // outer loops in a chain, per tree
	SmallGraphFinds int
	BigGraphFinds   int // after the first finding on the big graph
}

const (
	baseLoopsPerLoop = 25 // base loops chained inside each outer loop
	smallGraphLoops  = 4  // each small-graph finding's count, with the root
	bigGraphDepth    = 5  // the root's nesting level on the big graph
)

// CanonicalWorkload is the citable workload, unchanged.
func CanonicalWorkload() WorkloadSpec {
	return WorkloadSpec{Trees: 10, LoopsPerTree: 100, SmallGraphFinds: 15000, BigGraphFinds: 50}
}

// Scaled multiplies the loops per tree (100) and the small-graph finds
// (15000) by scale, rounding half away from zero as C's lround; at least
// one small-graph finding. bigGraphFinds is given separately.
func Scaled(scale float64, bigGraphFinds int) WorkloadSpec {
	spec := CanonicalWorkload()
	spec.LoopsPerTree = int(math.Round(100 * scale))
	spec.SmallGraphFinds = int(math.Round(15000 * scale))
	if spec.SmallGraphFinds < 1 {
		spec.SmallGraphFinds = 1
	}
	spec.BigGraphFinds = bigGraphFinds
	return spec
}

// BigGraphBlocks is the number of blocks of the big graph: blocks 0..2,
// then per tree its first block and per outer loop a top block, 25 base
// loops of 10 blocks and a bottom block.
func (spec WorkloadSpec) BigGraphBlocks() int64 {
	return 3 + int64(spec.Trees)*(1+int64(spec.LoopsPerTree)*(2+baseLoopsPerLoop*10))
}

// ExpectedBigGraphLoops is what each big-graph finding must report: 76
// loops per outer loop, one fewer in the first tree (shared with the small
// graph), the loops at blocks 0 and 1, and the artificial root
// (scripts/havlak_tools/workload.py derives it).
func (spec WorkloadSpec) ExpectedBigGraphLoops() int64 {
	return (3*baseLoopsPerLoop+1)*int64(spec.Trees)*int64(spec.LoopsPerTree) - 1 + 2 + 1
}

// BuildStraight adds edges i -> i+1 for i in start .. start+n-1; returns
// start+n.
func BuildStraight(cfg Builder, start, n int) int {
	for i := 0; i < n; i++ {
		cfg.AddEdge(start+i, start+i+1)
	}
	return start + n
}

// BuildDiamond adds s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3.
func BuildDiamond(cfg Builder, start int) int {
	cfg.AddEdge(start, start+1)
	cfg.AddEdge(start, start+2)
	cfg.AddEdge(start+1, start+3)
	cfg.AddEdge(start+2, start+3)
	return start + 3
}

// BuildBaseLoop is Hundt's base loop: it creates blocks from+1 .. from+10
// and three loops, one around each diamond and one around both. Returns
// from+10, the block after the footer.
func BuildBaseLoop(cfg Builder, from int) int {
	header := BuildStraight(cfg, from, 1)
	diamond1 := BuildDiamond(cfg, header)
	d11 := BuildStraight(cfg, diamond1, 1)
	diamond2 := BuildDiamond(cfg, d11)
	footer := BuildStraight(cfg, diamond2, 1)
	cfg.AddEdge(diamond2, d11)
	cfg.AddEdge(diamond1, header)
	cfg.AddEdge(footer, from)
	return BuildStraight(cfg, footer, 1)
}

// BuildSmallGraph builds blocks 0..10: one base loop from block 0, plus the
// edge 0 -> 2.
func BuildSmallGraph(cfg Builder) {
	cfg.CreateNode(0)
	BuildBaseLoop(cfg, 0)
	cfg.CreateNode(1)
	cfg.AddEdge(0, 2)
}

// BuildBigGraph grows the small graph (already in cfg) into the big one.
// Its block numbers overlap the small graph's on purpose: it is one CFG.
func BuildBigGraph(spec WorkloadSpec, cfg Builder) {
	n := 2
	for tree := 0; tree < spec.Trees; tree++ {
		cfg.CreateNode(n + 1)
		cfg.AddEdge(2, n+1)
		n = n + 1
		for loop := 0; loop < spec.LoopsPerTree; loop++ {
			top := n
			n = BuildStraight(cfg, n, 1)
			for i := 0; i < baseLoopsPerLoop; i++ {
				n = BuildBaseLoop(cfg, n)
			}
			bottom := BuildStraight(cfg, n, 1)
			cfg.AddEdge(n, top)
			n = bottom
		}
		cfg.AddEdge(n, 1)
	}
}

// The workload's phases, in order: the keys of a record's "phases" (as
// havlak/phases.inc names them) and their titles for people.
var (
	phaseKeys   = [...]string{"small_graph_loops", "cfg_construction", "first_find", "repeated_finds", "nesting_levels"}
	phaseTitles = [...]string{"small-graph loops", "CFG construction", "first loop finding",
		"repeated loop finding", "nesting levels"}
)

type phaseTime struct {
	WallSeconds float64 `json:"wall_seconds"`
	Finds       int     `json:"finds"`
	// Each finding's wall seconds, for the repeated findings: the steady
	// state, with the first ones still warming caches.
	EachSeconds []float64 `json:"each_seconds,omitempty"`
}

// result is what one run of the workload found and how long each phase
// took.
type result struct {
	phases          [len(phaseKeys)]phaseTime
	smallGraphLoops int   // the first small-graph finding's count
	smallLoopsTotal int64 // over all small-graph findings
	loops           int   // the first big-graph finding's count
	loopsTotal      int64 // over the repeated big-graph findings
	rootNesting     int
	stopped         bool   // after the first big-graph finding (heap profile)
	peakLiveBytes   uint64 // the largest HeapAlloc sampled
	// The largest live heap the collector marked (runtime/metrics'
	// /gc/heap/live:bytes, Go 1.21 on; 0 before): the heap a GOMEMLIMIT or
	// a GOGC setting is measured against.
	peakMarkedLiveBytes uint64
}

// markedLive is the runtime's metric of the heap its last cycle marked.
var markedLive = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// sample notes the live heap: Go keeps no peak, so the largest HeapAlloc
// seen at the end of each phase and after each big-graph finding (a lower
// bound on the true peak).
func (r *result) sample() {
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	if stats.HeapAlloc > r.peakLiveBytes {
		r.peakLiveBytes = stats.HeapAlloc
	}
	metrics.Read(markedLive)
	if v := markedLive[0].Value; v.Kind() == metrics.KindUint64 && v.Uint64() > r.peakMarkedLiveBytes {
		r.peakMarkedLiveBytes = v.Uint64()
	}
}

// runWorkload runs Hundt's workload on rung, timing each phase. Every
// finding but the first on the big graph (kept for the nesting levels)
// goes into a fresh loop graph, or into one graph the rung clears and
// refills when it ReusesLoopGraph. afterFirst, if not nil, is called after
// the first big-graph finding, and the run stops there.
func runWorkload(rung *Rung, spec WorkloadSpec, afterFirst func()) result {
	var r result
	cfg, finder := rung.NewCFG(), rung.NewFinder()
	find := rung.discardingFinder(cfg, finder)
	start := time.Now()
	phase := func(p, finds int) {
		r.phases[p] = phaseTime{WallSeconds: time.Since(start).Seconds(), Finds: finds}
		r.sample()
		start = time.Now()
	}

	BuildSmallGraph(cfg)
	FinishCFG(cfg)
	for i := 0; i < spec.SmallGraphFinds; i++ {
		loops := find()
		if i == 0 {
			r.smallGraphLoops = loops
		}
		r.smallLoopsTotal += int64(loops)
	}
	phase(0, spec.SmallGraphFinds)

	BuildBigGraph(spec, cfg)
	FinishCFG(cfg)
	phase(1, 0)

	first := rung.NewLoopGraph()
	r.loops = finder.FindLoops(cfg, first)
	phase(2, 1)
	if afterFirst != nil {
		afterFirst()
		r.stopped = true
		return r
	}

	each := make([]float64, 0, spec.BigGraphFinds)
	start = time.Now()
	for i := 0; i < spec.BigGraphFinds; i++ {
		findStart := time.Now()
		r.loopsTotal += int64(find())
		each = append(each, time.Since(findStart).Seconds())
		r.sample()
	}
	phase(3, spec.BigGraphFinds)
	r.phases[3].EachSeconds = each

	first.CalculateNestingLevel()
	phase(4, 0)
	r.rootNesting = first.RootNestingLevel()
	return r
}

// problems says what is wrong with r's loop counts, one line each; none
// when every count is the known one.
func (r *result) problems(spec WorkloadSpec) []string {
	problems := []string{}
	check := func(what string, got, want int64) {
		if got != want {
			problems = append(problems, fmt.Sprintf("%s: %d, expected %d", what, got, want))
		}
	}
	check("small-graph loops", int64(r.smallGraphLoops), smallGraphLoops)
	check("small-graph loops, all findings", r.smallLoopsTotal, smallGraphLoops*int64(spec.SmallGraphFinds))
	check("big-graph loops", int64(r.loops), spec.ExpectedBigGraphLoops())
	if !r.stopped {
		check("big-graph loops, repeated findings", r.loopsTotal,
			spec.ExpectedBigGraphLoops()*int64(spec.BigGraphFinds))
		check("root nesting level", int64(r.rootNesting), bigGraphDepth)
	}
	return problems
}
