package main

import "havlak/havlak"

// The loop structure graph in flat arrays. Loop i (0 is the artificial
// root) has its header, parent, depth, nesting level and reducibility at
// index i of five slices, and one slice maps each block to its innermost
// loop, which also says what each loop's own blocks are (LLVM's LoopInfo
// keeps the same map). No object per loop, no list of blocks or children:
// the nesting levels come from one pass over the parents, because a loop is
// always created after the loops inside it. Clear keeps the storage.
//
//	loop        nesting level   depth
//	root        2               0
//	  loop-1    1               1
//	    loop-2  0               2
//	  loop-3    0               1

const (
	root   = 0  // the artificial root loop
	noLoop = -1 // no loop: the root's header and parent, a block in none
)

// LSG is the loop structure graph.
type LSG struct {
	header       []int // block numbers; the root's is noLoop
	parent       []int
	depth        []int
	nestingLevel []int
	reducible    []bool
	blockLoop    []int // by block number: its innermost loop, or noLoop
}

// NewLSG is a graph holding only the artificial root.
func NewLSG() *LSG {
	lsg := &LSG{}
	lsg.Clear(0)
	return lsg
}

// Clear forgets every loop but the root and makes the block map cover
// numBlocks blocks, none in a loop.
func (lsg *LSG) Clear(numBlocks int) {
	// The root, with the fields of a loop, so that loops can point to it.
	lsg.header = append(lsg.header[:0], noLoop)
	lsg.parent = append(lsg.parent[:0], noLoop)
	lsg.depth = append(lsg.depth[:0], 0)
	lsg.nestingLevel = append(lsg.nestingLevel[:0], 0)
	lsg.reducible = append(lsg.reducible[:0], true)
	if cap(lsg.blockLoop) < numBlocks {
		lsg.blockLoop = make([]int, numBlocks)
	}
	lsg.blockLoop = lsg.blockLoop[:numBlocks]
	for block := range lsg.blockLoop {
		lsg.blockLoop[block] = noLoop
	}
}

// CreateNewLoop is a new loop headed by header, which joins it; it returns
// the loop's index.
func (lsg *LSG) CreateNewLoop(header int, reducible bool) int {
	loop := lsg.NumLoops()
	lsg.header = append(lsg.header, header)
	lsg.parent = append(lsg.parent, noLoop)
	lsg.depth = append(lsg.depth, 0)
	lsg.nestingLevel = append(lsg.nestingLevel, 0)
	lsg.reducible = append(lsg.reducible, reducible)
	lsg.blockLoop[header] = loop
	return loop
}

// AddNode makes loop the innermost loop of block.
func (lsg *LSG) AddNode(loop, block int) { lsg.blockLoop[block] = loop }

// SetParent nests loop in parent.
func (lsg *LSG) SetParent(loop, parent int) { lsg.parent[loop] = parent }

// LoopOf is the innermost loop holding block so far, or noLoop.
func (lsg *LSG) LoopOf(block int) int { return lsg.blockLoop[block] }

// MarkIrreducible makes loop irreducible.
func (lsg *LSG) MarkIrreducible(loop int) { lsg.reducible[loop] = false }

// Parent is loop's parent so far, or noLoop.
func (lsg *LSG) Parent(loop int) int { return lsg.parent[loop] }

// Header is loop's header.
func (lsg *LSG) Header(loop int) int { return lsg.header[loop] }

// NumLoops counts the loops found plus the artificial root.
func (lsg *LSG) NumLoops() int { return len(lsg.header) }

// RootNestingLevel is the root's nesting level.
func (lsg *LSG) RootNestingLevel() int { return lsg.nestingLevel[root] }

// CalculateNestingLevel links outermost loops to the root, then sets every
// loop's depth and nesting level. O(loops), no recursion.
func (lsg *LSG) CalculateNestingLevel() {
	for loop := 1; loop < lsg.NumLoops(); loop++ {
		if lsg.parent[loop] == noLoop {
			lsg.parent[loop] = root
		}
	}
	// Children come before their parent, so each nesting level is final
	// before it is passed up.
	for loop := 1; loop < lsg.NumLoops(); loop++ {
		parent := lsg.parent[loop]
		if level := lsg.nestingLevel[loop] + 1; level > lsg.nestingLevel[parent] {
			lsg.nestingLevel[parent] = level
		}
	}
	// Parents come after their children: set depths from the end.
	lsg.depth[root] = 0
	for loop := lsg.NumLoops() - 1; loop >= 1; loop-- {
		lsg.depth[loop] = lsg.depth[lsg.parent[loop]] + 1
	}
}

// ToLoopForest is the canonical forest; requires CalculateNestingLevel.
func (lsg *LSG) ToLoopForest() havlak.LoopForest {
	loops := make([]havlak.ForestLoop, lsg.NumLoops())
	for block, loop := range lsg.blockLoop {
		if loop != noLoop {
			loops[loop].Blocks = append(loops[loop].Blocks, block)
		}
	}
	var forest havlak.LoopForestBuilder
	for loop := 1; loop < lsg.NumLoops(); loop++ {
		exported := loops[loop]
		exported.Header = lsg.header[loop]
		exported.Reducible = lsg.reducible[loop]
		exported.Parent = havlak.NoParent
		if parent := lsg.parent[loop]; parent != root && parent != noLoop {
			exported.Parent = lsg.header[parent]
		}
		exported.Depth = lsg.depth[loop]
		exported.NestingLevel = lsg.nestingLevel[loop]
		forest.Add(exported)
	}
	return forest.Build()
}
