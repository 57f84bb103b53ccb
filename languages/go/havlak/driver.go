package havlak

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// Exit statuses, as the C++ rungs'.
const (
	ExitSuccess        = 0
	ExitWrongLoopCount = 1
	ExitUsage          = 2
	ExitFailure        = 3
	// ExitResourceLimit: no memory, or no stack for a recursive rung. The
	// Go runtime ends the process itself when either runs out (exit 2 and a
	// "fatal error" on stderr), so the Go rungs cannot return it yet.
	ExitResourceLimit = 4
)

// Main is the whole main program of a rung: it parses the command line,
// runs the workload (or --cfg, or --dump-cfg) under the profilers asked
// for, checks and prints the result, and exits.
func Main(rung Rung) {
	os.Exit(RunCommandLine(&rung, os.Args[1:]))
}

func fail(rung *Rung, status int, message string) int {
	prefix := ""
	if status == ExitUsage {
		prefix = "error: "
	}
	fmt.Fprintf(os.Stderr, "%s: %s%s\n", rung.Name, prefix, message)
	return status
}

func print(text string) { os.Stdout.WriteString(text) }

// RunCommandLine runs rung with args and returns the exit status.
func RunCommandLine(rung *Rung, args []string) int {
	options, problem := ParseCommandLine(args)
	if problem != "" {
		return fail(rung, ExitUsage, problem+" (see --help)")
	}
	if options.Help {
		print(UsageText(rung.Name, rung.Idea, rung.ReusesLoopGraph))
		return ExitSuccess
	}
	return run(rung, &options)
}

// progressLine is a progress line on stderr, rewritten in place, when
// stderr is a terminal; it also samples the live heap and writes the heap
// profile after the first big-graph finding.
type progressLine struct {
	rung        string
	enabled     bool
	shown       bool
	start       time.Time
	nextUpdate  float64
	gauge       *AllocationGauge
	heapProfile *OutputFile
	heapError   string
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func (p *progressLine) Progress(phase Phase, done, total int) {
	if phase == PhaseRepeatedFinds || done == total {
		p.gauge.Sample()
	}
	if !p.enabled {
		return
	}
	now := since(p.start)
	if done < total && now < p.nextUpdate {
		return
	}
	p.nextUpdate = now + 0.2
	fmt.Fprintf(os.Stderr, "\r%s: %s %d/%d  (%.0f s)   ", p.rung, phase.Title(), done, total, now)
	p.shown = true
}

func (p *progressLine) ContinueAfterFirstFind() bool {
	p.gauge.Sample()
	if p.heapProfile == nil {
		return true
	}
	runtime.GC() // brings the in-use figures up to date
	if err := pprof.Lookup("heap").WriteTo(p.heapProfile, 0); err != nil {
		p.heapProfile.Abandon()
		p.heapError = failure("cannot write", p.heapProfile.path, err)
	} else {
		p.heapError = p.heapProfile.Commit()
	}
	return false
}

func (p *progressLine) clear() {
	if p.shown {
		fmt.Fprintf(os.Stderr, "\r%80s\r", "")
		p.shown = false
	}
}

// cpuProfile is a running CPU profile.
type cpuProfile struct{ file *OutputFile }

func startCPUProfile(path string) (*cpuProfile, string) {
	if path == "" {
		return &cpuProfile{}, ""
	}
	file, problem := CreateOutput(path)
	if problem != "" {
		return nil, problem
	}
	if err := pprof.StartCPUProfile(file); err != nil {
		file.Abandon()
		return nil, err.Error()
	}
	return &cpuProfile{file}, ""
}

func (c *cpuProfile) stop() string {
	if c.file == nil {
		return ""
	}
	pprof.StopCPUProfile()
	return c.file.Commit()
}

// dumpCFG writes graph to --dump-cfg's file, complete or not at all.
func dumpCFG(rung *Rung, options *Options, graph *EdgeList, ids []uint32, what string) int {
	comment := what + ": " + Count(int64(graph.NumBlocks), "block") + ", " +
		Count(int64(len(graph.Edges)), "edge") + " (written by " + rung.Name + ")"
	if problem := WriteFileAtomically(options.DumpCFG, FormatCFG(graph, ids, comment)); problem != "" {
		return fail(rung, ExitFailure, "--dump-cfg: "+problem)
	}
	return ExitSuccess
}

// runCFGFile is --cfg: the loops of a CFG file, printed once all found.
func runCFGFile(rung *Rung, options *Options) int {
	for _, flag := range []string{"scale", "iterations", "heapprofile", "reuse-loop-graph"} {
		if options.Given[flag] {
			return fail(rung, ExitUsage, "--"+flag+" applies to the workload, not to --cfg")
		}
	}
	file, err := ReadCFGFile(options.CFG)
	if err != nil {
		return fail(rung, ExitUsage, err.Error())
	}
	input := options.CFG
	if input == "-" {
		input = "<stdin>"
	}
	if options.DumpCFG != "" {
		return dumpCFG(rung, options, &file.Graph, file.IDs, PrintableName(input))
	}
	profile, problem := startCPUProfile(options.CPUProfile)
	if problem != "" {
		return fail(rung, ExitFailure, "--cpuprofile: "+problem)
	}
	if rung.Recursive {
		SetStackLimitForBlocks(int64(file.Graph.NumBlocks))
	}
	forest := FindLoopForest(rung, &file.Graph)
	if problem := profile.stop(); problem != "" {
		return fail(rung, ExitFailure, "--cpuprofile: "+problem)
	}
	report := &ForestReport{rung.Name, input, &file.Graph, file.IDs, &forest}
	if options.JSON {
		print(FormatForestJSON(report))
	} else {
		print(FormatForestText(report))
	}
	return ExitSuccess
}

// checkOutputFlags checks the rules between flags that hold with and
// without --cfg; "" or an error.
func checkOutputFlags(options *Options) string {
	if options.DumpCFG != "" {
		for _, flag := range []string{"json", "cpuprofile", "heapprofile"} {
			if options.Given[flag] {
				return "--" + flag + " applies to a run, and --dump-cfg only writes the graph"
			}
		}
	}
	for _, flag := range []struct{ name, path string }{
		{"--cpuprofile", options.CPUProfile}, {"--heapprofile", options.HeapProfile}} {
		if flag.path == "-" {
			return flag.name + ": '-' would mix the profile with the report on standard output; name a file"
		}
	}
	return ""
}

func run(rung *Rung, options *Options) int {
	if problem := checkOutputFlags(options); problem != "" {
		return fail(rung, ExitUsage, problem)
	}
	if options.CFG != "" {
		return runCFGFile(rung, options)
	}
	if options.HeapProfile != "" && options.CPUProfile != "" {
		return fail(rung, ExitUsage, "--heapprofile and --cpuprofile need separate runs (the heap "+
			"profiler slows every allocation)")
	}
	if options.ReuseLoopGraph != nil && !rung.ReusesLoopGraph {
		return fail(rung, ExitUsage, "--reuse-loop-graph: "+rung.Name+
			" has no loop graph to reuse (its finder fills a fresh one every time)")
	}
	reuse := rung.ReusesLoopGraph && (options.ReuseLoopGraph == nil || *options.ReuseLoopGraph)
	spec := Scaled(options.Scale, options.Iterations)
	if options.DumpCFG != "" {
		var graph EdgeList
		BuildSmallGraph(&graph)
		BuildBigGraph(spec, &graph)
		what := "the canonical workload's graph"
		if !spec.IsCanonical() {
			what = "the workload's graph at --scale=" + formatG(options.Scale)
		}
		return dumpCFG(rung, options, &graph, nil, what)
	}

	progress := &progressLine{rung: rung.Name, enabled: isTerminal(os.Stderr), start: time.Now()}
	if options.HeapProfile != "" {
		// Record one allocation per 4 KiB on average, not Go's default 512
		// KiB: enough samples for the small objects the early rungs make.
		runtime.MemProfileRate = 4096
		file, problem := CreateOutput(options.HeapProfile)
		if problem != "" {
			return fail(rung, ExitFailure, "--heapprofile: "+problem)
		}
		progress.heapProfile = file
	}
	profile, problem := startCPUProfile(options.CPUProfile)
	if problem != "" {
		return fail(rung, ExitFailure, "--cpuprofile: "+problem)
	}
	if rung.Recursive {
		SetStackLimitForBlocks(spec.BigGraphBlocks())
	}

	progress.gauge = NewAllocationGauge()
	report := RunReport{Rung: rung.Name, Idea: rung.Idea, Allocator: "go",
		AllocatorVersion: runtime.Version() + " " + RuntimeSettings(),
		Scale:            options.Scale, Spec: spec, ReuseLoopGraph: reuse,
		CPUProfile: options.CPUProfile, HeapProfile: options.HeapProfile}
	start := time.Now()
	report.Result = RunWorkload(rung, spec, reuse, progress)
	report.WallSeconds = since(start)
	progress.clear()
	if problem := profile.stop(); problem != "" {
		return fail(rung, ExitFailure, "--cpuprofile: "+problem)
	}
	if progress.heapError != "" {
		return fail(rung, ExitFailure, "--heapprofile: "+progress.heapError)
	}
	allocations := progress.gauge.Read()
	report.Allocations = &allocations
	report.Usage = ReadResourceUsage()
	report.VMHWMKiB = ReadVMHWMKiB()

	if options.JSON {
		print(FormatJSON(&report))
	} else {
		print(FormatReport(&report))
	}
	problems := CheckLoopCounts(spec, &report.Result)
	for _, problem := range problems {
		fail(rung, ExitWrongLoopCount, "wrong loop count: "+problem)
	}
	if len(problems) > 0 {
		return ExitWrongLoopCount
	}
	return ExitSuccess
}
