package conformance

import (
	"math/rand"
	"strconv"
	"strings"
)

// A random CFG, as the C++ property tests draw them (tests/random_cfg.h):
// structured code (sequences, branches, nested loops), jumps into loops,
// unstructured graphs, unreachable parts, self loops and repeated edges,
// written in the CFG file format with sparse, shuffled block ids.
type randomCFG struct {
	r      *rand.Rand
	blocks int
	edges  [][2]int
	limit  int
}

func (g *randomCFG) block() int {
	g.blocks++
	return g.blocks - 1
}

func (g *randomCFG) edge(from, to int) { g.edges = append(g.edges, [2]int{from, to}) }

// region adds structured code entered at entry and returns its exit.
func (g *randomCFG) region(entry, depth int) int {
	if g.blocks >= g.limit || depth > 8 {
		b := g.block()
		g.edge(entry, b)
		return b
	}
	switch g.r.Intn(6) {
	case 0, 1: // a sequence
		return g.region(g.region(entry, depth+1), depth+1)
	case 2: // if-then-else
		thenExit := g.region(entry, depth+1)
		elseExit := g.region(entry, depth+1)
		join := g.block()
		g.edge(thenExit, join)
		g.edge(elseExit, join)
		return join
	case 3, 4: // a loop: header, body, latch back to the header
		header := g.block()
		g.edge(entry, header)
		latch := g.region(header, depth+1)
		g.edge(latch, header)
		if g.r.Intn(4) == 0 { // a second back edge, or a break
			g.edge(g.r.Intn(g.blocks-header)+header, header)
		}
		exit := g.block()
		g.edge(latch, exit)
		return exit
	default: // a self loop
		b := g.block()
		g.edge(entry, b)
		g.edge(b, b)
		return b
	}
}

// generateCFG is the seed's graph as a CFG file, and its number of blocks.
func generateCFG(seed int64) (string, int) {
	r := rand.New(rand.NewSource(seed))
	sizes := []int{1, 2, 5, 10, 30, 100, 300, 2000}
	g := &randomCFG{r: r, limit: 1 + r.Intn(sizes[r.Intn(len(sizes))])}
	start := g.block()
	kind := r.Intn(4)
	if kind == 0 { // unstructured: random edges
		for g.blocks < g.limit {
			g.block()
		}
		n := g.blocks + r.Intn(2*g.blocks+1)
		for i := 0; i < n; i++ {
			g.edge(r.Intn(g.blocks), r.Intn(g.blocks))
		}
	} else {
		exit := start
		for g.blocks < g.limit {
			exit = g.region(exit, 0)
		}
	}
	if kind >= 2 && g.blocks > 1 { // jumps, into loops or anywhere
		for i := r.Intn(1 + g.blocks/10); i >= 0; i-- {
			g.edge(r.Intn(g.blocks), r.Intn(g.blocks))
		}
	}
	if r.Intn(3) == 0 { // an unreachable part, with edges into the rest
		entry := g.block()
		exit := g.region(entry, 4)
		g.edge(exit, entry)
		if g.blocks > 2 {
			g.edge(exit, r.Intn(entry))
		}
	}
	if r.Intn(3) == 0 && len(g.edges) > 0 { // repeated edges and self loops
		for i := r.Intn(5); i >= 0; i-- {
			g.edges = append(g.edges, g.edges[r.Intn(len(g.edges))])
			b := r.Intn(g.blocks)
			g.edge(b, b)
		}
	}
	isolated := r.Intn(3) // blocks without edges
	for i := 0; i < isolated; i++ {
		g.block()
	}

	// Sparse, shuffled ids: dense (0..N-1), spread, or near 2^32.
	ids := r.Perm(g.blocks)
	switch r.Intn(3) {
	case 1:
		for i := range ids {
			ids[i] = ids[i]*7919 + 13
		}
	case 2:
		for i := range ids {
			ids[i] = 4294967295 - ids[i]*3
		}
	}
	var out strings.Builder
	out.WriteString("# random CFG, seed " + strconv.FormatInt(seed, 10) + "\n")
	out.WriteString("start " + strconv.Itoa(ids[start]) + "\n")
	named := make([]bool, g.blocks) // by an edge
	for _, e := range g.edges {
		out.WriteString(strconv.Itoa(ids[e[0]]) + " " + strconv.Itoa(ids[e[1]]) + "\n")
		named[e[0]], named[e[1]] = true, true
	}
	for b := range named {
		if !named[b] {
			out.WriteString("block " + strconv.Itoa(ids[b]) + "\n")
		}
	}
	return out.String(), g.blocks
}
