package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// The JVM's samples: jdk.ExecutionSample events as the JDK's own tool
// prints them,
//
//	jfr print --json --stack-depth 2048 --events jdk.ExecutionSample REC.jfr
//
// streamed one event at a time, so a long recording needs no more memory
// than its distinct frames. A function is named as a Java programmer reads
// it, class and method (havlak.Workload.run); its file is the class, as JFR
// records no source file names.

type jfrFrame struct {
	Method struct {
		Type struct {
			Name string `json:"name"`
		} `json:"type"`
		Name string `json:"name"`
	} `json:"method"`
	LineNumber int64 `json:"lineNumber"`
}

type jfrEvent struct {
	Type   string `json:"type"`
	Values struct {
		StartTime     string `json:"startTime"`
		SampledThread struct {
			JavaName string `json:"javaName"`
		} `json:"sampledThread"`
		StackTrace *struct {
			Truncated bool       `json:"truncated"`
			Frames    []jfrFrame `json:"frames"`
		} `json:"stackTrace"`
	} `json:"values"`
}

// readJFR adds every sample of `jfr print --json`'s {"recording":
// {"events": [...]}}; JFR lists a stack leaf first, as pprof does. It says
// how many stacks JFR truncated.
func readJFR(in io.Reader, b *builder) (string, error) {
	decoder := json.NewDecoder(in)
	expect := func(want any) error {
		token, err := decoder.Token()
		if err != nil {
			return fmt.Errorf("not jfr print --json output: %v", err)
		}
		if token != want {
			return fmt.Errorf("not jfr print --json output: %v where %v was expected", token, want)
		}
		return nil
	}
	for _, want := range []any{json.Delim('{'), "recording", json.Delim('{'), "events",
		json.Delim('[')} {
		if err := expect(want); err != nil {
			return "", err
		}
	}
	events, truncated := 0, 0
	for decoder.More() {
		var e jfrEvent
		events++
		if err := decoder.Decode(&e); err != nil {
			return "", fmt.Errorf("event %d: %v", events, err)
		}
		if e.Type != "jdk.ExecutionSample" || e.Values.StackTrace == nil ||
			len(e.Values.StackTrace.Frames) == 0 {
			continue
		}
		if e.Values.StackTrace.Truncated {
			truncated++
		}
		stack := make([]frame, 0, len(e.Values.StackTrace.Frames))
		for _, f := range e.Values.StackTrace.Frames {
			class := strings.ReplaceAll(f.Method.Type.Name, "/", ".")
			stack = append(stack, frame{class + "." + f.Method.Name, class, f.LineNumber})
		}
		at, _ := time.Parse(time.RFC3339Nano, e.Values.StartTime)
		b.add(stack, 1, e.Values.SampledThread.JavaName, at)
	}
	return fmt.Sprintf("%d truncated stacks", truncated), expect(json.Delim(']'))
}
