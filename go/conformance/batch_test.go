package conformance

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The batch builder (no binaries): disjoint ids within 32 bits, S's edges
// first and in component order, each component's edges and lone blocks in
// their order, ids moved by the component's offset.
func TestBuildBatch(t *testing.T) {
	for _, atTop := range []bool{false, true} {
		var seeds []int64
		var texts []string
		var sizes []int
		for seed := int64(1); seed <= 60; seed++ {
			text, blocks := generateCFG(seed)
			seeds, texts, sizes = append(seeds, seed), append(texts, text), append(sizes, blocks)
		}
		b, err := buildBatch(seeds, texts, sizes, atTop)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parseCFG(b.text)
		if err != nil {
			t.Fatal(err)
		}
		if f.start != b.start {
			t.Errorf("start %d, want %d", f.start, b.start)
		}
		low, high := f.idRange()
		if atTop && high != maxID || !atTop && low != 0 {
			t.Errorf("atTop %v: ids %d to %d", atTop, low, high)
		}
		// S's edges: the first len(texts), to each component's start.
		if len(f.edges) < len(texts) {
			t.Fatalf("%d edges", len(f.edges))
		}
		rest := f.edges[len(texts):]
		lone := f.blocks
		for i, c := range b.components {
			one, err := parseCFG(c.text)
			if err != nil {
				t.Fatal(err)
			}
			move := func(id uint64) uint64 { return uint64(int64(id) + c.offset) }
			if f.edges[i] != [2]uint64{b.start, move(one.start)} {
				t.Errorf("edge %d is %v, want S to component %d's start %d", i, f.edges[i], i, move(one.start))
			}
			var edges [][2]uint64
			for _, e := range one.edges {
				edges = append(edges, [2]uint64{move(e[0]), move(e[1])})
			}
			if len(edges) > 0 && !reflect.DeepEqual(rest[:len(edges)], edges) {
				t.Errorf("component %d (seed %d): edges moved or out of order", i, c.seed)
			}
			rest = rest[len(edges):]
			for _, id := range one.blocks {
				if len(lone) == 0 || lone[0] != move(id) {
					t.Fatalf("component %d: lone block %d missing or out of order", i, move(id))
				}
				lone = lone[1:]
			}
			// Disjoint: each component within its range, the ranges in
			// order, S outside them all.
			l, h := one.idRange()
			if move(l) != c.low || move(h) != c.high || c.high > maxID {
				t.Errorf("component %d: ids %d to %d, recorded %d to %d", i, move(l), move(h), c.low, c.high)
			}
			if i > 0 && c.low <= b.components[i-1].high {
				t.Errorf("component %d starts at %d, inside the previous one (to %d)", i, c.low, b.components[i-1].high)
			}
			if b.start >= c.low && b.start <= c.high {
				t.Errorf("S (%d) inside component %d", b.start, i)
			}
			for _, e := range one.edges { // an edge's ends stay in its component
				for _, id := range e {
					if move(id) < c.low || move(id) > c.high {
						t.Errorf("component %d: id %d out of its range", i, move(id))
					}
				}
			}
		}
		if len(rest) != 0 || len(lone) != 0 {
			t.Errorf("%d edges and %d blocks left over", len(rest), len(lone))
		}
		for _, e := range f.edges[len(texts):] { // nothing enters S
			if e[1] == b.start || e[0] == b.start {
				t.Errorf("edge %v touches S", e)
			}
		}
	}
}

// Ids that fill 32 bits leave no room for S: an error, not a wrapped id.
func TestBuildBatchRefusesIdsPast32Bits(t *testing.T) {
	texts := []string{"start 0\n0 4294967295\n", "start 5\n5 6\n"}
	if _, err := buildBatch([]int64{1, 2}, texts, []int{2, 2}, false); err == nil {
		t.Error("no error")
	}
	one := "start 0\n0 " + strconv.Itoa(maxID-1) + "\n"
	b, err := buildBatch([]int64{1}, []string{one}, []int{2}, true)
	if err != nil || !strings.HasPrefix(strings.SplitN(b.text, "\n", 2)[1], "start 0\n0 1\n") {
		t.Errorf("%v\n%.100s", err, b.text)
	}
}
