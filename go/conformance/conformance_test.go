package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// result is what one run of a binary printed, and its exit status.
type result struct {
	out, err string
	code     int
}

func runBinary(t *testing.T, binary string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
		if code < 0 {
			t.Fatalf("%s %q: %v\n%s", binary, args, err, errOut.String())
		}
	} else if err != nil {
		t.Fatalf("%s %q: %v", binary, args, err)
	}
	return result{out.String(), errOut.String(), code}
}

// rung is a binary under test, named as it names itself.
type rung struct {
	name, path string
}

func (r rung) run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runBinary(t, r.path, stdin, args...)
}

var rungName = regexp.MustCompile(`\b(go-)?havlak[0-9]+\b`)

// normalized replaces the rung's own name with RUNG, and the Go rungs' names
// in messages ("go-havlakN and up") with the C++ ones, so that a Go rung's
// output and its C++ counterpart's compare byte for byte.
func (r rung) normalized(text string) string {
	text = strings.ReplaceAll(text, r.name+":", "RUNG:")
	text = strings.ReplaceAll(text, `"rung":"`+r.name+`"`, `"rung":"RUNG"`)
	text = strings.ReplaceAll(text, "by "+r.name+")", "by RUNG)")
	text = strings.ReplaceAll(text, " "+r.name+" has ", " RUNG has ")
	return strings.ReplaceAll(text, "go-havlak", "havlak")
}

// binDir and the rungs under test; tests skip without HAVLAK_BIN_DIR.
func setup(t *testing.T) (goRungs []rung, cpp func(name string) rung) {
	t.Helper()
	dir := os.Getenv("HAVLAK_BIN_DIR")
	if dir == "" {
		t.Skip("HAVLAK_BIN_DIR is not set: ctest runs these tests (go/CMakeLists.txt)")
	}
	binary := func(name string) rung {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%s is not built: %v", path, err)
		}
		return rung{name, path}
	}
	if name := os.Getenv("HAVLAK_RUNG_UNDER_TEST"); name != "" { // any language's program
		goRungs = []rung{binary(name)}
	} else {
		for _, program := range registry(t).programs("go-") {
			goRungs = append(goRungs, binary(program))
		}
		if len(goRungs) == 0 {
			t.Fatalf("ladder.json lists no Go program")
		}
	}
	return goRungs, binary
}

// registry is ladder.json, read once.
func registry(t *testing.T) *ladder {
	t.Helper()
	registryOnce.Do(func() { theLadder, ladderErr = loadLadder() })
	if ladderErr != nil {
		t.Fatal(ladderErr)
	}
	return theLadder
}

var (
	registryOnce sync.Once
	theLadder    *ladder
	ladderErr    error
)

// counterpart is the C++ rung whose idea a program carries (ladder.json).
// The checks that use it are the command line's and the file reader's,
// which every C++ rung shares.
func counterpart(t *testing.T, program rung, cpp func(string) rung) rung {
	t.Helper()
	name := registry(t).counterpartOf(program.name)
	if name == "" {
		t.Fatalf("ladder.json does not list %s", program.name)
	}
	return cpp(name)
}

// language is the language a program's name begins with: "go", "java".
func language(r rung) string {
	if i := strings.Index(r.name, "-"); i >= 0 {
		return r.name[:i]
	}
	return "c++"
}

func writeFile(t *testing.T, path, contents string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(contents), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameOutput compares two runs of the same arguments, names normalized.
func sameOutput(t *testing.T, what string, goRung rung, got result, cppRung rung, want result) bool {
	t.Helper()
	if got.code != want.code || goRung.normalized(got.out) != cppRung.normalized(want.out) ||
		goRung.normalized(got.err) != cppRung.normalized(want.err) {
		t.Errorf("%s: %s and %s differ\n%s: exit %d\nstdout: %.600s\nstderr: %.600s\n%s: exit %d\nstdout: %.600s\nstderr: %.600s",
			what, goRung.name, cppRung.name, goRung.name, got.code, got.out, got.err,
			cppRung.name, want.code, want.out, want.err)
		return false
	}
	return true
}

// Random CFGs through --cfg --json and as text, compared byte for byte (but
// the rung's name) with the top C++ rung's output, and on a sample with the
// bottom rung's.
// The first singleCFGs seeds run one CFG a file (every tenth as text); the
// others run in batches (batch.go), one file of many CFGs under a fresh
// start block, each batch as JSON and as text, so that a JVM starts a few
// dozen times rather than a thousand. On a batch's mismatch the components
// run alone, and the first that differs is reported by its seed and its
// file, kept in a folder the message names.
func TestRandomCFGsMatchTheCppRungs(t *testing.T) {
	goRungs, cpp := setup(t)
	references := []rung{cpp(registry(t).top()), cpp(registry(t).bottom())}
	count := 1000
	if text := os.Getenv("HAVLAK_RANDOM_CFGS"); text != "" {
		count, _ = strconv.Atoi(text)
	}
	dir := t.TempDir()
	failures := 0
	// compare runs every program on one file; false on a mismatch.
	compare := func(what, path string, args []string, sample bool, report bool) bool {
		args = append(append([]string{}, args...), "--cfg", path)
		want := references[0].run(t, "", args...)
		if want.code != 0 {
			t.Fatalf("%s: %s failed: %s", what, references[0].name, want.err)
		}
		ok := true
		check := func(r rung, got result) {
			if report {
				ok = sameOutput(t, what+" ("+path+")", r, got, references[0], want) && ok
			} else {
				ok = got.code == want.code && r.normalized(got.out) == references[0].normalized(want.out) &&
					r.normalized(got.err) == references[0].normalized(want.err) && ok
			}
		}
		if sample { // the second reference
			check(references[1], references[1].run(t, "", args...))
		}
		for _, goRung := range goRungs {
			check(goRung, goRung.run(t, "", args...))
		}
		return ok
	}
	seed := int64(1)
	for ; seed <= int64(count) && seed <= singleCFGs && failures < 5; seed++ {
		text, _ := generateCFG(seed)
		path := filepath.Join(dir, "random-"+strconv.FormatInt(seed, 10)+".cfg")
		writeFile(t, path, text)
		args := []string{"--json"}
		if seed%10 == 0 {
			args = nil
		}
		if !compare("seed "+strconv.FormatInt(seed, 10), path, args, seed%5 == 0, true) {
			failures++
		}
	}
	for n := 0; seed <= int64(count) && failures < 5; n++ {
		var seeds []int64
		var texts []string
		var sizes []int
		total := 1
		for ; seed <= int64(count) && len(seeds) < batchCFGs; seed++ {
			text, blocks := generateCFG(seed)
			if len(seeds) > 0 && total+blocks > batchBlocks {
				break
			}
			seeds, texts, sizes, total = append(seeds, seed), append(texts, text), append(sizes, blocks), total+blocks
		}
		b, err := buildBatch(seeds, texts, sizes, n%2 == 1)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "batch-"+strconv.Itoa(n)+".cfg")
		writeFile(t, path, b.text)
		what := fmt.Sprintf("batch %d (seeds %d to %d)", n, seeds[0], seeds[len(seeds)-1])
		for _, args := range [][]string{{"--json"}, nil} {
			if compare(what, path, args, n%4 == 0, false) {
				continue
			}
			failures++
			culprit := false
			for _, c := range b.components {
				one := filepath.Join(dir, "random-"+strconv.FormatInt(c.seed, 10)+".cfg")
				writeFile(t, one, c.text)
				if compare("seed "+strconv.FormatInt(c.seed, 10), one, args, true, false) {
					continue
				}
				kept, err := os.MkdirTemp("", "havlak-conformance-")
				if err == nil {
					err = os.WriteFile(filepath.Join(kept, filepath.Base(one)), []byte(c.text), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
				shown := c.text
				if len(shown) > 4000 {
					shown = shown[:4000] + "...\n"
				}
				t.Errorf("%s %q: the first CFG whose loops differ, seed %d (%d blocks, kept in %s):\n%s",
					what, args, c.seed, c.blocks, filepath.Join(kept, filepath.Base(one)), shown)
				compare("seed "+strconv.FormatInt(c.seed, 10), one, args, true, true) // the outputs
				culprit = true
				break
			}
			if !culprit {
				compare(what, path, args, true, true)
				t.Errorf("%s %q differs, but each of its CFGs alone matches", what, args)
			}
			break
		}
	}
}

// The random-CFG test's shape: CFGs run one a file, then in batches of at
// most batchCFGs CFGs and batchBlocks blocks.
const (
	singleCFGs  = 20
	batchCFGs   = 100
	batchBlocks = 100000
)

// The batching's premise (batch.go): the loops the C++ top rung finds in a
// batch are the ones it finds in its CFGs alone, ids moved.
func TestBatchForestIsTheUnionOfTheComponentForests(t *testing.T) {
	_, cpp := setup(t)
	if os.Getenv("HAVLAK_RUNG_UNDER_TEST") != "" {
		t.Skip("a premise of the test, not of a program: runs once, without a program named (ctest's go.batching)")
	}
	top := cpp(registry(t).top())
	dir := t.TempDir()
	const cfgs = 300
	loopLine := regexp.MustCompile(`^loop ([0-9]+): (depth [0-9]+, nesting [0-9]+, (?:ir)?reducible), parent (none|[0-9]+), blocks((?: [0-9]+)*)$`)
	header := regexp.MustCompile(`: ([0-9]+) loops? in .* \(([0-9]+) blocks?, ([0-9]+) edges?\)`)
	// forest is the loop lines of a file's text report, ids moved by
	// offset, sorted; and the report's loop, block and edge counts.
	forest := func(path string, offset int64) ([]string, [3]int) {
		run := top.run(t, "", "--cfg", path)
		lines := strings.Split(strings.TrimSuffix(run.out, "\n"), "\n")
		m := header.FindStringSubmatch(lines[0])
		if run.code != 0 || m == nil {
			t.Fatalf("%s --cfg %s: exit %d\n%.300s%s", top.name, path, run.code, run.out, run.err)
		}
		var counts [3]int
		for i := range counts {
			counts[i], _ = strconv.Atoi(m[i+1])
		}
		move := func(id string) string {
			n, _ := strconv.ParseInt(id, 10, 64)
			return strconv.FormatInt(n+offset, 10)
		}
		var loops []string
		for _, line := range lines[1:] {
			f := loopLine.FindStringSubmatch(line)
			if f == nil {
				t.Fatalf("%s: not a loop line: %q", path, line)
			}
			parent := f[3]
			if parent != "none" {
				parent = move(parent)
			}
			out := "loop " + move(f[1]) + ": " + f[2] + ", parent " + parent + ", blocks"
			for _, b := range strings.Fields(f[4]) {
				out += " " + move(b)
			}
			loops = append(loops, out)
		}
		sort.Strings(loops)
		return loops, counts
	}
	for first := int64(1); first <= cfgs; first += batchCFGs {
		var seeds []int64
		var texts []string
		var sizes []int
		for seed := first; seed < first+batchCFGs && seed <= cfgs; seed++ {
			text, blocks := generateCFG(seed + 100000) // not the other test's seeds
			seeds, texts, sizes = append(seeds, seed+100000), append(texts, text), append(sizes, blocks)
		}
		b, err := buildBatch(seeds, texts, sizes, (first-1)/batchCFGs%2 == 1)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "batch.cfg")
		writeFile(t, path, b.text)
		got, counts := forest(path, 0)
		var want []string
		wantCounts := [3]int{0, 1, len(b.components)} // S and its edges
		for _, c := range b.components {
			one := filepath.Join(dir, "one.cfg")
			writeFile(t, one, c.text)
			loops, n := forest(one, c.offset)
			want = append(want, loops...)
			for i := range n {
				wantCounts[i] += n[i]
			}
		}
		sort.Strings(want)
		if counts != wantCounts {
			t.Errorf("seeds %d to %d: the batch has %v loops, blocks, edges; its CFGs %v in all",
				seeds[0], seeds[len(seeds)-1], counts, wantCounts)
		}
		if !reflect.DeepEqual(got, want) {
			for i := 0; i < len(got) || i < len(want); i++ {
				if i >= len(got) || i >= len(want) || got[i] != want[i] {
					var g, w string
					if i < len(got) {
						g = got[i]
					}
					if i < len(want) {
						w = want[i]
					}
					t.Errorf("seeds %d to %d: the batch's loops are not its CFGs' loops: %d and %d loops, first difference\n%.300s\n%.300s",
						seeds[0], seeds[len(seeds)-1], len(got), len(want), g, w)
					break
				}
			}
		}
	}
}

// A hand-made graph, its blocks named so the answer can be read off; ids
// are given in order of first mention (the start first), 10, 21, 32, ...
type handMade struct {
	name   string
	edges  [][2]string
	blocks []string // blocks without edges
	// The expected loops, "header: depth, nesting, reducible, parent,
	// blocks" in names, loops and blocks in order of first mention.
	loops []string
}

var handMadeGraphs = []handMade{
	{"single block", nil, []string{"entry"}, nil},
	{"self loop", [][2]string{{"entry", "loop"}, {"loop", "loop"}, {"loop", "exit"}}, nil,
		[]string{"loop: 1 0 reducible none loop"}},
	{"self loop on the start block", [][2]string{{"loop", "loop"}}, nil,
		[]string{"loop: 1 0 reducible none loop"}},
	{"two nested loops", [][2]string{{"entry", "outer"}, {"outer", "inner"}, {"inner", "inner.latch"},
		{"inner.latch", "inner"}, {"inner.latch", "outer.latch"}, {"outer.latch", "outer"},
		{"outer.latch", "exit"}}, nil,
		[]string{"outer: 1 1 reducible none outer outer.latch", "inner: 2 0 reducible outer inner inner.latch"}},
	{"one header with two back edges", [][2]string{{"entry", "loop"}, {"loop", "loop.left"},
		{"loop", "loop.right"}, {"loop.left", "loop"}, {"loop.right", "loop"}, {"loop.right", "exit"}}, nil,
		[]string{"loop: 1 0 reducible none loop loop.left loop.right"}},
	{"irreducible loop with two entries", [][2]string{{"entry", "a"}, {"entry", "b"}, {"a", "b"},
		{"b", "a"}, {"b", "exit"}}, nil,
		[]string{"a: 1 0 irreducible none a b"}},
	{"irreducible loop inside a reducible loop", [][2]string{{"entry", "outer"}, {"outer", "inner.a"},
		{"outer", "inner.b"}, {"inner.a", "inner.b"}, {"inner.b", "inner.a"}, {"inner.b", "outer.latch"},
		{"outer.latch", "outer"}, {"outer.latch", "exit"}}, nil,
		[]string{"outer: 1 1 reducible none outer outer.latch", "inner.a: 2 0 irreducible outer inner.a inner.b"}},
	{"unreachable blocks are ignored", [][2]string{{"entry", "loop"}, {"loop", "loop.latch"},
		{"loop.latch", "loop"}, {"dead", "dead.loop"}, {"dead.loop", "dead"}, {"dead", "loop.latch"}},
		[]string{"dead.alone"},
		[]string{"loop: 1 0 reducible none loop loop.latch"}},
	{"repeated edges count once", [][2]string{{"entry", "loop"}, {"entry", "loop"}, {"loop", "loop.latch"},
		{"loop", "loop.latch"}, {"loop.latch", "loop"}, {"loop.latch", "loop"}, {"loop", "loop"}}, nil,
		[]string{"loop: 1 0 reducible none loop loop.latch"}},
	{"sibling loops inside a loop", [][2]string{{"entry", "outer"}, {"outer", "first"}, {"first", "first"},
		{"first", "second"}, {"second", "second.latch"}, {"second.latch", "second"},
		{"second.latch", "outer"}}, nil,
		[]string{"outer: 1 1 reducible none outer", "first: 2 0 reducible outer first",
			"second: 2 0 reducible outer second second.latch"}},
}

// file is the graph as a CFG file, and the expected loop lines.
func (h *handMade) file() (string, []string) {
	ids := map[string]string{}
	id := func(name string) string {
		if _, ok := ids[name]; !ok {
			ids[name] = strconv.Itoa(10 + 11*len(ids))
		}
		return ids[name]
	}
	var out strings.Builder
	for _, e := range h.edges {
		out.WriteString(id(e[0]) + " " + id(e[1]) + "\n")
	}
	for _, b := range h.blocks {
		out.WriteString("block " + id(b) + "\n")
	}
	start := h.blocks
	if len(h.edges) > 0 {
		start = []string{h.edges[0][0]}
	}
	text := "# " + h.name + "\nstart " + id(start[0]) + "\n" + out.String()
	var lines []string
	for _, loop := range h.loops {
		f := strings.Fields(strings.Replace(loop, ":", "", 1))
		parent := "none"
		if f[4] != "none" {
			parent = id(f[4])
		}
		line := "loop " + id(f[0]) + ": depth " + f[1] + ", nesting " + f[2] + ", " + f[3] +
			", parent " + parent + ", blocks"
		for _, b := range f[5:] {
			line += " " + id(b)
		}
		lines = append(lines, line)
	}
	return text, lines
}

func TestHandMadeGraphs(t *testing.T) {
	goRungs, cpp := setup(t)
	dir := t.TempDir()
	for _, h := range handMadeGraphs {
		text, loops := h.file()
		path := filepath.Join(dir, strings.ReplaceAll(h.name, " ", "-")+".cfg")
		writeFile(t, path, text)
		for _, goRung := range goRungs {
			got := goRung.run(t, "", "--cfg", path)
			lines := strings.Split(strings.TrimSuffix(got.out, "\n"), "\n")
			if got.code != 0 || len(lines) == 0 || !reflect.DeepEqual(lines[1:], append([]string{}, loops...)) &&
				!(len(loops) == 0 && len(lines) == 1) {
				t.Errorf("%s, %s: got exit %d\n%s%s\nwant\n%s", h.name, goRung.name, got.code, got.out, got.err,
					strings.Join(loops, "\n"))
			}
			references := []rung{cpp(registry(t).top())}
			if c := counterpart(t, goRung, cpp); c.name != references[0].name {
				references = append(references, c) // a top program's is the top: once
			}
			for _, reference := range references {
				for _, args := range [][]string{{"--cfg", path}, {"--json", "--cfg", path}} {
					sameOutput(t, h.name, goRung, goRung.run(t, "", args...), reference, reference.run(t, "", args...))
				}
			}
		}
	}
}

// A long chain with an edge back to the start: one loop of every block;
// the loop body is searched linearly (quadratic) in the bottom rungs, as in
// Hundt's code, so 20,000 blocks (the C++ suite takes 200,000).
func TestLongChainWithBackEdge(t *testing.T) {
	goRungs, cpp := setup(t)
	const blocks = 20000
	var text strings.Builder
	text.WriteString("start 0\n")
	for b := 0; b+1 < blocks; b++ {
		text.WriteString(strconv.Itoa(b) + " " + strconv.Itoa(b+1) + "\n")
	}
	text.WriteString(strconv.Itoa(blocks-1) + " 0\n")
	path := filepath.Join(t.TempDir(), "chain.cfg")
	writeFile(t, path, text.String())
	reference := cpp(registry(t).top())
	want := reference.run(t, "", "--json", "--cfg", path)
	for _, goRung := range goRungs {
		sameOutput(t, "chain with back edge", goRung, goRung.run(t, "", "--json", "--cfg", path), reference, want)
	}
}

// Files that are not CFGs: the same message, nothing on stdout and the
// same exit status as the C++ rung of the same number.
var badInputs = map[string]string{
	"empty":               "",
	"only comments":       "# nothing\n\n   # here\n",
	"not two ids":         "start 1\n1 2\n3\n",
	"three fields":        "start 1\n1 2 3\n",
	"four fields":         "start 1\n1 2 3 4\n",
	"not numeric":         "start 1\n1 two\n",
	"negative":            "start 1\n-1 2\n",
	"plus sign":           "start 1\n+1 2\n",
	"past 32 bits":        "start 1\n1 4294967296\n",
	"eleven digits":       "start 1\n1 00000000001\n",
	"long token":          "start 1\n1 " + strings.Repeat("x", 60) + "\n",
	"long line excerpt":   "start 1\n1 2 " + strings.Repeat("y", 50) + "\n",
	"missing start":       "1 2\n",
	"start alone":         "start\n1 2\n",
	"start not an id":     "start one\n1 2\n",
	"block not an id":     "start 1\n1 2\nblock x\n",
	"unknown start":       "start 9\n1 2\n",
	"second start":        "start 1\n1 2\nstart 2\n",
	"binary garbage":      "\x7fELF\x02\x01\x01\x00\x00\x00",
	"nul byte":            "start 1\n1 2\x00\n",
	"control byte":        "start 1\n1\x01 2\n",
	"high bytes in an id": "start 1\n1 2\xc3\xa9\n",
	"megabyte line":       "start 1\n1 2\n" + strings.Repeat("1", 1<<20) + "\n",
	"line of 4097 bytes":  "start 1\n1 2\n" + strings.Repeat(" ", 4094) + "1 2\n",
	"garbage in comment?": "start 1\n1 2 # \x01 is fine in a comment\nx\n",
}

// Files that are CFGs, on the edge of the format.
var oddInputs = map[string]string{
	"line of 4096 bytes":     "start 1\n1 2\n" + strings.Repeat(" ", 4093) + "1 2\n",
	"no final newline":       "start 1\n1 2\n2 1",
	"CRLF line endings":      "start 1\r\n1 2\r\n2 1\r\n",
	"tabs and spaces":        "\t start\t1 \n 1\t2\n2 1   \n",
	"comments everywhere":    "# a\nstart 1 # the start\n1 2#x\n2 1\n",
	"leading zeros":          "start 007\n7 0008\n08 7\n",
	"largest id":             "start 4294967295\n4294967295 4294967295\n",
	"start named by a block": "block 5\nstart 5\n",
	"byte-order mark":        "\xef\xbb\xbfstart 1\n1 2\n2 1\n",
	"start after its edges":  "1 2\n2 1\nstart 2\n",
}

func TestBadAndOddInputFilesMatchTheCppRung(t *testing.T) {
	goRungs, cpp := setup(t)
	dir := t.TempDir()
	names := make([]string, 0, len(badInputs)+len(oddInputs))
	contents := map[string]string{}
	for name, text := range badInputs {
		names, contents[name] = append(names, name), text
	}
	for name, text := range oddInputs {
		names, contents[name] = append(names, name), text
	}
	sort.Strings(names)
	for _, goRung := range goRungs {
		reference := counterpart(t, goRung, cpp)
		for _, name := range names {
			path := filepath.Join(dir, "input.cfg")
			writeFile(t, path, contents[name])
			got := goRung.run(t, "", "--cfg", path)
			if _, bad := badInputs[name]; bad && (got.code != 2 || got.out != "" || strings.Count(got.err, "\n") != 1) {
				t.Errorf("%s: %s: want exit 2, one line on stderr, nothing on stdout; got %d %q %q",
					name, goRung.name, got.code, got.out, got.err)
			}
			want := reference.run(t, "", "--cfg", path)
			if name == "byte-order mark" && want.code != 0 && got.code == 0 {
				// Issue 11 has the C++ reader accept a UTF-8 byte-order
				// mark; until it does, the Go reader is ahead of it.
				t.Logf("%s rejects a byte-order mark, %s accepts it", reference.name, goRung.name)
				continue
			}
			sameOutput(t, name, goRung, got, reference, want)
			sameOutput(t, name+" on stdin", goRung, goRung.run(t, contents[name], "--cfg=-"),
				reference, reference.run(t, contents[name], "--cfg=-"))
		}
		for _, path := range []string{filepath.Join(dir, "missing.cfg"), dir} {
			sameOutput(t, path, goRung, goRung.run(t, "", "--cfg", path), reference, reference.run(t, "", "--cfg", path))
		}
	}
}

// Bad command lines, and the rules between flags: the same one line and
// exit status as the C++ rung of the same number.
func TestCommandLineMatchesTheCppRung(t *testing.T) {
	goRungs, cpp := setup(t)
	const loops = "start 1\n1 2\n2 1\n"
	commandLines := [][]string{
		{"--scale=abc"}, {"--scale=0"}, {"--scale=0.001"}, {"--scale=400.5"}, {"--scale=1e400"},
		{"--scale=-1"}, {"--scale="}, {"--scale"}, {"--scale=+1"}, {"--scale=0x10"}, {"--scale=inf"},
		{"--scale=nan"}, {"--scale= 1"}, {"--scale=1e-400"}, {"--iterations=1.5"}, {"--iterations=-1"},
		{"--iterations=1000001"}, {"--iterations=99999999999999999999"}, {"--iterations=+3"},
		{"--json=yes"}, {"--help=no"}, {"--bogus"}, {"stray"}, {"--"}, {"-x"}, {"-"}, {"--cfg="},
		{"--cfg"}, {"--cpuprofile="}, {"--heapprofile="}, {"--dump-cfg="}, {"--dump-cfg"},
		{"--heapprofile=h", "--cpuprofile=c"}, {"--cfg=-", "--scale=2"}, {"--cfg=-", "--iterations=3"},
		{"--cfg=-", "--heapprofile=h"}, {"--cfg=-", "--reuse-loop-graph=false"},
		{"--cfg", "-", "--json"}, {"--cfg=-", "--json=false"}, {"--scale", "0.5", "--scale=x"},
		{"--reuse-loop-graph=maybe"}, {"--cpuprofile=-"}, {"--heapprofile=-"},
		{"--dump-cfg=/dev/null", "--json"}, {"--cfg=-", "--dump-cfg=-", "--cpuprofile=p"},
		{"--scale=0.01", "--cpuprofile=/nonexistent/folder/cpu.prof"},
		{"--scale=0.01", "--dump-cfg=/nonexistent/folder/graph.cfg"},
		{"--cfg=-", "--dump-cfg=-"}, {"--cfg", "--json"}, {"--json", "--json"},
	}
	for _, goRung := range goRungs {
		reference := counterpart(t, goRung, cpp)
		for _, args := range commandLines {
			got, want := goRung.run(t, loops, args...), reference.run(t, loops, args...)
			// A Rust program has no built-in profiler (perf profiles it from
			// outside): where the C++ rung starts one, it refuses, exit 2.
			if language(goRung) == "rust" && want.code == 3 && strings.Contains(want.err, "profile") {
				if got.code != 2 || got.out != "" || !strings.Contains(got.err, "perf") {
					t.Errorf("%q: %s should refuse the profile and name perf: exit %d %q",
						args, goRung.name, got.code, got.err)
				}
				continue
			}
			sameOutput(t, strings.Join(args, " "), goRung, got, reference, want)
		}
		// --reuse-loop-graph: an error where the rung cannot reuse its loop
		// graph, accepted where it can: as the counterpart does.
		args := []string{"--scale=0.01", "--iterations=1", "--reuse-loop-graph=false"}
		got, want := goRung.run(t, "", args...), reference.run(t, "", args...)
		if got.code != want.code || (want.code != 0 && !sameOutput(t, "reuse", goRung, got, reference, want)) {
			t.Errorf("%q: %s exit %d, %s exit %d", args, goRung.name, got.code, reference.name, want.code)
		}
		help := goRung.run(t, "", "--help")
		if help.code != 0 || !strings.HasPrefix(help.out, goRung.name+": ") ||
			!strings.Contains(help.out, "--reuse-loop-graph") {
			t.Errorf("%s --help: exit %d\n%s", goRung.name, help.code, help.out)
		}
	}
}

// --dump-cfg writes the same file as the C++ rung, from the workload or
// from --cfg; and what it writes reads back with the workload's loops.
func TestDumpCFGMatchesTheCppRung(t *testing.T) {
	goRungs, cpp := setup(t)
	dir := t.TempDir()
	for _, goRung := range goRungs {
		reference := counterpart(t, goRung, cpp)
		read := func(path string) string {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
		for _, args := range [][]string{{"--scale=0.01"}, {"--scale=0.013"}, {}} {
			goPath, cppPath := filepath.Join(dir, "go.cfg"), filepath.Join(dir, "cpp.cfg")
			got := goRung.run(t, "", append(args, "--dump-cfg="+goPath)...)
			want := reference.run(t, "", append(args, "--dump-cfg="+cppPath)...)
			if got.code != 0 || want.code != 0 || got.out != "" {
				t.Fatalf("%q: %s exit %d %q, %s exit %d %q", args, goRung.name, got.code, got.err,
					reference.name, want.code, want.err)
			}
			if goRung.normalized(read(goPath)) != reference.normalized(read(cppPath)) {
				t.Errorf("%q: %s and %s dump different files", args, goRung.name, reference.name)
			}
			// Read back through --cfg: the same loops as the C++ rung finds.
			if len(args) > 0 && args[0] == "--scale=0.01" {
				run := goRung.run(t, "", "--cfg", goPath)
				if !strings.Contains(run.out, ": 761 loops in "+goPath+" (2533 blocks, ") {
					t.Errorf("%s --cfg of its dump: %.200s", goRung.name, run.out)
				}
				sameOutput(t, "dump read back", goRung, run, reference, reference.run(t, "", "--cfg", goPath))
				// --cfg with --dump-cfg copies the graph, ids kept.
				goCopy, cppCopy := filepath.Join(dir, "go-copy.cfg"), filepath.Join(dir, "cpp-copy.cfg")
				goRung.run(t, "", "--cfg", goPath, "--dump-cfg", goCopy)
				reference.run(t, "", "--cfg", goPath, "--dump-cfg", cppCopy)
				if goRung.normalized(read(goCopy)) != reference.normalized(read(cppCopy)) {
					t.Errorf("%s and %s copy a CFG file differently", goRung.name, reference.name)
				}
			}
		}
		got := goRung.run(t, "", "--scale=0.01", "--dump-cfg="+filepath.Join(dir, "no", "such", "dir.cfg"))
		want := reference.run(t, "", "--scale=0.01", "--dump-cfg="+filepath.Join(dir, "no", "such", "dir.cfg"))
		sameOutput(t, "unwritable --dump-cfg", goRung, got, reference, want)
	}
}

// The --json record: the C++ record's fields, with the same values where
// they are not measurements, plus "language": "go".
func TestJSONRecordHasTheCppSchema(t *testing.T) {
	goRungs, cpp := setup(t)
	for _, goRung := range goRungs {
		reference := counterpart(t, goRung, cpp)
		args := []string{"--scale=0.02", "--iterations=2", "--json"}
		var got, want map[string]any
		for _, r := range []struct {
			rung   rung
			record *map[string]any
		}{{goRung, &got}, {reference, &want}} {
			run := r.rung.run(t, "", args...)
			if run.code != 0 || strings.Count(run.out, "\n") != 1 {
				t.Fatalf("%s %q: exit %d\n%s%s", r.rung.name, args, run.code, run.out, run.err)
			}
			if err := json.Unmarshal([]byte(run.out), r.record); err != nil {
				t.Fatalf("%s: %v\n%s", r.rung.name, err, run.out)
			}
		}
		if got["language"] != language(goRung) {
			t.Errorf("%s: language %v", goRung.name, got["language"])
		}
		delete(got, "language")
		if !reflect.DeepEqual(keys(got), keys(want)) {
			t.Errorf("%s record fields %v\n%s record fields %v", goRung.name, keys(got), reference.name, keys(want))
		}
		for _, key := range []string{"workload", "reuse_loop_graph", "loops", "loops_total",
			"small_graph_loops", "root_nesting_level", "stopped_after_first_find", "loop_counts_right",
			"loop_count_problems", "cpu_profile", "heap_profile"} {
			if !reflect.DeepEqual(got[key], want[key]) {
				t.Errorf("%s: %s is %v, %s's %v", key, goRung.name, got[key], reference.name, want[key])
			}
		}
		phases, _ := got["phases"].(map[string]any)
		wantPhases, _ := want["phases"].(map[string]any)
		if !reflect.DeepEqual(keys(phases), keys(wantPhases)) {
			t.Errorf("phases %v, want %v", keys(phases), keys(wantPhases))
		}
		// The JVM counts bytes, not objects: its count is null.
		jvm := language(goRung) == "java" || language(goRung) == "scala"
		if a, ok := got["allocations"].(map[string]any); !ok || !positive(a["count"]) &&
			!(jvm && positive(a["bytes"])) {
			t.Errorf("%s: allocations %v", goRung.name, got["allocations"])
		}
	}
}

func positive(value any) bool {
	number, ok := value.(float64)
	return ok && number > 0
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The C++ suite's deep graphs (tests/depth_test.h): a 5,000,000-block chain
// with a self loop at its end, and a 100,000-deep loop nest. A recursive
// search must not run out of stack (five million frames overflow any
// default stack: 8 MiB for C++, 1 MiB for the JVM), and the loops are the
// top C++ rung's. The chain costs the map-heavy bottoms most (quiet
// machine, --cfg alone: java-havlak1 41 s, scala-havlak1 55 s, go-havlak1
// 16 s, havlak1 15 s).
func TestDeepGraphs(t *testing.T) {
	goRungs, cpp := setup(t)
	if testing.Short() {
		t.Skip("deep graphs take a while")
	}
	dir := t.TempDir()
	var chain bytes.Buffer
	const chainBlocks = 5000000
	chain.WriteString("start 0\n")
	for b := 0; b+1 < chainBlocks; b++ {
		chain.WriteString(strconv.Itoa(b) + " " + strconv.Itoa(b+1) + "\n")
	}
	chain.WriteString(strconv.Itoa(chainBlocks-1) + " " + strconv.Itoa(chainBlocks-1) + "\n")
	var nest bytes.Buffer
	const depth = 100000
	edge := func(from, to int) { nest.WriteString(strconv.Itoa(from) + " " + strconv.Itoa(to) + "\n") }
	header, latch := func(i int) int { return i }, func(i int) int { return depth + i }
	nest.WriteString("start 0\n")
	for i := 0; i+1 < depth; i++ {
		edge(header(i), header(i+1))
	}
	edge(header(depth-1), latch(depth-1))
	for i := depth - 1; i >= 1; i-- {
		edge(latch(i), header(i))
		edge(latch(i), latch(i-1))
	}
	edge(latch(0), header(0))
	edge(latch(0), 2*depth)
	reference := cpp(registry(t).top())
	for name, text := range map[string]*bytes.Buffer{"chain": &chain, "nest": &nest} {
		path := filepath.Join(dir, name+".cfg")
		writeFile(t, path, text.String())
		want := reference.run(t, "", "--json", "--cfg", path)
		for _, goRung := range goRungs {
			sameOutput(t, name, goRung, goRung.run(t, "", "--json", "--cfg", path), reference, want)
		}
	}
}

// Interrupted while writing a CPU profile, a program leaves nothing behind
// and exits with 128 + SIGINT or dies of the signal.
func TestInterruptLeavesNoTemporaryFile(t *testing.T) {
	goRungs, _ := setup(t)
	for _, goRung := range goRungs {
		if language(goRung) == "rust" {
			continue // refuses --cpuprofile (perf profiles it): nothing to interrupt
		}
		dir := t.TempDir()
		cmd := exec.Command(goRung.path, "--cpuprofile="+filepath.Join(dir, "cpu.prof"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // well inside the small-graph phase
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		// 130 from a program that handles the signal; death by SIGINT, as
		// the C++ rungs re-raise it, or from a JVM interrupted before its
		// handler is installed (nothing written yet) is as good.
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || !interruptedBySigint(exitErr) {
			t.Errorf("%s interrupted: %v, want exit status 130 or death by SIGINT", goRung.name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s interrupted left %v", goRung.name, entries)
		}
	}
}

func interruptedBySigint(exitErr *exec.ExitError) bool {
	if exitErr.ExitCode() == 130 {
		return true
	}
	status, ok := exitErr.Sys().(syscall.WaitStatus)
	return ok && status.Signaled() && status.Signal() == syscall.SIGINT
}
