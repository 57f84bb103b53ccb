package main

// The control-flow graph in flat arrays: every block's successors are one
// range of a single array, and so are its predecessors (compressed sparse
// rows of 32-bit block numbers). No per-block allocation: two offset arrays
// and two edge arrays hold the whole graph. Blocks are numbered 0..N-1:
// creating block n creates those below it too.
//
// AddEdge records an edge; Finish lays the recorded edges out in the rows,
// keeping each block's edges in the order they were added (the depth-first
// search follows that order). Finding loops needs a finished graph.

// noBlock is the start of an empty graph.
const noBlock = -1

// edge is an edge added since the last Finish.
type edge struct{ from, to int32 }

// rows is one direction of the edges: block b's neighbours are
// neighbours[begin[b]:begin[b+1]].
type rows struct {
	begin      []uint32
	neighbours []int32
}

func (r *rows) row(block int) []int32 {
	return r.neighbours[r.begin[block]:r.begin[block+1]]
}

// appendEdges appends added (by source, or by target when byTarget) after
// each block's existing neighbours, in order. O(N + E).
func (r *rows) appendEdges(numBlocks int, added []edge, byTarget bool) {
	oldBlocks := len(r.begin) - 1
	newBegin := make([]uint32, numBlocks+1)
	for block := 0; block < oldBlocks; block++ {
		newBegin[block+1] = r.begin[block+1] - r.begin[block]
	}
	for _, e := range added {
		if byTarget {
			newBegin[e.to+1]++
		} else {
			newBegin[e.from+1]++
		}
	}
	for block := 0; block < numBlocks; block++ {
		newBegin[block+1] += newBegin[block]
	}
	newNeighbours := make([]int32, newBegin[numBlocks])
	fill := append([]uint32(nil), newBegin[:numBlocks]...)
	for block := 0; block < oldBlocks; block++ {
		for _, neighbour := range r.row(block) {
			newNeighbours[fill[block]] = neighbour
			fill[block]++
		}
	}
	for _, e := range added {
		block, neighbour := e.from, e.to
		if byTarget {
			block, neighbour = e.to, e.from
		}
		newNeighbours[fill[block]] = neighbour
		fill[block]++
	}
	r.begin, r.neighbours = newBegin, newNeighbours
}

// CFG is the control-flow graph.
type CFG struct {
	numBlocks    int
	Start        int // the first block created; noBlock in an empty graph
	successors   rows
	predecessors rows
	added        []edge // since the last Finish
}

// NewCFG is an empty graph.
func NewCFG() *CFG {
	return &CFG{
		Start:        noBlock,
		successors:   rows{begin: []uint32{0}},
		predecessors: rows{begin: []uint32{0}},
	}
}

// CreateNode creates the block named name (and those below it) if new.
func (cfg *CFG) CreateNode(name int) {
	if name >= cfg.numBlocks {
		cfg.numBlocks = name + 1
	}
	if cfg.Start == noBlock {
		cfg.Start = name
	}
}

// AddEdge records an edge, creating both ends if they are new.
func (cfg *CFG) AddEdge(from, to int) {
	cfg.CreateNode(from)
	cfg.CreateNode(to)
	cfg.added = append(cfg.added, edge{int32(from), int32(to)})
}

// Finish lays out the edges added since the last call.
func (cfg *CFG) Finish() {
	if len(cfg.added) == 0 && len(cfg.successors.begin) == cfg.numBlocks+1 {
		return
	}
	cfg.successors.appendEdges(cfg.numBlocks, cfg.added, false)
	cfg.predecessors.appendEdges(cfg.numBlocks, cfg.added, true)
	cfg.added = nil // give the memory back: the graph is laid out
}

// NumNodes is the number of blocks.
func (cfg *CFG) NumNodes() int { return cfg.numBlocks }

// OutEdges are block's successors; the graph must be finished.
func (cfg *CFG) OutEdges(block int) []int32 { return cfg.successors.row(block) }

// InEdges are block's predecessors; the graph must be finished.
func (cfg *CFG) InEdges(block int) []int32 { return cfg.predecessors.row(block) }
