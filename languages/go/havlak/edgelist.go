package havlak

// Edge is an edge of an EdgeList.
type Edge struct{ From, To int }

// EdgeList is a control-flow graph as plain data: the one input every rung
// can build its own graph from (the workload, CFG files, tests).
type EdgeList struct {
	// Blocks are 0..NumBlocks-1; blocks without edges exist too.
	NumBlocks int
	// The block loop finding starts from; meaningful when NumBlocks > 0.
	Start int
	// In insertion order: a block's successors are visited in this order,
	// and Havlak's algorithm depends on the depth-first order for
	// irreducible loops.
	Edges []Edge
}

// CreateNode makes block exist; the first block ever created is the start.
func (g *EdgeList) CreateNode(block int) {
	if g.NumBlocks == 0 {
		g.Start = block
	}
	if block >= g.NumBlocks {
		g.NumBlocks = block + 1
	}
}

// AddEdge creates both ends if they are new and appends the edge.
func (g *EdgeList) AddEdge(from, to int) {
	g.CreateNode(from)
	g.CreateNode(to)
	g.Edges = append(g.Edges, Edge{from, to})
}

// Finisher is a CFG built in two steps (adding edges, then laying them
// out): the harness calls Finish after adding a batch of edges and before
// finding loops.
type Finisher interface{ Finish() }

// FinishCFG calls cfg.Finish if cfg has one.
func FinishCFG(cfg Builder) {
	if f, ok := cfg.(Finisher); ok {
		f.Finish()
	}
}

// ReplayInto builds a rung's CFG from g: the start block first (the first
// block ever created, as in Hundt's CFG), then every other block, then the
// edges in order.
func ReplayInto(g *EdgeList, cfg Builder) {
	if g.NumBlocks > 0 {
		cfg.CreateNode(g.Start)
		for block := 0; block < g.NumBlocks; block++ {
			cfg.CreateNode(block)
		}
		for _, e := range g.Edges {
			cfg.AddEdge(e.From, e.To)
		}
	}
	FinishCFG(cfg)
}
