package havlak

import "testing"

func TestCanonicalWorkloadShape(t *testing.T) {
	spec := CanonicalWorkload()
	if !spec.IsCanonical() || spec.BigGraphBlocks() != 252013 || spec.ExpectedBigGraphLoops() != 76002 {
		t.Fatalf("canonical: %+v, %d blocks, %d loops", spec, spec.BigGraphBlocks(), spec.ExpectedBigGraphLoops())
	}
	var small EdgeList
	BuildSmallGraph(&small)
	if small.NumBlocks != SmallGraphBlocks || small.Start != 0 || len(small.Edges) != 16 {
		t.Fatalf("small graph: %d blocks, start %d, %d edges", small.NumBlocks, small.Start, len(small.Edges))
	}
	big := small
	big.Edges = append([]Edge(nil), small.Edges...)
	BuildBigGraph(spec, &big)
	if int64(big.NumBlocks) != spec.BigGraphBlocks() {
		t.Errorf("big graph: %d blocks, want %d", big.NumBlocks, spec.BigGraphBlocks())
	}
}

func TestScaled(t *testing.T) {
	for _, c := range []struct {
		scale                float64
		loopsPerTree, finds  int
		blocks, loopsPerFind int64
	}{
		{1, 100, 15000, 252013, 76002},
		{0.1, 10, 1500, 25213, 7602},
		{0.01, 1, 150, 2533, 762},
		{0.015, 2, 225, 5053, 1522}, // 1.5 rounds away from zero, as lround
		{400, 40000, 6000000, 100800013, 30400002},
	} {
		spec := Scaled(c.scale, 3)
		if spec.LoopsPerTree != c.loopsPerTree || spec.SmallGraphFinds != c.finds || spec.BigGraphFinds != 3 ||
			spec.BigGraphBlocks() != c.blocks || spec.ExpectedBigGraphLoops() != c.loopsPerFind {
			t.Errorf("Scaled(%g): %+v, %d blocks, %d loops", c.scale, spec, spec.BigGraphBlocks(),
				spec.ExpectedBigGraphLoops())
		}
	}
	if Scaled(1, 50) != CanonicalWorkload() || Scaled(1, 49).IsCanonical() {
		t.Error("only scale 1 with 50 findings is canonical")
	}
}

func TestCheckLoopCounts(t *testing.T) {
	spec := Scaled(0.01, 2)
	right := WorkloadResult{SmallGraphLoops: 4, SmallGraphLoopsTotal: 600, BigGraphLoops: 762,
		BigGraphLoopsTotal: 1524, RootNestingLevel: 5}
	if problems := CheckLoopCounts(spec, &right); len(problems) != 0 {
		t.Errorf("right counts: %q", problems)
	}
	wrong := right
	wrong.BigGraphLoops, wrong.RootNestingLevel = 761, 4
	problems := CheckLoopCounts(spec, &wrong)
	want := []string{"big-graph loops: 761, expected 762", "root nesting level: 4, expected 5"}
	if len(problems) != 2 || problems[0] != want[0] || problems[1] != want[1] {
		t.Errorf("wrong counts: %q, want %q", problems, want)
	}
	stopped := WorkloadResult{SmallGraphLoops: 4, SmallGraphLoopsTotal: 600, BigGraphLoops: 762,
		StoppedAfterFirstFind: true}
	if problems := CheckLoopCounts(spec, &stopped); len(problems) != 0 {
		t.Errorf("stopped after the first finding: %q", problems)
	}
}
