// Command jfr2pprof turns the CPU samples of a JDK Flight Recorder recording
// into a pprof profile, so that the JVM programs' profiles open in pprof like
// the C++, Go and Rust ones (scripts/profiles.py, make pprof RUNG=java-top;
// the recording's settings are cpu.jfc beside this file).
//
//	jfr print --json --stack-depth 2048 --events jdk.ExecutionSample REC.jfr |
//	    jfr2pprof -period 1ms -o REC.pb.gz
//
// The JDK's own jfr tool reads the recording; this program streams its JSON
// (one event at a time, so a long recording needs no more memory than its
// distinct frames) and writes profile.proto with pprof's own profile
// package. A function is named as a Java programmer reads it, its class and
// method (havlak.Workload.run), with the frame's line number; its file is
// the class, as JFR records no source file names. Each sample counts one
// and the sampling period in CPU time, and carries its thread's name.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

type frame struct {
	Method struct {
		Type struct {
			Name string `json:"name"`
		} `json:"type"`
		Name string `json:"name"`
	} `json:"method"`
	LineNumber int64  `json:"lineNumber"`
	Type       string `json:"type"` // "Interpreted", "JIT compiled", "Inlined", "Native"
}

type event struct {
	Type   string `json:"type"`
	Values struct {
		StartTime     string `json:"startTime"`
		SampledThread struct {
			JavaName string `json:"javaName"`
		} `json:"sampledThread"`
		StackTrace *struct {
			Truncated bool    `json:"truncated"`
			Frames    []frame `json:"frames"`
		} `json:"stackTrace"`
	} `json:"values"`
}

// converter builds one profile; functions and locations are shared between
// samples by name and by (name, line).
type converter struct {
	prof      *profile.Profile
	mapping   *profile.Mapping
	functions map[string]*profile.Function
	locations map[location]*profile.Location
	truncated int
	// The first and last sample's times: the profile's time and duration.
	first, last time.Time
}

type location struct {
	function string
	line     int64
}

func newConverter(period time.Duration) *converter {
	// One mapping that says every location is already symbolized: pprof
	// then reads the names as they are and looks for no binary.
	mapping := &profile.Mapping{ID: 1, File: "[jvm]", HasFunctions: true,
		HasFilenames: true, HasLineNumbers: true}
	return &converter{
		prof: &profile.Profile{
			SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"},
				{Type: "cpu", Unit: "nanoseconds"}},
			PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
			Period:     period.Nanoseconds(),
			Mapping:    []*profile.Mapping{mapping},
		},
		mapping:   mapping,
		functions: map[string]*profile.Function{},
		locations: map[location]*profile.Location{},
	}
}

// javaName turns JFR's internal class names (havlak/Workload) into the
// source's (havlak.Workload).
func javaName(f frame) string {
	return strings.ReplaceAll(f.Method.Type.Name, "/", ".") + "." + f.Method.Name
}

func (c *converter) function(f frame) *profile.Function {
	name := javaName(f)
	if fn, ok := c.functions[name]; ok {
		return fn
	}
	fn := &profile.Function{ID: uint64(len(c.prof.Function) + 1), Name: name,
		SystemName: name, Filename: strings.ReplaceAll(f.Method.Type.Name, "/", ".")}
	c.functions[name] = fn
	c.prof.Function = append(c.prof.Function, fn)
	return fn
}

func (c *converter) location(f frame) *profile.Location {
	key := location{javaName(f), f.LineNumber}
	if loc, ok := c.locations[key]; ok {
		return loc
	}
	line := f.LineNumber
	if line < 0 { // native or unknown
		line = 0
	}
	loc := &profile.Location{ID: uint64(len(c.prof.Location) + 1), Mapping: c.mapping,
		Line: []profile.Line{{Function: c.function(f), Line: line}}}
	c.locations[key] = loc
	c.prof.Location = append(c.prof.Location, loc)
	return loc
}

// add counts one event; JFR lists a stack's frames leaf first, as pprof does.
func (c *converter) add(e *event) {
	if e.Type != "jdk.ExecutionSample" || e.Values.StackTrace == nil ||
		len(e.Values.StackTrace.Frames) == 0 {
		return
	}
	if e.Values.StackTrace.Truncated {
		c.truncated++
	}
	sample := &profile.Sample{Value: []int64{1, c.prof.Period}}
	for _, f := range e.Values.StackTrace.Frames {
		sample.Location = append(sample.Location, c.location(f))
	}
	if thread := e.Values.SampledThread.JavaName; thread != "" {
		sample.Label = map[string][]string{"thread": {thread}}
	}
	if at, err := time.Parse(time.RFC3339Nano, e.Values.StartTime); err == nil {
		if c.first.IsZero() || at.Before(c.first) {
			c.first = at
		}
		if at.After(c.last) {
			c.last = at
		}
	}
	c.prof.Sample = append(c.prof.Sample, sample)
}

// readEvents streams `jfr print --json`'s {"recording": {"events": [...]}}
// into add, one event at a time.
func (c *converter) readEvents(in io.Reader) error {
	decoder := json.NewDecoder(in)
	expect := func(want json.Delim) error {
		token, err := decoder.Token()
		if err != nil {
			return fmt.Errorf("not jfr print --json output: %v", err)
		}
		if token != want {
			return fmt.Errorf("not jfr print --json output: %v where %v was expected", token, want)
		}
		return nil
	}
	key := func(want string) error {
		token, err := decoder.Token()
		if err != nil || token != want {
			return fmt.Errorf("not jfr print --json output: no %q", want)
		}
		return nil
	}
	for _, step := range []func() error{
		func() error { return expect('{') }, func() error { return key("recording") },
		func() error { return expect('{') }, func() error { return key("events") },
		func() error { return expect('[') },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	for decoder.More() {
		var e event
		if err := decoder.Decode(&e); err != nil {
			return fmt.Errorf("event %d: %v", len(c.prof.Sample)+1, err)
		}
		c.add(&e)
	}
	return expect(']')
}

func run(in io.Reader, out string, period time.Duration, stderr io.Writer) error {
	if period <= 0 {
		return errors.New("-period must be positive")
	}
	c := newConverter(period)
	if err := c.readEvents(in); err != nil {
		return err
	}
	if len(c.prof.Sample) == 0 {
		return errors.New("no jdk.ExecutionSample events with a stack trace")
	}
	if !c.first.IsZero() {
		c.prof.TimeNanos = c.first.UnixNano()
		c.prof.DurationNanos = c.last.Sub(c.first).Nanoseconds()
	}
	if err := c.prof.CheckValid(); err != nil {
		return fmt.Errorf("the profile is not valid: %v", err)
	}
	// Whole or not at all: written beside the destination, then renamed.
	temporary, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(temporary.Name())
	// As a profile written in place would be: readable by all.
	if err := temporary.Chmod(0o644); err != nil {
		temporary.Close()
		return err
	}
	if err := c.prof.Write(temporary); err != nil {
		temporary.Close()
		return err
	}
	if err := temporary.Close(); err != nil {
		return err
	}
	if err := os.Rename(temporary.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "jfr2pprof: %d samples, %d functions, %d truncated stacks: %s\n",
		len(c.prof.Sample), len(c.prof.Function), c.truncated, out)
	return nil
}

func main() {
	flags := flag.NewFlagSet("jfr2pprof", flag.ContinueOnError)
	out := flags.String("o", "", "the pprof profile to write (gzipped profile.proto)")
	period := flags.Duration("period", 10*time.Millisecond,
		"the recording's jdk.ExecutionSample period")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: jfr print --json --stack-depth 2048 --events "+
			"jdk.ExecutionSample REC.jfr | jfr2pprof [-period 1ms] -o REC.pb.gz")
		flags.PrintDefaults()
	}
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if *out == "" || flags.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "jfr2pprof: -o FILE is needed, and no other argument (see -h)")
		os.Exit(2)
	}
	if err := run(os.Stdin, *out, *period, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "jfr2pprof: %v\n", err)
		os.Exit(1)
	}
}
