package havlak

import (
	"reflect"
	"strings"
	"testing"
)

// blockCounter is a Builder that counts blocks and edges.
type blockCounter struct{ blocks, edges int }

func (c *blockCounter) CreateNode(block int) {
	if block >= c.blocks {
		c.blocks = block + 1
	}
}

func (c *blockCounter) AddEdge(from, to int) {
	c.CreateNode(from)
	c.CreateNode(to)
	c.edges++
}

func TestWorkloadShape(t *testing.T) {
	for _, c := range []struct {
		scale               float64
		loopsPerTree, finds int
		blocks, loops       int64
	}{
		{1, 100, 15000, 252013, 76002},
		{0.1, 10, 1500, 25213, 7602},
		{0.015, 2, 225, 5053, 1522}, // 1.5 rounds away from zero, as lround
	} {
		spec := Scaled(c.scale, 3)
		var graph blockCounter
		BuildSmallGraph(&graph)
		if graph.blocks != 11 || graph.edges != 16 {
			t.Fatalf("small graph: %+v", graph)
		}
		BuildBigGraph(spec, &graph)
		if spec.LoopsPerTree != c.loopsPerTree || spec.SmallGraphFinds != c.finds || spec.BigGraphFinds != 3 ||
			spec.BigGraphBlocks() != c.blocks || int64(graph.blocks) != c.blocks ||
			spec.ExpectedBigGraphLoops() != c.loops {
			t.Errorf("Scaled(%g): %+v, %d blocks built, want %+v", c.scale, spec, graph.blocks, c)
		}
	}
	if Scaled(1, 50) != CanonicalWorkload() {
		t.Error("scale 1 with 50 findings is not the canonical workload")
	}
}

func TestParseCFG(t *testing.T) {
	text := "# two nested loops\n 400 500 \r\n\tstart 0100 # the start\n100 200\n200 300\n300 200\n" +
		"block 600\n300 400\n400 200\n400 100\n"
	file, err := parseCFG(strings.NewReader(text), "f")
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint32{100, 400, 500, 200, 300, 600}; !reflect.DeepEqual(file.ids, want) {
		t.Errorf("ids %v, want %v", file.ids, want)
	}
	if want := [][2]int{{1, 2}, {0, 3}, {3, 4}, {4, 3}, {4, 1}, {1, 3}, {1, 0}}; !reflect.DeepEqual(file.edges, want) {
		t.Errorf("edges %v, want %v", file.edges, want)
	}
	file, err = parseCFG(strings.NewReader("9 4294967295\n4294967295 9\nstart 4294967295\n"), "f")
	if err != nil || !reflect.DeepEqual(file.ids, []uint32{4294967295, 9}) ||
		!reflect.DeepEqual(file.edges, [][2]int{{1, 0}, {0, 1}}) {
		t.Errorf("sparse ids: %v %+v", err, file)
	}
	for _, bad := range []string{"", "1 2\n", "start 1\n1 2 3\n", "start 1\n1 -2\n", "start 1\n1 4294967296\n",
		"start\n1 2\n", "start 9\n1 2\n", "start 1\n1 2\nstart 2\n", "start 1\n1 2\x00\n",
		"start 1\n" + strings.Repeat("1", 1<<20) + "\n"} {
		_, err := parseCFG(strings.NewReader(bad), "f")
		if err == nil || strings.Contains(err.Error(), "\n") || len(err.Error()) > 200 {
			t.Errorf("%.30q: error %q", bad, err)
		}
	}
}

func TestParseArgs(t *testing.T) {
	_, _, err := parseArgs("p", []string{"--scale", "0.5", "--cfg=-"})
	if err == nil || !strings.Contains(err.Error(), "not to -cfg") {
		t.Errorf("--cfg with workload flags: %v", err)
	}
	o, _, err := parseArgs("p", []string{"--scale", "0.5", "-iterations=3", "--json", "--cpuprofile=x"})
	if err != nil || *o != (options{scale: 0.5, iterations: 3, json: true, cpuProfile: "x"}) {
		t.Errorf("%v %+v", err, o)
	}
	for _, bad := range [][]string{{"--scale=abc"}, {"--scale=0"}, {"--scale=nan"}, {"--scale=inf"},
		{"--scale=400.1"}, {"--iterations=-1"}, {"--bogus"}, {"stray"}, {"--cfg"}, {"--cfg="}} {
		if _, _, err := parseArgs("p", bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
