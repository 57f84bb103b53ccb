package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"
)

// frame's JSON as jfr print --json writes it, fields it has that we do not
// read included.
func jfrFrameJSON(class, method string, line int) string {
	return `{"method": {"type": {"classLoader": null, "name": "` + class +
		`", "package": null, "modifiers": 1, "hidden": false}, "name": "` + method +
		`", "descriptor": "()V", "modifiers": 1, "hidden": false}, "lineNumber": ` +
		strconv.Itoa(line) + `, "bytecodeIndex": 3, "type": "JIT compiled"}`
}

func sample(thread string, truncated bool, frames ...string) string {
	return sampleAt("2026-12-06T20:27:31.5Z", thread, truncated, frames...)
}

func sampleAt(at, thread string, truncated bool, frames ...string) string {
	t := "false"
	if truncated {
		t = "true"
	}
	return `{"type": "jdk.ExecutionSample", "values": {"startTime": "` + at + `", ` +
		`"sampledThread": {"osName": "x", "javaName": "` + thread + `", "virtual": false}, ` +
		`"state": "STATE_RUNNABLE", "stackTrace": {"truncated": ` + t + `, "frames": [` +
		strings.Join(frames, ", ") + `]}}}`
}

// convert runs topprof on text in the format from, and reads back what it
// wrote: nothing at all when it fails.
func convert(t *testing.T, from, text string) (*profile.Profile, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "rec.pb.gz")
	var said bytes.Buffer
	err := run(from, []io.Reader{strings.NewReader(text)}, out, time.Millisecond, &said)
	if err != nil {
		if _, statErr := os.Stat(out); statErr == nil {
			t.Errorf("%v, and %s was written all the same", err, out)
		}
		return nil, said.String(), err
	}
	return readBack(t, out), said.String(), nil
}

// readBack parses the profile topprof wrote at path, as pprof would.
func readBack(t *testing.T, path string) *profile.Profile {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	prof, err := profile.Parse(file)
	if err != nil {
		t.Fatalf("pprof cannot read what was written: %v", err)
	}
	return prof
}

func TestSamplesBecomeStacksOfJavaNames(t *testing.T) {
	run := jfrFrameJSON("havlak/Workload", "run", 7)
	find := jfrFrameJSON("havlak1/LoopFinder", "findLoops", 5)
	dfs := jfrFrameJSON("havlak1/LoopFinder", "dfs", 9)
	recording := `{"recording": {"events": [` + strings.Join([]string{
		sample("java-havlak1", false, dfs, find, run),
		sample("java-havlak1", false, dfs, find, run),
		sampleAt("2026-12-06T20:27:33Z", "java-havlak1", true, find, run),
		`{"type": "jdk.GarbageCollection", "values": {"sumOfPauses": "PT0.01S"}}`,
		`{"type": "jdk.ExecutionSample", "values": {"stackTrace": null}}`,
	}, ", ") + `]}}`
	prof, said, err := convert(t, "jfr", recording)
	if err != nil {
		t.Fatal(err)
	}
	if len(prof.Sample) != 3 || prof.Period != 1e6 {
		t.Fatalf("%d samples, period %d; want 3 samples of 1 ms", len(prof.Sample), prof.Period)
	}
	leaf := prof.Sample[0].Location[0].Line[0]
	if leaf.Function.Name != "havlak1.LoopFinder.dfs" || leaf.Line != 9 {
		t.Errorf("leaf %s:%d, want havlak1.LoopFinder.dfs:9", leaf.Function.Name, leaf.Line)
	}
	root := prof.Sample[0].Location[2].Line[0].Function.Name
	if root != "havlak.Workload.run" {
		t.Errorf("root %s, want havlak.Workload.run", root)
	}
	// Shared: three functions, and the first two samples' stacks are one.
	if len(prof.Function) != 3 || prof.Sample[0].Location[0] != prof.Sample[1].Location[0] {
		t.Errorf("%d functions; frames not shared between samples", len(prof.Function))
	}
	if got := prof.Sample[2].Value; got[0] != 1 || got[1] != 1e6 {
		t.Errorf("values %v, want [1 1000000]", got)
	}
	if prof.DurationNanos != 1500e6 {
		t.Errorf("duration %d ns, want the 1.5 s from the first sample to the last", prof.DurationNanos)
	}
	if got := prof.Sample[0].Label["thread"]; len(got) != 1 || got[0] != "java-havlak1" {
		t.Errorf("thread label %v", got)
	}
	if !strings.Contains(said, "3 samples, 3 functions, 1 truncated stacks") {
		t.Errorf("said %q", said)
	}
}

func TestWhatIsNotARecordingIsRefusedAndNothingWritten(t *testing.T) {
	for name, text := range map[string]string{
		"empty":        ``,
		"not json":     `jfr: file not found`,
		"other object": `{"events": []}`,
		"no samples":   `{"recording": {"events": []}}`,
		"cut short":    `{"recording": {"events": [` + sample("t", false, jfrFrameJSON("a/B", "c", 1)),
	} {
		if _, _, err := convert(t, "jfr", text); err == nil {
			t.Errorf("%s: converted", name)
		}
	}
}
