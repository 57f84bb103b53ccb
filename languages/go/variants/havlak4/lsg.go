package main

import "havlak/havlak"

// The loop structure graph: every loop a heap object holding a slice of
// its blocks and a slice of its child loops, under an artificial root loop.
//
//	loop        nesting level   depth
//	root        2               0
//	  loop-1    1               1
//	    loop-2  0               2
//	  loop-3    0               1

// SimpleLoop is one loop.
type SimpleLoop struct {
	basicBlocks  []*BasicBlock
	Children     []*SimpleLoop
	Parent       *SimpleLoop
	header       *BasicBlock
	IsReducible  bool
	Counter      int
	NestingLevel int
	DepthLevel   int
}

// AddNode adds a block to the loop's own blocks. The finder adds each
// block once, so the slice needs no duplicate check.
func (loop *SimpleLoop) AddNode(block *BasicBlock) {
	loop.basicBlocks = append(loop.basicBlocks, block)
}

// SetHeader makes block the loop's header, one of its blocks.
func (loop *SimpleLoop) SetHeader(block *BasicBlock) {
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
	loops       []*SimpleLoop
	root        *SimpleLoop
	loopCounter int
}

// NewLSG is a graph holding only the artificial root.
func NewLSG() *LSG {
	lsg := &LSG{}
	lsg.root = lsg.CreateNewLoop()
	return lsg
}

// CreateNewLoop is a new loop, owned by the graph and counted in NumLoops.
func (lsg *LSG) CreateNewLoop() *SimpleLoop {
	loop := &SimpleLoop{
		IsReducible: true,
		Counter:     lsg.loopCounter,
	}
	lsg.loopCounter++
	lsg.loops = append(lsg.loops, loop)
	return loop
}

// NumLoops counts the loops found plus the artificial root.
func (lsg *LSG) NumLoops() int { return len(lsg.loops) }

// RootNestingLevel is the root's nesting level.
func (lsg *LSG) RootNestingLevel() int { return lsg.root.NestingLevel }

// CalculateNestingLevel links outermost loops to the root, then sets every
// loop's depth and nesting level.
func (lsg *LSG) CalculateNestingLevel() {
	for _, loop := range lsg.loops {
		if loop != lsg.root && loop.Parent == nil {
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
	for _, loop := range lsg.loops {
		if loop == lsg.root {
			continue
		}
		exported := havlak.ForestLoop{
			Header:       loop.header.Name,
			Reducible:    loop.IsReducible,
			Parent:       havlak.NoParent,
			Depth:        loop.DepthLevel,
			NestingLevel: loop.NestingLevel,
		}
		for _, block := range loop.basicBlocks {
			exported.Blocks = append(exported.Blocks, block.Name)
		}
		if loop.Parent != nil && loop.Parent != lsg.root {
			exported.Parent = loop.Parent.header.Name
		}
		forest.Add(exported)
	}
	return forest.Build()
}
