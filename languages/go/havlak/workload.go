package havlak

import "math"

// Builder is the graph-builder interface of Hundt's CFG: CreateNode creates
// a block if it is new, AddEdge creates both ends if they are new, and the
// first block ever created is the start block.
type Builder interface {
	CreateNode(block int)
	AddEdge(from, to int)
}

// WorkloadSpec is Hundt's LoopTesterApp workload (as in Cox's "Profiling Go
// Programs"); the zero value is not valid, use CanonicalWorkload or Scaled.
type WorkloadSpec struct {
	Trees           int // loop trees hanging off block 2
	LoopsPerTree    int // outer loops in a chain, per tree
	SmallGraphFinds int
	BigGraphFinds   int // after the first finding on the big graph
}

const (
	// BaseLoopsPerLoop base loops are chained inside each outer loop.
	BaseLoopsPerLoop = 25
	// SmallGraphBlocks is the size of the small graph, blocks 0..10.
	SmallGraphBlocks = 11
	// SmallGraphLoops is what each small-graph finding must report,
	// counting the artificial root as Hundt's program does.
	SmallGraphLoops = 4
	// BigGraphLoopDepth is the deepest loop's depth in the big graph: the
	// artificial root's nesting level after the nesting-level computation.
	BigGraphLoopDepth = 5
)

// CanonicalWorkload is the citable workload, unchanged.
func CanonicalWorkload() WorkloadSpec {
	return WorkloadSpec{Trees: 10, LoopsPerTree: 100, SmallGraphFinds: 15000, BigGraphFinds: 50}
}

// Scaled multiplies the loops per tree (100) and the small-graph finds
// (15000) by scale, rounding half away from zero as C++'s std::lround;
// bigGraphFinds is given separately. Requires 100*scale to round to at
// least 1 (the command line's range guarantees it).
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

// IsCanonical reports whether spec is the canonical workload.
func (spec WorkloadSpec) IsCanonical() bool { return spec == CanonicalWorkload() }

// BigGraphBlocks is the number of blocks of the big graph. Per tree: its
// first block, then per loop a top block, 25 base loops of 10 new blocks
// each and a bottom block. Blocks 0..2 come before; the small graph's
// blocks 3..10 are reused by the first tree.
func (spec WorkloadSpec) BigGraphBlocks() int64 {
	const blocksPerLoop = 1 + BaseLoopsPerLoop*10 + 1
	return 3 + int64(spec.Trees)*(1+int64(spec.LoopsPerTree)*blocksPerLoop)
}

// ExpectedBigGraphLoops is what each big-graph finding must report: 3 loops
// per base loop and 1 around each chain of 25, 76 per outer loop; one fewer
// in the first tree, plus the loops at blocks 0 and 1, plus the artificial
// root (the derivation is in tests/workload_test.cc).
func (spec WorkloadSpec) ExpectedBigGraphLoops() int64 {
	const loopsPerOuterLoop = 3*BaseLoopsPerLoop + 1
	return loopsPerOuterLoop*int64(spec.Trees)*int64(spec.LoopsPerTree) - 1 + 2 + 1
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
			for i := 0; i < BaseLoopsPerLoop; i++ {
				n = BuildBaseLoop(cfg, n)
			}
			bottom := BuildStraight(cfg, n, 1)
			cfg.AddEdge(n, top)
			n = bottom
		}
		cfg.AddEdge(n, 1)
	}
}
