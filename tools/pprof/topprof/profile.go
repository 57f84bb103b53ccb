package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

// frame is one function call of a sampled stack, named as the language's
// programmers read it.
type frame struct {
	function string
	file     string
	line     int64
}

// pprof drops what is between angle brackets as C++ template arguments,
// which would leave Python's <module> and the JVM's <init> nameless.
var unbracketed = strings.NewReplacer("<", "(", ">", ")")

// builder makes one CPU profile from sampled stacks; functions and locations
// are shared between samples by name and by (name, file, line).
type builder struct {
	prof      *profile.Profile
	mapping   *profile.Mapping
	functions map[[2]string]*profile.Function
	locations map[frame]*profile.Location
	// The first and last sample's times: the profile's time and duration.
	first, last time.Time
}

func newBuilder(period time.Duration, runtime string) *builder {
	// One mapping that says every location is already symbolized: pprof
	// then reads the names as they are and looks for no binary.
	mapping := &profile.Mapping{ID: 1, File: "[" + runtime + "]", HasFunctions: true,
		HasFilenames: true, HasLineNumbers: true}
	return &builder{
		prof: &profile.Profile{
			SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"},
				{Type: "cpu", Unit: "nanoseconds"}},
			PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
			Period:     period.Nanoseconds(),
			Mapping:    []*profile.Mapping{mapping},
		},
		mapping:   mapping,
		functions: map[[2]string]*profile.Function{},
		locations: map[frame]*profile.Location{},
	}
}

func (b *builder) function(f frame) *profile.Function {
	key := [2]string{f.function, f.file}
	if fn, ok := b.functions[key]; ok {
		return fn
	}
	fn := &profile.Function{ID: uint64(len(b.prof.Function) + 1),
		Name: unbracketed.Replace(f.function), SystemName: f.function, Filename: f.file}
	b.functions[key] = fn
	b.prof.Function = append(b.prof.Function, fn)
	return fn
}

func (b *builder) location(f frame) *profile.Location {
	if f.line < 0 { // native or unknown
		f.line = 0
	}
	if loc, ok := b.locations[f]; ok {
		return loc
	}
	loc := &profile.Location{ID: uint64(len(b.prof.Location) + 1), Mapping: b.mapping,
		Line: []profile.Line{{Function: b.function(f), Line: f.line}}}
	b.locations[f] = loc
	b.prof.Location = append(b.prof.Location, loc)
	return loc
}

// add counts a stack, leaf first, seen count times; thread labels the
// sample when known, and a zero time is no time.
func (b *builder) add(stack []frame, count int64, thread string, at time.Time) {
	sample := &profile.Sample{Value: []int64{count, count * b.prof.Period}}
	for _, f := range stack {
		sample.Location = append(sample.Location, b.location(f))
	}
	if thread != "" {
		sample.Label = map[string][]string{"thread": {thread}}
	}
	if !at.IsZero() {
		if b.first.IsZero() || at.Before(b.first) {
			b.first = at
		}
		if at.After(b.last) {
			b.last = at
		}
	}
	b.prof.Sample = append(b.prof.Sample, sample)
}

// write checks the profile and writes it whole or not at all: beside the
// destination, then renamed over it.
func (b *builder) write(out string) error {
	if len(b.prof.Sample) == 0 {
		return errors.New("no sampled stacks in the input")
	}
	if !b.first.IsZero() {
		b.prof.TimeNanos = b.first.UnixNano()
		b.prof.DurationNanos = b.last.Sub(b.first).Nanoseconds()
	}
	if err := b.prof.CheckValid(); err != nil {
		return fmt.Errorf("the profile is not valid: %v", err)
	}
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
	if err := b.prof.Write(temporary); err != nil {
		temporary.Close()
		return err
	}
	if err := temporary.Close(); err != nil {
		return err
	}
	return os.Rename(temporary.Name(), out)
}
