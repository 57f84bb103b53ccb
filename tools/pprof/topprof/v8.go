package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Node's samples: the .cpuprofile that `node --cpu-prof` writes (V8's
// Profiler.Profile: a call tree of nodes, and each sample a node's id).
// A function is named as V8 names it, "(anonymous)" when it has no name;
// V8's own rows stay, as "(garbage collector)" and "(program)" say where
// the time went outside JavaScript, but for "(idle)", a thread's waiting.

type v8Node struct {
	ID        int64 `json:"id"`
	CallFrame struct {
		FunctionName string `json:"functionName"`
		URL          string `json:"url"`
		LineNumber   int64  `json:"lineNumber"` // from 0
	} `json:"callFrame"`
	Children []int64 `json:"children"`
}

type v8Profile struct {
	Nodes      []v8Node `json:"nodes"`
	StartTime  int64    `json:"startTime"` // microseconds
	EndTime    int64    `json:"endTime"`
	Samples    []int64  `json:"samples"`
	TimeDeltas []int64  `json:"timeDeltas"`
}

func readV8(in io.Reader, b *builder) (string, error) {
	var p v8Profile
	if err := json.NewDecoder(in).Decode(&p); err != nil {
		return "", fmt.Errorf("not a V8 .cpuprofile: %v", err)
	}
	if len(p.Nodes) == 0 {
		return "", fmt.Errorf("not a V8 .cpuprofile: no nodes")
	}
	nodes := map[int64]*v8Node{}
	parents := map[int64]int64{}
	for i := range p.Nodes {
		nodes[p.Nodes[i].ID] = &p.Nodes[i]
		for _, child := range p.Nodes[i].Children {
			parents[child] = p.Nodes[i].ID
		}
	}
	stacks := map[int64][]frame{}
	stackOf := func(id int64) ([]frame, error) {
		if stack, ok := stacks[id]; ok {
			return stack, nil
		}
		var stack []frame
		for at, seen := id, 0; ; seen++ {
			node, ok := nodes[at]
			if !ok || seen > len(p.Nodes) {
				return nil, fmt.Errorf("sample of node %d: no such node, or a cycle", id)
			}
			parent, hasParent := parents[at]
			if !hasParent { // the root, "(root)"
				break
			}
			call := node.CallFrame
			name := call.FunctionName
			if name == "" {
				name = "(anonymous)"
			}
			stack = append(stack, frame{name, strings.TrimPrefix(call.URL, "file://"),
				call.LineNumber + 1})
			at = parent
		}
		stacks[id] = stack
		return stack, nil
	}
	at := time.UnixMicro(p.StartTime)
	idle := 0
	for i, id := range p.Samples {
		if i < len(p.TimeDeltas) {
			at = at.Add(time.Duration(p.TimeDeltas[i]) * time.Microsecond)
		}
		stack, err := stackOf(id)
		if err != nil {
			return "", err
		}
		// A thread waiting (the main thread while a Worker searches) is
		// no CPU time.
		if len(stack) == 0 || stack[0].function == "(idle)" {
			idle++
			continue
		}
		b.add(stack, 1, "", at)
	}
	return fmt.Sprintf("%d nodes, %d idle samples left out", len(p.Nodes), idle), nil
}
