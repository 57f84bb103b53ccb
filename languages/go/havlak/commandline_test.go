package havlak

import (
	"strings"
	"testing"
)

func TestParseCommandLine(t *testing.T) {
	options, problem := ParseCommandLine([]string{"--scale", "0.5", "--iterations=3", "--json",
		"--reuse-loop-graph=false", "--cfg=-", "--dump-cfg", "out.cfg"})
	if problem != "" || options.Scale != 0.5 || options.Iterations != 3 || !options.JSON ||
		options.ReuseLoopGraph == nil || *options.ReuseLoopGraph || options.CFG != "-" ||
		options.DumpCFG != "out.cfg" || !options.Given["scale"] || options.Given["help"] {
		t.Errorf("%q %+v", problem, options)
	}
	defaults, problem := ParseCommandLine(nil)
	if problem != "" || defaults.Scale != 1 || defaults.Iterations != 50 || defaults.ReuseLoopGraph != nil {
		t.Errorf("defaults: %q %+v", problem, defaults)
	}
}

func TestCommandLineErrors(t *testing.T) {
	for _, c := range []struct {
		args  []string
		error string
	}{
		{[]string{"--scale=abc"}, "--scale: 'abc' is not a number"},
		{[]string{"--scale=inf"}, "--scale: 'inf' is not a number"},
		{[]string{"--scale=+1"}, "--scale: '+1' is not a number"},
		{[]string{"--scale=0"}, "--scale: 0 is out of range (0.01 to 400)"},
		{[]string{"--scale=1e400"}, "--scale: 1e400 is out of range (0.01 to 400)"},
		{[]string{"--iterations=1.5"}, "--iterations: '1.5' is not a whole number"},
		{[]string{"--iterations=1000001"}, "--iterations: 1000001 is out of range (0 to 1000000)"},
		{[]string{"--iterations=99999999999999999999"}, "--iterations: 99999999999999999999 is out of range (0 to 1000000)"},
		{[]string{"--json=yes"}, "--json: 'yes' is not true or false"},
		{[]string{"--bogus"}, "unknown flag '--bogus'"},
		{[]string{"stray"}, "unexpected argument 'stray'"},
		{[]string{"--"}, "unexpected argument '--'"},
		{[]string{"--cfg"}, "--cfg needs a value"},
		{[]string{"--cfg", "--json"}, "--cfg needs a value"},
		{[]string{"--cfg="}, "--cfg: needs a file name ('-' for stdin)"},
		{[]string{"--scale=1", "--scale=2"}, "--scale: given more than once"},
		{[]string{"--cfg=a\nb", "--bogus\n"}, "unknown flag '--bogus\\n'"},
	} {
		if _, problem := ParseCommandLine(c.args); problem != c.error {
			t.Errorf("%q: got %q, want %q", c.args, problem, c.error)
		}
	}
}

func TestUsageText(t *testing.T) {
	text := UsageText("go-havlak1", "an idea", false)
	for _, want := range []string{"go-havlak1: an idea\n\nUsage: go-havlak1 [flags]\n",
		"workload: 15000 loop findings", "big graph of 252013 blocks", "loops 1 + 50 times",
		"  --scale=S             workload size", "  --reuse-loop-graph    refill",
		"(not this rung: its finder fills a fresh graph every time)",
		"  --help                print this help and exit\n", "4 a resource\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	reusing := UsageText("go-havlakN", "an idea", true)
	if !strings.Contains(reusing, "(default true, like Cox's -reuseloopgraph)") ||
		strings.Contains(reusing, "not this rung") {
		t.Errorf("a rung that reuses its loop graph:\n%s", reusing)
	}
}
