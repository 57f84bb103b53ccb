package havlak

import (
	"fmt"
	"runtime"
	"strings"
)

// RunReport is one run of a rung: the C++ record (havlak/run_report.h)
// plus the language.
type RunReport struct {
	Rung             string
	Idea             string
	Allocator        string
	AllocatorVersion string
	Scale            float64
	Spec             WorkloadSpec
	ReuseLoopGraph   bool // one loop graph refilled by every finding
	Result           WorkloadResult
	WallSeconds      float64       // the whole workload, all phases
	Usage            ResourceUsage // the whole process
	VMHWMKiB         int64
	Allocations      *AllocationCounts
	CPUProfile       string // paths written, or ""
	HeapProfile      string
}

// CheckLoopCounts says what is wrong with the run's loop counts, one line
// per problem; empty when every count is the known one.
func CheckLoopCounts(spec WorkloadSpec, result *WorkloadResult) []string {
	var problems []string
	check := func(what string, actual, expected int64) {
		if actual != expected {
			problems = append(problems, fmt.Sprintf("%s: %d, expected %d", what, actual, expected))
		}
	}
	check("small-graph loops", int64(result.SmallGraphLoops), SmallGraphLoops)
	check("small-graph loops, all findings", result.SmallGraphLoopsTotal,
		int64(SmallGraphLoops)*int64(spec.SmallGraphFinds))
	check("big-graph loops", int64(result.BigGraphLoops), spec.ExpectedBigGraphLoops())
	if result.StoppedAfterFirstFind {
		return problems
	}
	check("big-graph loops, repeated findings", result.BigGraphLoopsTotal,
		spec.ExpectedBigGraphLoops()*int64(spec.BigGraphFinds))
	check("root nesting level", int64(result.RootNestingLevel), BigGraphLoopDepth)
	return problems
}

// perFinding is a finding's time in a readable unit: "310.2 ms".
func perFinding(seconds float64) string {
	switch {
	case seconds >= 1:
		return fmt.Sprintf("%.2f s", seconds)
	case seconds >= 1e-3:
		return fmt.Sprintf("%.1f ms", seconds*1e3)
	}
	return fmt.Sprintf("%.1f us", seconds*1e6)
}

// formatG is C's %g: 6 significant digits, trailing zeros dropped.
func formatG(value float64) string { return fmt.Sprintf("%.6g", value) }

func workloadLine(r *RunReport) string {
	name := "canonical"
	if !r.Spec.IsCanonical() {
		name = "scale " + formatG(r.Scale)
	}
	return fmt.Sprintf("%s: %d blocks; %d small-graph findings; 1 + %d big-graph findings",
		name, r.Spec.BigGraphBlocks(), r.Spec.SmallGraphFinds, r.Spec.BigGraphFinds)
}

// FormatReport is the report for people, line for line the C++ rungs'.
func FormatReport(r *RunReport) string {
	result := &r.Result
	var out strings.Builder
	printf := func(format string, args ...any) { fmt.Fprintf(&out, format, args...) }
	out.WriteString(r.Rung + ": " + r.Idea + "\n")
	out.WriteString("allocator: " + r.Allocator + " " + r.AllocatorVersion + "\n")
	out.WriteString("workload: " + workloadLine(r) + "\n")
	if r.ReuseLoopGraph {
		out.WriteString("loop graph: one, cleared and refilled by every finding but the first big-graph one\n")
	}
	if result.StoppedAfterFirstFind {
		printf("# of loops: %d (stopped after the first big-graph finding)\n", result.BigGraphLoops)
	} else {
		printf("# of loops: %d (total %d)\n", result.BigGraphLoops, result.BigGraphLoopsTotal)
	}
	if problems := CheckLoopCounts(r.Spec, result); len(problems) == 0 {
		printf("loop counts: right (small graph %d, loop depth %d)\n",
			result.SmallGraphLoops, result.RootNestingLevel)
	} else {
		for _, problem := range problems {
			out.WriteString("loop counts: WRONG: " + problem + "\n")
		}
	}
	out.WriteString("\nphase                      wall    per finding\n")
	for phase := PhaseSmallGraphLoops; phase < NumPhases; phase++ {
		time := result.Phases[phase]
		if phase == PhaseRepeatedFinds && result.StoppedAfterFirstFind {
			break
		}
		printf("%-22s %8.3f s", phase.Title(), time.WallSeconds)
		if time.Finds > 0 {
			printf("  %10s  (%d)", perFinding(time.WallSeconds/float64(time.Finds)), time.Finds)
		}
		out.WriteString("\n")
	}
	printf("%-22s %8.3f s  user %.2f s, system %.2f s\n", "total",
		r.WallSeconds, r.Usage.UserSeconds, r.Usage.SystemSeconds)
	printf("%-22s %8.1f MiB\n", "peak resident memory", float64(r.Usage.PeakRSSKiB)/1024)
	if a := r.Allocations; a != nil {
		printf("%-22s %10d  (%.1f MiB asked for; peak live %.1f MiB)\n", "allocations",
			a.Allocations, float64(a.Bytes)/1048576, float64(a.PeakLiveBytes)/1048576)
	}
	if r.CPUProfile != "" {
		out.WriteString("CPU profile: " + PrintableName(r.CPUProfile) + "\n")
	}
	if r.HeapProfile != "" {
		out.WriteString("heap profile: " + PrintableName(r.HeapProfile) + "\n")
	}
	return out.String()
}

// FormatJSON is the record for machines: the C++ rungs' schema, field for
// field, plus "language": "go".
func FormatJSON(r *RunReport) string {
	result := &r.Result
	spec := r.Spec
	var json JSONWriter
	json.BeginObject()
	json.Key("rung").String(r.Rung)
	json.Key("language").String("go")
	json.Key("idea").String(r.Idea)
	json.Key("allocator").String(r.Allocator)
	json.Key("allocator_version").String(r.AllocatorVersion)
	json.Key("compiler").String(runtime.Version() + " " + runtime.Compiler)
	json.Key("build_flags").String(BuildFlags())
	json.Key("workload").BeginObject()
	json.Key("canonical").Bool(spec.IsCanonical())
	json.Key("scale").Number(r.Scale)
	json.Key("trees").Integer(int64(spec.Trees))
	json.Key("loops_per_tree").Integer(int64(spec.LoopsPerTree))
	json.Key("blocks").Integer(spec.BigGraphBlocks())
	json.Key("small_graph_finds").Integer(int64(spec.SmallGraphFinds))
	json.Key("big_graph_finds").Integer(int64(spec.BigGraphFinds))
	json.EndObject()
	json.Key("reuse_loop_graph").Bool(r.ReuseLoopGraph)
	json.Key("loops").Integer(int64(result.BigGraphLoops))
	json.Key("loops_total").Integer(result.BigGraphLoopsTotal)
	json.Key("small_graph_loops").Integer(int64(result.SmallGraphLoops))
	json.Key("root_nesting_level").Integer(int64(result.RootNestingLevel))
	json.Key("stopped_after_first_find").Bool(result.StoppedAfterFirstFind)
	problems := CheckLoopCounts(spec, result)
	json.Key("loop_counts_right").Bool(len(problems) == 0)
	json.Key("loop_count_problems").BeginArray()
	for _, problem := range problems {
		json.String(problem)
	}
	json.EndArray()
	json.Key("phases").BeginObject()
	for phase := PhaseSmallGraphLoops; phase < NumPhases; phase++ {
		json.Key(phase.Key()).BeginObject()
		json.Key("wall_seconds").Number(result.Phases[phase].WallSeconds)
		json.Key("finds").Integer(int64(result.Phases[phase].Finds))
		json.EndObject()
	}
	json.EndObject()
	json.Key("wall_seconds").Number(r.WallSeconds)
	json.Key("user_seconds").Number(r.Usage.UserSeconds)
	json.Key("system_seconds").Number(r.Usage.SystemSeconds)
	json.Key("peak_rss_kib").Integer(r.Usage.PeakRSSKiB)
	json.Key("vm_hwm_kib").Integer(r.VMHWMKiB)
	json.Key("allocations")
	if a := r.Allocations; a != nil {
		json.BeginObject()
		json.Key("count").Integer(a.Allocations)
		json.Key("bytes").Integer(a.Bytes)
		json.Key("peak_live_bytes").Integer(a.PeakLiveBytes)
		json.EndObject()
	} else {
		json.Null()
	}
	json.Key("cpu_profile").String(r.CPUProfile)
	json.Key("heap_profile").String(r.HeapProfile)
	json.EndObject()
	return json.Take() + "\n"
}
