package havlak

import (
	"strconv"
	"testing"
)

// BenchShape is a Hundt-shaped graph of the benchmark sweep: the workload's
// big graph with Trees trees of LoopsPerTree outer loops.
type BenchShape struct{ Trees, LoopsPerTree int }

// BenchShapes are the graphs of the C++ sweep (bench/havlak_bench.cc,
// kShapes): 1,012 to 4,032,013 blocks, the canonical 252,013 among them.
var BenchShapes = []BenchShape{
	{1, 4}, {1, 16}, {1, 64}, {1, 256}, {1, 396},
	{10, 100}, {10, 400}, {10, 1600},
}

// Spec is the shape as a workload (only the graph's size matters here).
func (s BenchShape) Spec() WorkloadSpec {
	spec := CanonicalWorkload()
	spec.Trees, spec.LoopsPerTree = s.Trees, s.LoopsPerTree
	return spec
}

// BenchFindLoops is the Go counterpart of havlak_bench's
// havlakN/FindLoops/<blocks>: one sub-benchmark per shape, named by the
// graph's blocks (BenchmarkFindLoops/252013), each timing FindLoops alone,
// one finding per iteration, on the small graph grown into the big one
// beforehand. As in the C++ benchmark, the finder is kept across
// iterations, and so is the loop graph for a rung that reuses one; any
// other rung gets a fresh loop graph per finding, inside the timed loop.
// One finding before the timer grows what the rung keeps. Run it with
// -benchmem: allocs/op and B/op are then one steady-state finding's.
func BenchFindLoops(b *testing.B, rung *Rung) {
	for _, shape := range BenchShapes {
		spec := shape.Spec()
		b.Run(strconv.FormatInt(spec.BigGraphBlocks(), 10), func(b *testing.B) {
			setStackLimit(rung, spec.BigGraphBlocks())
			cfg := rung.NewCFG()
			BuildSmallGraph(cfg)
			BuildBigGraph(spec, cfg)
			FinishCFG(cfg)
			find := rung.discardingFinder(cfg, rung.NewFinder())
			want := spec.ExpectedBigGraphLoops()
			if got := find(); int64(got) != want {
				b.Fatalf("%s: %d loops, want %d", rung.Name, got, want)
			}
			b.ResetTimer()
			loops := 0
			for i := 0; i < b.N; i++ {
				loops = find()
			}
			b.StopTimer()
			if int64(loops) != want {
				b.Fatalf("%s: %d loops, want %d", rung.Name, loops, want)
			}
			b.ReportMetric(float64(spec.BigGraphBlocks()), "blocks")
		})
	}
}
