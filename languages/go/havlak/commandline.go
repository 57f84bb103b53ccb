package havlak

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Options is the command line every rung shares, as the C++ rungs'
// (havlak/command_line.h).
type Options struct {
	Scale       float64
	Iterations  int // big-graph findings after the first
	JSON        bool
	CPUProfile  string // "": no CPU profile
	HeapProfile string // "": no heap profile
	// nil: the rung's default (reuse, where the rung can).
	ReuseLoopGraph *bool
	CFG            string // a CFG file to find the loops of; "-": stdin
	DumpCFG        string // where to write the graph instead
	Help           bool
	// The flags given, by name ("scale"), for rules between flags.
	Given map[string]bool
}

// Valid ranges.
const (
	MinScale      = 0.01
	MaxScale      = 400
	MaxIterations = 1000000
)

// The C++ parser reads numbers with std::from_chars: no sign but '-', no
// hexadecimal, no spaces, and inf and nan are not numbers.
var (
	decimalNumber = regexp.MustCompile(`^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
	wholeNumber   = regexp.MustCompile(`^-?[0-9]+$`)
)

// parseNumber returns the value of text, math.MaxFloat64 when it is too
// large or too small for a double, and false when it is not a number.
func parseNumber(text string) (float64, bool) {
	if !decimalNumber.MatchString(text) {
		return 0, false
	}
	value, err := strconv.ParseFloat(text, 64)
	if err != nil || (value == 0 && strings.ContainsAny(text, "123456789") && !zeroMantissa(text)) {
		return math.MaxFloat64, true
	}
	return value, true
}

// zeroMantissa reports whether the digits before any exponent are all 0.
func zeroMantissa(text string) bool {
	if e := strings.IndexAny(text, "eE"); e >= 0 {
		text = text[:e]
	}
	return !strings.ContainsAny(text, "123456789")
}

// parseInteger returns the value of text, MaxInt64 when it is too large
// for 64 bits, and false when it is not a whole number.
func parseInteger(text string) (int64, bool) {
	if !wholeNumber.MatchString(text) {
		return 0, false
	}
	value, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return math.MaxInt64, true
	}
	return value, true
}

func quoted(text string) string { return "'" + PrintableName(text) + "'" }

// flag is one flag: how it reads its value into Options. apply returns an
// error message, or "" when the value is good.
type flag struct {
	name       string
	takesValue bool // false: a boolean flag
	valueName  string
	help       string
	apply      func(value string, options *Options) string
}

func needsFileName(set func(*Options, string), what string) func(string, *Options) string {
	return func(value string, options *Options) string {
		if value == "" {
			return what
		}
		set(options, value)
		return ""
	}
}

var flags = []flag{
	{"scale", true, "S",
		"workload size: multiplies the 100 loops per tree and the 15000\n" +
			"small-graph findings (default 1, the canonical workload)",
		func(value string, options *Options) string {
			scale, ok := parseNumber(value)
			if !ok {
				return quoted(value) + " is not a number"
			}
			if scale < MinScale || scale > MaxScale {
				return value + " is out of range (0.01 to 400)"
			}
			options.Scale = scale
			return ""
		}},
	{"iterations", true, "N",
		"loop findings on the big graph after the first (default 50)",
		func(value string, options *Options) string {
			iterations, ok := parseInteger(value)
			if !ok {
				return quoted(value) + " is not a whole number"
			}
			if iterations < 0 || iterations > MaxIterations {
				return value + " is out of range (0 to " + strconv.Itoa(MaxIterations) + ")"
			}
			options.Iterations = int(iterations)
			return ""
		}},
	{"json", false, "", "print one JSON record of the run instead of the report",
		func(value string, options *Options) string {
			options.JSON = value == "true"
			return ""
		}},
	{"cpuprofile", true, "FILE",
		"write a Go CPU profile (runtime/pprof) of the run to FILE",
		needsFileName(func(o *Options, v string) { o.CPUProfile = v }, "needs a file name")},
	{"heapprofile", true, "FILE",
		"write a Go heap profile (runtime/pprof) to FILE after the first\n" +
			"finding on the big graph, then stop",
		needsFileName(func(o *Options, v string) { o.HeapProfile = v }, "needs a file name")},
	{"reuse-loop-graph", false, "",
		// UsageText adds whether this rung can, and its default.
		"refill one loop graph in every finding but the first big-graph one",
		func(value string, options *Options) string {
			reuse := value == "true"
			options.ReuseLoopGraph = &reuse
			return ""
		}},
	{"cfg", true, "FILE",
		"find the loops of the CFG in FILE ('-': standard input) and print\n" +
			"them, instead of running the workload (format: README.md)",
		needsFileName(func(o *Options, v string) { o.CFG = v }, "needs a file name ('-' for stdin)")},
	{"dump-cfg", true, "FILE",
		"write the workload's graph (or --cfg's) to FILE in the same\n" +
			"format, then stop",
		needsFileName(func(o *Options, v string) { o.DumpCFG = v }, "needs a file name")},
	{"help", false, "", "print this help and exit",
		func(value string, options *Options) string {
			options.Help = value == "true"
			return ""
		}},
}

func findFlag(name string) *flag {
	for i := range flags {
		if flags[i].name == name {
			return &flags[i]
		}
	}
	return nil
}

// ParseCommandLine parses args (without the program name). Flags take
// their value as --flag=value or --flag value; boolean flags also accept
// =true and =false. The error is one line without the program name, ""
// when the command line is valid.
func ParseCommandLine(args []string) (Options, string) {
	options := Options{Scale: 1, Iterations: 50, Given: map[string]bool{}}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "-h" {
			arg = "--help"
		}
		if !strings.HasPrefix(arg, "--") || len(arg) == 2 {
			return options, "unexpected argument " + quoted(arg)
		}
		name := arg[2:]
		value, hasValue := "", false
		if equals := strings.IndexByte(name, '='); equals >= 0 {
			name, value, hasValue = name[:equals], name[equals+1:], true
		}
		f := findFlag(name)
		if f == nil {
			return options, "unknown flag " + quoted("--"+name)
		}
		flagName := "--" + name
		if options.Given[f.name] {
			return options, flagName + ": given more than once"
		}
		if f.takesValue && !hasValue {
			// "--cfg --json" is a forgotten value, not a file named --json
			// (--cfg=--json still is).
			if i+1 == len(args) || strings.HasPrefix(args[i+1], "--") {
				return options, flagName + " needs a value"
			}
			i++
			value = args[i]
		}
		if !f.takesValue {
			if !hasValue {
				value = "true"
			}
			if value != "true" && value != "false" {
				return options, flagName + ": " + quoted(value) + " is not true or false"
			}
		}
		if problem := f.apply(value, &options); problem != "" {
			return options, flagName + ": " + problem
		}
		options.Given[f.name] = true
	}
	return options, ""
}

// UsageText is the --help text, with summary as its first line;
// reusesLoopGraph says whether the program can take --reuse-loop-graph.
func UsageText(program, summary string, reusesLoopGraph bool) string {
	canonical := CanonicalWorkload()
	var out strings.Builder
	out.WriteString(program + ": " + summary + "\n\n" +
		"Usage: " + program + " [flags]\n\n" +
		fmt.Sprintf("Runs Hundt's LoopTesterApp workload: %d loop findings on a small\n", canonical.SmallGraphFinds) +
		fmt.Sprintf("graph, then a big graph of %d blocks built and searched for\n", canonical.BigGraphBlocks()) +
		fmt.Sprintf("loops 1 + %d times, then the nesting levels of the first result.\n", canonical.BigGraphFinds) +
		"Prints the loop counts (checked against the known ones), the time\n" +
		"of each phase and the peak resident memory.\n\nFlags:\n")
	const helpColumn = 24
	for _, f := range flags {
		head := "  --" + f.name
		if f.takesValue {
			head += "=" + f.valueName
		}
		out.WriteString(head)
		column := len(head)
		help := f.help
		if f.name == "reuse-loop-graph" {
			if reusesLoopGraph {
				help += "\n(default true, like Cox's -reuseloopgraph)"
			} else {
				help += "\n(not this rung: its finder fills a fresh graph every time)"
			}
		}
		for _, line := range strings.Split(help, "\n") {
			if column >= helpColumn {
				out.WriteByte('\n')
				column = 0
			}
			out.WriteString(strings.Repeat(" ", helpColumn-column) + line)
			column = helpColumn + len(line)
		}
		out.WriteByte('\n')
	}
	out.WriteString("\nFILE may be '-' (standard input for --cfg, standard output for\n" +
		"--dump-cfg). A regular file is replaced whole, once complete; a\n" +
		"symbolic link's target is; a device or FIFO is written in place.\n" +
		"\nExit status: 0 the run finished and its loop counts are right;\n" +
		"1 a loop count is wrong; 2 a bad command line or CFG file; 3 a\n" +
		"file could not be written or the profiler failed; 4 a resource\n" +
		"limit: no memory, or no stack for a recursive rung on a graph\n" +
		"this large.\n")
	return out.String()
}
