package havlak

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// NoParent is the parent of an outermost loop.
const NoParent = -1

// ForestLoop is one loop of the canonical loop forest.
type ForestLoop struct {
	Header int
	// The loop's own blocks: its header and every block whose innermost
	// loop it is (blocks of nested loops belong to those), ascending.
	Blocks    []int
	Reducible bool
	// The header of the enclosing loop, or NoParent.
	Parent int
	// Distance from the artificial root: 1 for outermost loops.
	Depth int
	// Height in the loop tree: 0 for innermost loops.
	NestingLevel int
}

// LoopForest is what a rung found, as one value that compares equal
// between two rungs exactly when they found the same loops: one loop per
// header, ascending by header; the artificial root is not a loop here.
type LoopForest struct {
	Loops []ForestLoop
}

// NumLoopsWithRoot is Hundt's count: the loops plus the artificial root.
func (f *LoopForest) NumLoopsWithRoot() int { return len(f.Loops) + 1 }

// MaxDepth is the root's nesting level: the deepest loop's depth.
func (f *LoopForest) MaxDepth() int {
	depth := 0
	for i := range f.Loops {
		if f.Loops[i].Depth > depth {
			depth = f.Loops[i].Depth
		}
	}
	return depth
}

// LoopForestBuilder collects loops in any order, with their blocks in any
// order, and produces the canonical forest.
type LoopForestBuilder struct{ forest LoopForest }

// Add adds one loop; it takes ownership of loop.Blocks.
func (b *LoopForestBuilder) Add(loop ForestLoop) {
	sort.Ints(loop.Blocks)
	b.forest.Loops = append(b.forest.Loops, loop)
}

// Build sorts the loops by header. Headers must be distinct.
func (b *LoopForestBuilder) Build() LoopForest {
	loops := b.forest.Loops
	sort.Slice(loops, func(i, j int) bool { return loops[i].Header < loops[j].Header })
	for i := 1; i < len(loops); i++ {
		if loops[i].Header == loops[i-1].Header {
			panic(fmt.Sprintf("havlak: two loops with header %d", loops[i].Header))
		}
	}
	forest := b.forest
	b.forest = LoopForest{}
	return forest
}

// Equal reports whether two forests are the same loops.
func (f *LoopForest) Equal(other *LoopForest) bool {
	return DescribeDifference(f, other) == ""
}

func (l *ForestLoop) equal(o *ForestLoop) bool {
	if l.Header != o.Header || l.Reducible != o.Reducible || l.Parent != o.Parent ||
		l.Depth != o.Depth || l.NestingLevel != o.NestingLevel || len(l.Blocks) != len(o.Blocks) {
		return false
	}
	for i := range l.Blocks {
		if l.Blocks[i] != o.Blocks[i] {
			return false
		}
	}
	return true
}

// String is one line: "loop 5: depth 2, nesting 0, reducible, parent 1,
// blocks 5 6 7 8", with dense block numbers.
func (l ForestLoop) String() string {
	return formatLoop(&l, strconv.Itoa)
}

func formatLoop(l *ForestLoop, id func(int) string) string {
	var out strings.Builder
	out.WriteString("loop " + id(l.Header) + ": depth " + strconv.Itoa(l.Depth) +
		", nesting " + strconv.Itoa(l.NestingLevel) + ", ")
	if l.Reducible {
		out.WriteString("reducible")
	} else {
		out.WriteString("irreducible")
	}
	out.WriteString(", parent ")
	if l.Parent == NoParent {
		out.WriteString("none")
	} else {
		out.WriteString(id(l.Parent))
	}
	out.WriteString(", blocks")
	for _, b := range l.Blocks {
		out.WriteString(" " + id(b))
	}
	return out.String()
}

// Text is one loop per line.
func (f *LoopForest) Text() string {
	var out strings.Builder
	for i := range f.Loops {
		out.WriteString(f.Loops[i].String())
		out.WriteByte('\n')
	}
	return out.String()
}

func summary(l *ForestLoop) string {
	const shown = 8
	head := *l
	if len(head.Blocks) > shown {
		head.Blocks = head.Blocks[:shown]
	}
	text := head.String()
	if len(l.Blocks) > shown {
		text += fmt.Sprintf(" ... (%d blocks)", len(l.Blocks))
	}
	return text
}

// DescribeDifference is the first difference between two forests in words
// ("" when equal): short enough to print for a graph of a million blocks.
func DescribeDifference(actual, expected *LoopForest) string {
	common := len(actual.Loops)
	if len(expected.Loops) < common {
		common = len(expected.Loops)
	}
	for i := 0; i < common; i++ {
		a, e := &actual.Loops[i], &expected.Loops[i]
		if a.equal(e) {
			continue
		}
		out := fmt.Sprintf("loop #%d differs:\n  actual:   %s\n  expected: %s", i, summary(a), summary(e))
		j := 0
		for j < len(a.Blocks) && j < len(e.Blocks) && a.Blocks[j] == e.Blocks[j] {
			j++
		}
		if j < len(a.Blocks) || j < len(e.Blocks) {
			out += fmt.Sprintf("\n  blocks first differ at position %d", j)
		}
		return out
	}
	if len(actual.Loops) != len(expected.Loops) {
		first := &expected.Loops[common:][0]
		if len(actual.Loops) > common {
			first = &actual.Loops[common]
		}
		return fmt.Sprintf("%d loops found, %d expected; the first unmatched is %s",
			len(actual.Loops), len(expected.Loops), summary(first))
	}
	return ""
}
