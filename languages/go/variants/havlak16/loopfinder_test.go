package main

import (
	"testing"

	"havlak/havlak"
)

// The steady state allocates nothing: a finding on a graph no bigger than
// the last, into the same cleared loop graph, makes no heap object.
func TestNoAllocationInTheSteadyState(t *testing.T) {
	cfg := NewCFG()
	havlak.BuildSmallGraph(cfg)
	havlak.BuildBigGraph(havlak.Scaled(0.1, 1), cfg)
	cfg.Finish()
	finder, lsg := NewLoopFinder(), NewLSG()
	want := finder.FindLoops(cfg, lsg) // grows the storage
	if want != 7602 {
		t.Fatalf("%d loops, want 7602", want)
	}
	allocations := testing.AllocsPerRun(3, func() {
		if got := finder.FindLoops(cfg, lsg); got != want {
			t.Fatalf("%d loops, want %d", got, want)
		}
	})
	if allocations != 0 {
		t.Errorf("%v allocations per finding, want 0", allocations)
	}
}
