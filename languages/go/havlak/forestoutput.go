package havlak

import (
	"strconv"
	"strings"
)

// ForestReport is a loop forest found in a CFG file, to be printed with
// the file's block ids.
type ForestReport struct {
	Rung   string
	Input  string // the file's name
	Graph  *EdgeList
	IDs    []uint32 // the file's id of each block
	Forest *LoopForest
}

// FormatForestText is "# go-havlak1: 2 loops in loops.cfg (5 blocks, 7
// edges), plus the artificial root", then one line per loop: the C++
// rungs' --cfg output, byte for byte.
func FormatForestText(r *ForestReport) string {
	id := func(block int) string { return strconv.FormatUint(uint64(r.IDs[block]), 10) }
	var out strings.Builder
	out.WriteString("# " + r.Rung + ": " + Count(int64(len(r.Forest.Loops)), "loop") + " in " +
		PrintableName(r.Input) + " (" + Count(int64(r.Graph.NumBlocks), "block") + ", " +
		Count(int64(len(r.Graph.Edges)), "edge") + "), plus the artificial root\n")
	for i := range r.Forest.Loops {
		out.WriteString(formatLoop(&r.Forest.Loops[i], id))
		out.WriteByte('\n')
	}
	return out.String()
}

// FormatForestJSON is the same as one JSON record.
func FormatForestJSON(r *ForestReport) string {
	var json JSONWriter
	json.BeginObject()
	json.Key("rung").String(r.Rung)
	json.Key("input").String(r.Input)
	json.Key("blocks").Integer(int64(r.Graph.NumBlocks))
	json.Key("edges").Integer(int64(len(r.Graph.Edges)))
	json.Key("loops").BeginArray()
	for i := range r.Forest.Loops {
		loop := &r.Forest.Loops[i]
		json.BeginObject()
		json.Key("header").Integer(int64(r.IDs[loop.Header]))
		json.Key("blocks").BeginArray()
		for _, block := range loop.Blocks {
			json.Integer(int64(r.IDs[block]))
		}
		json.EndArray()
		json.Key("reducible").Bool(loop.Reducible)
		json.Key("parent")
		if loop.Parent == NoParent {
			json.Null()
		} else {
			json.Integer(int64(r.IDs[loop.Parent]))
		}
		json.Key("depth").Integer(int64(loop.Depth))
		json.Key("nesting_level").Integer(int64(loop.NestingLevel))
		json.EndObject()
	}
	json.EndArray()
	json.EndObject()
	return json.Take() + "\n"
}
