package havlak

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFormatShortestMatchesCppToChars(t *testing.T) {
	for value, want := range map[float64]string{0: "0", 1: "1", 0.1: "0.1", 1.5: "1.5", 0.01: "0.01",
		400: "400", 1e7: "1e+07", 12345678: "12345678", 1e-5: "1e-05", 0.000123: "0.000123",
		123456789012: "123456789012", 1e22: "1e+22", 2.5e-7: "2.5e-07"} {
		if got := FormatShortest(value); got != want {
			t.Errorf("FormatShortest(%g) = %q, want %q", value, got, want)
		}
	}
}

func TestJSONWriter(t *testing.T) {
	var json JSONWriter
	json.BeginObject()
	json.Key("a\"\\\n\t\x01").String("x")
	json.Key("list").BeginArray().Integer(-3).Bool(true).Null().Number(0.5).EndArray()
	json.Key("empty").BeginObject().EndObject()
	json.EndObject()
	if got, want := json.Take(), `{"a\"\\\n\t\u0001":"x","list":[-3,true,null,0.5],"empty":{}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestForestOutput(t *testing.T) {
	graph := EdgeList{NumBlocks: 3, Edges: []Edge{{0, 1}, {1, 1}, {1, 2}}}
	var builder LoopForestBuilder
	builder.Add(ForestLoop{Header: 1, Blocks: []int{1}, Reducible: true, Parent: NoParent, Depth: 1})
	forest := builder.Build()
	report := &ForestReport{"go-havlak1", "a\nb.cfg", &graph, []uint32{7, 8, 9}, &forest}
	if got, want := FormatForestText(report), "# go-havlak1: 1 loop in a\\nb.cfg (3 blocks, 3 edges), plus the artificial root\n"+
		"loop 8: depth 1, nesting 0, reducible, parent none, blocks 8\n"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got, want := FormatForestJSON(report), `{"rung":"go-havlak1","input":"a\nb.cfg","blocks":3,"edges":3,`+
		`"loops":[{"header":8,"blocks":[8],"reducible":true,"parent":null,"depth":1,"nesting_level":0}]}`+"\n"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	other := forest
	other.Loops = []ForestLoop{{Header: 1, Blocks: []int{1, 2}, Reducible: true, Parent: NoParent, Depth: 1}}
	if d := DescribeDifference(&other, &forest); d == "" || forest.Equal(&other) || !forest.Equal(&forest) {
		t.Errorf("difference %q", d)
	}
}

func TestWriteFileAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.cfg")
	os.WriteFile(path, []byte("old"), 0o644)
	if problem := WriteFileAtomically(path, []byte("new")); problem != "" {
		t.Fatal(problem)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("%q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// A symlink's target is replaced, not the link.
	link := filepath.Join(dir, "link.cfg")
	os.Symlink(path, link)
	if problem := WriteFileAtomically(link, []byte("via link")); problem != "" {
		t.Fatal(problem)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if data, _ := os.ReadFile(path); string(data) != "via link" {
		t.Errorf("%q", data)
	}
	// A device is written in place.
	if problem := WriteFileAtomically("/dev/null", []byte("x")); problem != "" {
		t.Error(problem)
	}
	if problem := WriteFileAtomically(filepath.Join(dir, "no", "dir"), nil); problem == "" {
		t.Error("no error for a missing folder")
	}
}
