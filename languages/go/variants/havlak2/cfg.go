package main

// Hundt's control-flow graph: a map from block name to a heap-allocated
// block holding slices of its in- and out-edges, and every edge a
// heap-allocated object.

// BasicBlock is a block of the CFG.
type BasicBlock struct {
	Name     int
	InEdges  []*BasicBlock
	OutEdges []*BasicBlock
}

// BasicBlockEdge is an edge of the CFG.
type BasicBlockEdge struct {
	From, To *BasicBlock
}

// CFG is the control-flow graph.
type CFG struct {
	Blocks map[int]*BasicBlock
	Edges  []*BasicBlockEdge
	Start  *BasicBlock // the first block created; nil in an empty graph
}

// NewCFG is an empty graph.
func NewCFG() *CFG {
	return &CFG{Blocks: make(map[int]*BasicBlock)}
}

// node is the block named name, created if new.
func (cfg *CFG) node(name int) *BasicBlock {
	block := cfg.Blocks[name]
	if block == nil {
		block = &BasicBlock{Name: name}
		cfg.Blocks[name] = block
		if cfg.Start == nil {
			cfg.Start = block
		}
	}
	return block
}

// CreateNode creates the block named name if it is new.
func (cfg *CFG) CreateNode(name int) { cfg.node(name) }

// AddEdge adds an edge, creating both ends if they are new.
func (cfg *CFG) AddEdge(from, to int) {
	edge := &BasicBlockEdge{cfg.node(from), cfg.node(to)}
	edge.From.OutEdges = append(edge.From.OutEdges, edge.To)
	edge.To.InEdges = append(edge.To.InEdges, edge.From)
	cfg.Edges = append(cfg.Edges, edge)
}

// NumNodes is the number of blocks.
func (cfg *CFG) NumNodes() int { return len(cfg.Blocks) }
