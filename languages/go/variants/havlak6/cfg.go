package main

// The control-flow graph, indexed by block number: a slice of blocks, each
// holding its predecessors and successors as block numbers. Nothing needs a
// pointer followed to learn a block's number, and there is no map and no
// edge object. Blocks are numbered 0..N-1: creating block n creates those
// below it too.

// BasicBlock holds a block's edges, as block numbers.
type BasicBlock struct {
	InEdges  []int
	OutEdges []int
}

// noBlock is the start of an empty graph.
const noBlock = -1

// CFG is the control-flow graph.
type CFG struct {
	Blocks []BasicBlock // by block number
	Start  int          // the first block created; noBlock in an empty graph
}

// NewCFG is an empty graph.
func NewCFG() *CFG { return &CFG{Start: noBlock} }

// CreateNode creates the block named name (and those below it) if new.
func (cfg *CFG) CreateNode(name int) {
	if name >= len(cfg.Blocks) {
		cfg.Blocks = append(cfg.Blocks, make([]BasicBlock, name+1-len(cfg.Blocks))...)
	}
	if cfg.Start == noBlock {
		cfg.Start = name
	}
}

// AddEdge adds an edge, creating both ends if they are new.
func (cfg *CFG) AddEdge(from, to int) {
	cfg.CreateNode(from)
	cfg.CreateNode(to)
	cfg.Blocks[from].OutEdges = append(cfg.Blocks[from].OutEdges, to)
	cfg.Blocks[to].InEdges = append(cfg.Blocks[to].InEdges, from)
}

// NumNodes is the number of blocks.
func (cfg *CFG) NumNodes() int { return len(cfg.Blocks) }
