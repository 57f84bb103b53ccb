package main

import "havlak/havlak"

// The loop structure graph: every loop a heap object holding a slice of
// its blocks and a slice of its child loops, under an artificial root loop.
// Clear keeps the loops and their slices for the next finding to reuse.
//
//	loop        nesting level   depth
//	root        2               0
//	  loop-1    1               1
//	    loop-2  0               2
//	  loop-3    0               1

// SimpleLoop is one loop.
type SimpleLoop struct {
	basicBlocks  []int // block numbers
	Children     []*SimpleLoop
	Parent       *SimpleLoop
	header       int
	IsReducible  bool
	Counter      int
	NestingLevel int
	DepthLevel   int
}

// reset makes this a new, empty loop; its slices keep their storage.
func (loop *SimpleLoop) reset(counter int) {
	*loop = SimpleLoop{
		basicBlocks: loop.basicBlocks[:0],
		Children:    loop.Children[:0],
		IsReducible: true,
		Counter:     counter,
	}
}

// AddNode adds a block to the loop's own blocks. The finder adds each
// block once, so the slice needs no duplicate check.
func (loop *SimpleLoop) AddNode(block int) {
	loop.basicBlocks = append(loop.basicBlocks, block)
}

// SetHeader makes block the loop's header, one of its blocks.
func (loop *SimpleLoop) SetHeader(block int) {
	loop.AddNode(block)
	loop.header = block
}

// SetParent nests the loop in parent.
func (loop *SimpleLoop) SetParent(parent *SimpleLoop) {
	loop.Parent = parent
	parent.Children = append(parent.Children, loop)
}

// LSG is the loop structure graph.
type LSG struct {
	// Loops [0, numLoops) are live; the rest wait to be reused.
	loops    []*SimpleLoop
	numLoops int
	root     *SimpleLoop
}

// NewLSG is a graph holding only the artificial root.
func NewLSG() *LSG {
	lsg := &LSG{}
	lsg.root = lsg.CreateNewLoop()
	return lsg
}

// CreateNewLoop is a new loop, owned by the graph and counted in NumLoops:
// a cleared one when there is one.
func (lsg *LSG) CreateNewLoop() *SimpleLoop {
	counter := lsg.numLoops
	lsg.numLoops++
	if counter < len(lsg.loops) {
		lsg.loops[counter].reset(counter)
	} else {
		lsg.loops = append(lsg.loops, &SimpleLoop{IsReducible: true, Counter: counter})
	}
	return lsg.loops[counter]
}

// Clear forgets every loop but the root, keeping their storage.
func (lsg *LSG) Clear() {
	lsg.numLoops = 1
	lsg.root.reset(0)
}

// NumLoops counts the loops found plus the artificial root.
func (lsg *LSG) NumLoops() int { return lsg.numLoops }

// RootNestingLevel is the root's nesting level.
func (lsg *LSG) RootNestingLevel() int { return lsg.root.NestingLevel }

// CalculateNestingLevel links outermost loops to the root, then sets every
// loop's depth and nesting level.
func (lsg *LSG) CalculateNestingLevel() {
	for _, loop := range lsg.loops[1:lsg.numLoops] {
		if loop.Parent == nil {
			loop.SetParent(lsg.root)
		}
	}
	lsg.calculateNestingLevelRec(lsg.root, 0)
}

func (lsg *LSG) calculateNestingLevelRec(loop *SimpleLoop, depth int) {
	loop.DepthLevel = depth
	for _, child := range loop.Children {
		lsg.calculateNestingLevelRec(child, depth+1)
		if 1+child.NestingLevel > loop.NestingLevel {
			loop.NestingLevel = 1 + child.NestingLevel
		}
	}
}

// ToLoopForest is the canonical forest; requires CalculateNestingLevel.
func (lsg *LSG) ToLoopForest() havlak.LoopForest {
	var forest havlak.LoopForestBuilder
	for _, loop := range lsg.loops[1:lsg.numLoops] {
		exported := havlak.ForestLoop{
			Header:       loop.header,
			Reducible:    loop.IsReducible,
			Parent:       havlak.NoParent,
			Depth:        loop.DepthLevel,
			NestingLevel: loop.NestingLevel,
		}
		exported.Blocks = append(exported.Blocks, loop.basicBlocks...)
		if loop.Parent != nil && loop.Parent != lsg.root {
			exported.Parent = loop.Parent.header
		}
		forest.Add(exported)
	}
	return forest.Build()
}
