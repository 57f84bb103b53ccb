package havlak

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

// The --scale range (scripts/havlak_tools/workload.py's MIN_SCALE and
// MAX_SCALE).
const (
	minScale = 0.01
	maxScale = 400.0
)

// options is the command line.
type options struct {
	scale       float64
	iterations  int
	json        bool
	cfg         string
	cpuProfile  string
	heapProfile string
}

// usageError is a bad command line or input: exit status 2.
type usageError struct{ error }

func parseArgs(name string, args []string) (*options, *flag.FlagSet, error) {
	o := &options{}
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.Float64Var(&o.scale, "scale", 1, fmt.Sprintf("workload size: multiplies the 100 loops per tree and the 15000 small-graph findings (%g to %g)", minScale, maxScale))
	flags.IntVar(&o.iterations, "iterations", 50, "loop findings on the big graph after the first")
	flags.BoolVar(&o.json, "json", false, "print one JSON record instead of the report")
	flags.StringVar(&o.cfg, "cfg", "", "find the loops of the CFG in `FILE` ('-': standard input) and print them, instead of the workload")
	flags.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile (runtime/pprof) to `FILE`")
	flags.StringVar(&o.heapProfile, "heapprofile", "", "write a heap profile (runtime/pprof) to `FILE` after the first big-graph finding, then stop")
	if err := flags.Parse(args); err != nil {
		return nil, flags, err
	}
	given := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, name := range []string{"cfg", "cpuprofile", "heapprofile"} {
		if given[name] && flags.Lookup(name).Value.String() == "" {
			return nil, flags, fmt.Errorf("-%s needs a file name", name)
		}
	}
	switch {
	case flags.NArg() > 0:
		return nil, flags, fmt.Errorf("unexpected argument %q", flags.Arg(0))
	case !(o.scale >= minScale && o.scale <= maxScale): // NaN too
		return nil, flags, fmt.Errorf("-scale=%g: not from %g to %g", o.scale, minScale, maxScale)
	case o.iterations < 0:
		return nil, flags, errors.New("-iterations must not be negative")
	case o.cfg != "" && (given["scale"] || given["iterations"] || given["heapprofile"]):
		return nil, flags, errors.New("-scale, -iterations and -heapprofile apply to the workload, not to -cfg")
	case o.cpuProfile != "" && o.heapProfile != "":
		return nil, flags, errors.New("-cpuprofile and -heapprofile need separate runs")
	}
	return o, flags, nil
}

// Main is the whole main program of a rung: it parses the command line,
// runs the workload or finds the loops of a CFG file, prints the result
// and exits: 0 done, 1 a wrong loop count, 2 a bad command line or input.
func Main(rung Rung) {
	err := run(&rung, os.Args[1:])
	if err == nil {
		return
	}
	message := strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(err.Error())
	fmt.Fprintf(os.Stderr, "%s: %s\n", rung.Name, message)
	if _, ok := err.(usageError); ok {
		os.Exit(2)
	}
	os.Exit(1)
}

func run(rung *Rung, args []string) error {
	o, flags, err := parseArgs(rung.Name, args)
	if err == flag.ErrHelp {
		fmt.Printf("%s: %s\n\nRuns Hundt's loop-finding workload and checks its loop counts, or finds\n"+
			"the loops of a CFG file (--cfg).\n\nUsage: %s [flags]\n", rung.Name, rung.Idea, rung.Name)
		flags.SetOutput(os.Stdout)
		flags.PrintDefaults()
		return nil
	}
	if err != nil {
		return usageError{err}
	}
	var graph *cfgFile
	if o.cfg != "" {
		if graph, err = readCFGFile(o.cfg); err != nil {
			return usageError{err}
		}
	}
	var heapProfile *os.File
	if o.heapProfile != "" {
		// One sample per 4 KiB allocated, not Go's default 512 KiB: enough
		// for the small objects the early rungs make.
		runtime.MemProfileRate = 4096
		if heapProfile, err = os.Create(o.heapProfile); err != nil {
			return usageError{err}
		}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return usageError{err}
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if graph != nil {
		return printForest(rung, graph, o.json)
	}
	return runAndReport(rung, o, heapProfile)
}

// setStackLimit raises Go's stack limit (1 GB by default) for a recursive
// search of a graph of that many blocks: 1 KiB a block. Go grows a
// goroutine's stack by copying it, so no thread needs a large stack.
func setStackLimit(rung *Rung, blocks int64) {
	if limit := blocks * 1024; rung.Recursive && limit > 1<<30 {
		debug.SetMaxStack(int(limit))
	}
}

// forestLoop is a loop of the --cfg --json output, in the file's ids.
type forestLoop struct {
	Header       uint32   `json:"header"`
	Blocks       []uint32 `json:"blocks"`
	Reducible    bool     `json:"reducible"`
	Parent       *uint32  `json:"parent"` // null for an outermost loop
	Depth        int      `json:"depth"`
	NestingLevel int      `json:"nesting_level"`
}

// printForest finds the loops of graph once and prints them.
func printForest(rung *Rung, graph *cfgFile, asJSON bool) error {
	setStackLimit(rung, int64(len(graph.ids)))
	cfg := rung.NewCFG()
	for block := range graph.ids { // the start block, 0, first
		cfg.CreateNode(block)
	}
	for _, edge := range graph.edges {
		cfg.AddEdge(edge[0], edge[1])
	}
	FinishCFG(cfg)
	lsg := rung.NewLoopGraph()
	rung.NewFinder().FindLoops(cfg, lsg)
	lsg.CalculateNestingLevel()
	forest := lsg.ToLoopForest()

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	loops := make([]forestLoop, len(forest.Loops))
	for i, loop := range forest.Loops {
		l := &loops[i]
		*l = forestLoop{Header: graph.ids[loop.Header], Reducible: loop.Reducible,
			Depth: loop.Depth, NestingLevel: loop.NestingLevel, Blocks: make([]uint32, len(loop.Blocks))}
		for j, block := range loop.Blocks {
			l.Blocks[j] = graph.ids[block]
		}
		if loop.Parent != NoParent {
			l.Parent = &graph.ids[loop.Parent]
		}
		if !asJSON {
			kind := "reducible"
			if !l.Reducible {
				kind = "irreducible"
			}
			parent := "none"
			if l.Parent != nil {
				parent = fmt.Sprint(*l.Parent)
			}
			fmt.Fprintf(out, "loop %d: depth %d, nesting %d, %s, parent %s, blocks %s\n", l.Header, l.Depth,
				l.NestingLevel, kind, parent, strings.Trim(fmt.Sprint(l.Blocks), "[]"))
		}
	}
	if !asJSON {
		fmt.Fprintf(out, "# %d loops in %d blocks and %d edges, plus the artificial root\n",
			len(loops), len(graph.ids), len(graph.edges))
		return nil
	}
	return json.NewEncoder(out).Encode(struct {
		Rung   string       `json:"rung"`
		Blocks int          `json:"blocks"`
		Edges  int          `json:"edges"`
		Loops  []forestLoop `json:"loops"`
	}{rung.Name, len(graph.ids), len(graph.edges), loops})
}

// record is the --json record of a run: the fields the runner reads
// (scripts/havlak_tools/records.py), as the C++ rungs name them, plus the
// rung's idea, each phase's findings and whether the run stopped early.
type record struct {
	Rung             string `json:"rung"`
	Language         string `json:"language"`
	Idea             string `json:"idea"`
	Allocator        string `json:"allocator"`
	AllocatorVersion string `json:"allocator_version"`
	Compiler         string `json:"compiler"`
	BuildFlags       string `json:"build_flags"`
	Workload         struct {
		Canonical       bool    `json:"canonical"`
		Scale           float64 `json:"scale"`
		Trees           int     `json:"trees"`
		LoopsPerTree    int     `json:"loops_per_tree"`
		Blocks          int64   `json:"blocks"`
		SmallGraphFinds int     `json:"small_graph_finds"`
		BigGraphFinds   int     `json:"big_graph_finds"`
	} `json:"workload"`
	ReuseLoopGraph        bool                 `json:"reuse_loop_graph"`
	Loops                 int                  `json:"loops"`
	LoopsTotal            int64                `json:"loops_total"`
	SmallGraphLoops       int                  `json:"small_graph_loops"`
	RootNestingLevel      int                  `json:"root_nesting_level"`
	StoppedAfterFirstFind bool                 `json:"stopped_after_first_find"`
	LoopCountsRight       bool                 `json:"loop_counts_right"`
	LoopCountProblems     []string             `json:"loop_count_problems"`
	Phases                map[string]phaseTime `json:"phases"`
	WallSeconds           float64              `json:"wall_seconds"` // the whole workload
	PeakRSSKiB            int64                `json:"peak_rss_kib"`
	Allocations           struct {
		Count         uint64 `json:"count"` // heap objects, runtime.MemStats.Mallocs
		Bytes         uint64 `json:"bytes"` // TotalAlloc
		PeakLiveBytes uint64 `json:"peak_live_bytes"`
	} `json:"allocations"`
	// The collector's own figures: the largest heap it marked live (null
	// where the runtime has no such metric) and its cycles in the workload.
	GC struct {
		PeakLiveHeapBytes *uint64 `json:"peak_live_heap_bytes"`
		Cycles            uint32  `json:"cycles"`
	} `json:"gc"`
}

// runtimeSettings names the Go runtime's settings that change what is
// measured, as the runner checks them: "GOGC=100 GOMEMLIMIT=off".
func runtimeSettings() string {
	gogc, limit := os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT")
	if gogc == "" {
		gogc = "100"
	}
	if limit == "" {
		limit = "off"
	}
	return "GOGC=" + gogc + " GOMEMLIMIT=" + limit
}

// buildFlags names the build settings Go records in the binary (-pgo
// among them: the runner checks it for the go-pgo build).
func buildFlags() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "gc"
	}
	var settings []string
	for _, s := range info.Settings {
		switch s.Key {
		case "-compiler", "-gcflags", "-ldflags", "-pgo", "-trimpath", "CGO_ENABLED", "GOARCH", "GOAMD64":
			settings = append(settings, s.Key+"="+s.Value)
		}
	}
	return strings.Join(settings, " ")
}

// runAndReport runs the workload, prints the report or the record, and
// checks the loop counts.
func runAndReport(rung *Rung, o *options, heapProfile *os.File) error {
	spec := Scaled(o.scale, o.iterations)
	setStackLimit(rung, spec.BigGraphBlocks())
	var afterFirst func()
	var heapError error
	if heapProfile != nil {
		afterFirst = func() {
			runtime.GC() // brings the in-use figures up to date
			heapError = pprof.Lookup("heap").WriteTo(heapProfile, 0)
			if err := heapProfile.Close(); heapError == nil {
				heapError = err
			}
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	r := runWorkload(rung, spec, afterFirst)
	wall := time.Since(start).Seconds()
	runtime.ReadMemStats(&after)
	if heapError != nil {
		return heapError
	}
	r.sample()

	var rec record
	rec.Rung, rec.Language, rec.Idea = rung.Name, "go", rung.Idea
	rec.Allocator, rec.AllocatorVersion = "go", runtime.Version()+" "+runtimeSettings()
	rec.Compiler, rec.BuildFlags = runtime.Version()+" "+runtime.Compiler, buildFlags()
	w := &rec.Workload
	w.Canonical, w.Scale, w.Trees, w.LoopsPerTree = spec == CanonicalWorkload(), o.scale, spec.Trees, spec.LoopsPerTree
	w.Blocks, w.SmallGraphFinds, w.BigGraphFinds = spec.BigGraphBlocks(), spec.SmallGraphFinds, spec.BigGraphFinds
	rec.ReuseLoopGraph, rec.Loops, rec.LoopsTotal = rung.ReusesLoopGraph, r.loops, r.loopsTotal
	rec.SmallGraphLoops, rec.RootNestingLevel, rec.StoppedAfterFirstFind = r.smallGraphLoops, r.rootNesting, r.stopped
	rec.LoopCountProblems = r.problems(spec)
	rec.LoopCountsRight = len(rec.LoopCountProblems) == 0
	rec.Phases = map[string]phaseTime{}
	for p, key := range phaseKeys {
		rec.Phases[key] = r.phases[p]
	}
	rec.WallSeconds = wall
	var usage syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &usage) == nil {
		rec.PeakRSSKiB = usage.Maxrss
	}
	rec.Allocations.Count = after.Mallocs - before.Mallocs
	rec.Allocations.Bytes = after.TotalAlloc - before.TotalAlloc
	rec.Allocations.PeakLiveBytes = r.peakLiveBytes
	if r.peakMarkedLiveBytes > 0 {
		rec.GC.PeakLiveHeapBytes = &r.peakMarkedLiveBytes
	}
	rec.GC.Cycles = after.NumGC - before.NumGC

	if o.json {
		if err := json.NewEncoder(os.Stdout).Encode(&rec); err != nil {
			return err
		}
	} else {
		printReport(&rec, &r)
	}
	if !rec.LoopCountsRight {
		return errors.New("wrong loop counts: " + strings.Join(rec.LoopCountProblems, "; "))
	}
	return nil
}

func printReport(rec *record, r *result) {
	fmt.Printf("%s: %s\nruntime: %s\n", rec.Rung, rec.Idea, rec.AllocatorVersion)
	w := rec.Workload
	fmt.Printf("workload: scale %g: %d blocks; %d small-graph findings; 1 + %d big-graph findings\n",
		w.Scale, w.Blocks, w.SmallGraphFinds, w.BigGraphFinds)
	if r.stopped {
		fmt.Printf("# of loops: %d (stopped after the first big-graph finding)\n", rec.Loops)
	} else {
		fmt.Printf("# of loops: %d (total %d)\n", rec.Loops, rec.LoopsTotal)
	}
	fmt.Printf("loop counts right: %t (small graph %d, loop depth %d)\n\n",
		rec.LoopCountsRight, rec.SmallGraphLoops, rec.RootNestingLevel)
	for p, title := range phaseTitles {
		if r.stopped && p > 2 {
			break
		}
		t := r.phases[p]
		fmt.Printf("%-22s %8.3f s", title, t.WallSeconds)
		if t.Finds > 0 {
			fmt.Printf("  %10.3f ms per finding (%d)", 1e3*t.WallSeconds/float64(t.Finds), t.Finds)
		}
		fmt.Println()
	}
	a := rec.Allocations
	fmt.Printf("%-22s %8.3f s\n%-22s %8.1f MiB\n%-22s %8d  (%.1f MiB; peak live %.1f MiB)\n",
		"total", rec.WallSeconds, "peak resident memory", float64(rec.PeakRSSKiB)/1024,
		"allocations", a.Count, float64(a.Bytes)/(1<<20), float64(a.PeakLiveBytes)/(1<<20))
}
