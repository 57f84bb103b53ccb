// Command topprof turns the CPU samples of a runtime's own profiler into a
// pprof profile (gzipped profile.proto, written with pprof's own profile
// package), so that every language's profile opens in pprof like the C++,
// Go and Rust ones (scripts/profiles.py, make pprof RUNG=java-top):
//
//	jfr print --json --stack-depth 2048 --events jdk.ExecutionSample REC.jfr |
//	    topprof -from jfr -period 1ms -o REC.pb.gz
//	topprof -from v8 -period 1ms -o PROF.pb.gz *.cpuprofile        # node --cpu-prof
//	topprof -from folded -period 1ms -o PROF.pb.gz PROF.txt        # py-spy --format raw
//
// Each sample counts one and the sampling period in CPU time. The names are
// the language's own, already readable: the profile needs no binary.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

var readers = map[string]struct {
	runtime string
	read    func(io.Reader, *builder) (string, error)
}{
	"jfr":    {"jvm", readJFR},
	"v8":     {"v8", readV8},
	"folded": {"folded", readFolded},
}

// run converts the inputs (standard input when there are none) into one
// profile: a runtime that writes a file per thread (Node) has all its
// threads in one.
func run(from string, inputs []io.Reader, out string, period time.Duration, stderr io.Writer) error {
	reader, ok := readers[from]
	if !ok {
		return fmt.Errorf("-from %q: it is jfr, v8 or folded", from)
	}
	if period <= 0 {
		return errors.New("-period must be positive")
	}
	b := newBuilder(period, reader.runtime)
	var said []string
	for _, in := range inputs {
		what, err := reader.read(in, b)
		if err != nil {
			return err
		}
		said = append(said, what)
	}
	if err := b.write(out); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "topprof: %d samples, %d functions, %s: %s\n",
		len(b.prof.Sample), len(b.prof.Function), strings.Join(said, "; "), out)
	return nil
}

func main() {
	flags := flag.NewFlagSet("topprof", flag.ContinueOnError)
	from := flags.String("from", "", "the input's format: jfr, v8 or folded")
	out := flags.String("o", "", "the pprof profile to write (gzipped profile.proto)")
	period := flags.Duration("period", 10*time.Millisecond, "the sampling period")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: topprof -from jfr|v8|folded [-period 1ms] "+
			"-o OUT.pb.gz [INPUT...] (standard input when no INPUT)")
		flags.PrintDefaults()
	}
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if *out == "" || *from == "" {
		fmt.Fprintln(os.Stderr, "topprof: -from and -o are needed (see -h)")
		os.Exit(2)
	}
	inputs := []io.Reader{os.Stdin}
	if flags.NArg() > 0 {
		inputs = nil
		for _, name := range flags.Args() {
			file, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(os.Stderr, "topprof: %v\n", err)
				os.Exit(1)
			}
			defer file.Close()
			inputs = append(inputs, bufio.NewReader(file))
		}
	}
	if err := run(*from, inputs, *out, *period, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "topprof: %v\n", err)
		os.Exit(1)
	}
}
