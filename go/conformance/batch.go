package conformance

import (
	"fmt"
	"strconv"
	"strings"
)

// A batch: many random CFGs in one CFG file, so that a program whose start
// is costly (a JVM's, about 0.25 s) is checked on a thousand CFGs in a few
// dozen runs.
//
// The file holds a fresh start block S with an edge to the start block of
// each component, in component order and before any other edge; each
// component's ids are moved by one offset (order kept, ids within
// 0..4294967295, the components disjoint) and its edges and lone blocks
// follow in their original order. Why the batch's loops are the components'
// loops: no edge joins two components and no edge enters S, so S is on no
// cycle and the depth-first search from S enters each component only
// through its start block, after the previous component is finished. Inside
// a component it sees the same blocks, the same edges and every block's
// successors in the same order as a search of the component alone (its
// preorder numbers are shifted by one constant), so it classifies the same
// back edges, finds the same headers with the same bodies, the same
// reducibility, and the same nesting; S heads no loop and belongs to none,
// so each component's outermost loops have parent none and its depths and
// nesting levels are unchanged. The batch's loop forest is therefore the
// union of the components' forests, ids moved by their offsets.
// TestBatchForestIsTheUnionOfTheComponentForests checks this against the
// C++ top rung.
type batch struct {
	text       string
	start      uint64      // S
	components []component // in file order
}

// component is one CFG of a batch: its seed, its own file, and how its ids
// moved (batch id = id + offset).
type component struct {
	seed   int64
	text   string
	blocks int
	offset int64
	low    uint64 // its ids in the batch are low..high
	high   uint64
}

const maxID = 4294967295

// cfgFile is a CFG file's contents in the simple form the random CFGs use:
// a start line, edges, lone blocks, comments.
type cfgFile struct {
	start  uint64
	edges  [][2]uint64
	blocks []uint64 // "block" lines
}

func parseCFG(text string) (cfgFile, error) {
	var f cfgFile
	hasStart := false
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 {
			return f, fmt.Errorf("line %d: %q", n+1, line)
		}
		b, err := strconv.ParseUint(fields[1], 10, 32)
		if err != nil {
			return f, fmt.Errorf("line %d: %v", n+1, err)
		}
		switch fields[0] {
		case "start":
			f.start, hasStart = b, true
		case "block":
			f.blocks = append(f.blocks, b)
		default:
			a, err := strconv.ParseUint(fields[0], 10, 32)
			if err != nil {
				return f, fmt.Errorf("line %d: %v", n+1, err)
			}
			f.edges = append(f.edges, [2]uint64{a, b})
		}
	}
	if !hasStart {
		return f, fmt.Errorf("no start line")
	}
	return f, nil
}

// ids is every id the file names (the start, edges' ends, lone blocks).
func (f *cfgFile) idRange() (low, high uint64) {
	low, high = f.start, f.start
	see := func(b uint64) {
		if b < low {
			low = b
		}
		if b > high {
			high = b
		}
	}
	for _, e := range f.edges {
		see(e[0])
		see(e[1])
	}
	for _, b := range f.blocks {
		see(b)
	}
	return low, high
}

// buildBatch puts the components (CFG files, with their seeds and block
// counts) into one file. Each component's ids keep their spread, moved to
// follow the previous component's; atTop puts the last component's highest
// id at 4294967295 (S below them all), otherwise S is 0 and the components
// follow it.
func buildBatch(seeds []int64, texts []string, blocks []int, atTop bool) (*batch, error) {
	files := make([]cfgFile, len(texts))
	var span uint64 // of all components' id ranges, end to end
	for i, text := range texts {
		f, err := parseCFG(text)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %v", seeds[i], err)
		}
		files[i] = f
		low, high := f.idRange()
		span += high - low + 1
	}
	if span > maxID { // S needs one id more
		return nil, fmt.Errorf("the components' ids span %d, past 32 bits", span)
	}
	b := &batch{}
	next := uint64(1)
	if atTop {
		next = maxID + 1 - span
		b.start = next - 1
	}
	var edges, lone strings.Builder
	write := func(to *strings.Builder, ids ...uint64) {
		for i, id := range ids {
			if i > 0 {
				to.WriteByte(' ')
			}
			to.WriteString(strconv.FormatUint(id, 10))
		}
		to.WriteByte('\n')
	}
	var head strings.Builder
	head.WriteString(fmt.Sprintf("# a batch of %d random CFGs, seeds %d to %d, from a fresh start block\n",
		len(texts), seeds[0], seeds[len(seeds)-1]))
	head.WriteString("start " + strconv.FormatUint(b.start, 10) + "\n")
	for i, f := range files {
		low, high := f.idRange()
		c := component{seed: seeds[i], text: texts[i], blocks: blocks[i],
			offset: int64(next) - int64(low), low: next, high: next + high - low}
		move := func(id uint64) uint64 { return uint64(int64(id) + c.offset) }
		write(&head, b.start, move(f.start)) // S's edges first, in component order
		for _, e := range f.edges {
			write(&edges, move(e[0]), move(e[1]))
		}
		for _, id := range f.blocks {
			lone.WriteString("block ")
			write(&lone, move(id))
		}
		b.components = append(b.components, c)
		next = c.high + 1
	}
	b.text = head.String() + edges.String() + lone.String()
	return b, nil
}
