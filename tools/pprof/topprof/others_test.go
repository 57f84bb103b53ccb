package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNodeSamplesBecomeStacksFromTheirNodeToTheRoot(t *testing.T) {
	// (root) -> main (top.js, line 3 from 0) -> dfs, and V8's (garbage collector).
	cpuprofile := `{"nodes": [
	  {"id": 1, "callFrame": {"functionName": "(root)", "url": "", "lineNumber": -1}, "children": [2, 4]},
	  {"id": 2, "callFrame": {"functionName": "", "url": "file:///h/top.js", "lineNumber": 2}, "children": [3]},
	  {"id": 3, "callFrame": {"functionName": "dfs", "url": "file:///h/top.js", "lineNumber": 9}},
	  {"id": 4, "callFrame": {"functionName": "(garbage collector)", "url": "", "lineNumber": -1}}],
	  "startTime": 1000, "endTime": 9000, "samples": [3, 3, 2, 4], "timeDeltas": [10, 1000, 1000, 1000]}`
	prof, said, err := convert(t, "v8", cpuprofile)
	if err != nil {
		t.Fatal(err)
	}
	if len(prof.Sample) != 4 || len(prof.Function) != 3 {
		t.Fatalf("%d samples, %d functions; want 4 and 3", len(prof.Sample), len(prof.Function))
	}
	stack := prof.Sample[0].Location
	if len(stack) != 2 || stack[0].Line[0].Function.Name != "dfs" || stack[0].Line[0].Line != 10 ||
		stack[1].Line[0].Function.Name != "(anonymous)" ||
		stack[1].Line[0].Function.Filename != "/h/top.js" {
		t.Errorf("first stack %v, want dfs at line 10 under (anonymous) of /h/top.js", stack)
	}
	if got := prof.Sample[3].Location[0].Line[0].Function.Name; got != "(garbage collector)" {
		t.Errorf("last sample in %s, want (garbage collector)", got)
	}
	if prof.DurationNanos != 3000e3 {
		t.Errorf("duration %d ns, want 3 ms from the first sample to the last", prof.DurationNanos)
	}
	if !strings.Contains(said, "4 samples") {
		t.Errorf("said %q", said)
	}
	for name, text := range map[string]string{
		"not json":     `(garbage)`,
		"no nodes":     `{"nodes": [], "samples": []}`,
		"no samples":   `{"nodes": [{"id": 1, "callFrame": {"functionName": "(root)"}}], "samples": []}`,
		"no such node": `{"nodes": [{"id": 1, "callFrame": {"functionName": "(root)"}}], "samples": [7]}`,
	} {
		if _, _, err := convert(t, "v8", text); err == nil {
			t.Errorf("%s: converted", name)
		}
	}
}

func TestFoldedStacksAreReadRootFirst(t *testing.T) {
	folded := "<module> (main.py:40);run (workload.py:12);dfs (top.py:30) 17\n" +
		"<module> (main.py:40);run (workload.py:12) 3\n\n" +
		"a bare name;(garbage) 1\n" +
		" 4\n"
	prof, _, err := convert(t, "folded", folded)
	if err != nil {
		t.Fatal(err)
	}
	if len(prof.Sample) != 4 {
		t.Fatalf("%d samples, want 4", len(prof.Sample))
	}
	if got := prof.Sample[3].Location[0].Line[0].Function.Name; got != outside {
		t.Errorf("a stackless sample in %q, want %q", got, outside)
	}
	leaf := prof.Sample[0].Location[0].Line[0]
	if leaf.Function.Name != "dfs" || leaf.Function.Filename != "top.py" || leaf.Line != 30 {
		t.Errorf("leaf %s of %s:%d, want dfs of top.py:30", leaf.Function.Name,
			leaf.Function.Filename, leaf.Line)
	}
	if got := prof.Sample[0].Value; got[0] != 17 || got[1] != 17e6 {
		t.Errorf("values %v, want 17 samples of 1 ms", got)
	}
	if got := prof.Sample[1].Location[1].Line[0].Function.Name; got != "(module)" {
		t.Errorf("<module> is named %q, want (module): pprof would drop <...>", got)
	}
	if got := prof.Sample[2].Location[1].Line[0].Function.Name; got != "a bare name" {
		t.Errorf("root %q, want the bare name", got)
	}
	for name, text := range map[string]string{
		"no count":   "a;b\n",
		"zero count": "a;b 0\n",
		"empty":      "",
	} {
		if _, _, err := convert(t, "folded", text); err == nil {
			t.Errorf("%s: converted", name)
		}
	}
	if _, _, err := convert(t, "perf", folded); err == nil {
		t.Errorf("an unknown -from: converted")
	}
}

func TestEveryThreadsFileGoesIntoOneProfile(t *testing.T) {
	thread := func(function string) io.Reader {
		return strings.NewReader(`{"nodes": [
		  {"id": 1, "callFrame": {"functionName": "(root)"}, "children": [2]},
		  {"id": 2, "callFrame": {"functionName": "` + function + `", "url": "file:///w.js"}}],
		  "startTime": 0, "samples": [2, 2], "timeDeltas": [1000, 1000]}`)
	}
	out := filepath.Join(t.TempDir(), "both.pb.gz")
	var said bytes.Buffer
	if err := run("v8", []io.Reader{thread("(idle)"), thread("search")}, out,
		time.Millisecond, &said); err != nil {
		t.Fatal(err)
	}
	prof := readBack(t, out)
	// The waiting thread's samples are no CPU time: left out.
	if len(prof.Sample) != 2 || len(prof.Function) != 1 {
		t.Errorf("%d samples of %d functions, want the searching thread's 2 of 1",
			len(prof.Sample), len(prof.Function))
	}
}
