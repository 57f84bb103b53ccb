package havlak

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCFG(t *testing.T) {
	text := "# two nested loops\nstart 100\n100 200\n200 300\n300 200\n300 400\n400 200\n400 100\n" +
		"400 500\nblock 600\n"
	file, err := ParseCFG(strings.NewReader(text), "loops.cfg")
	if err != nil {
		t.Fatal(err)
	}
	want := EdgeList{NumBlocks: 6, Start: 0, Edges: []Edge{{0, 1}, {1, 2}, {2, 1}, {2, 3}, {3, 1}, {3, 0}, {3, 4}}}
	if !reflect.DeepEqual(file.Graph, want) || !reflect.DeepEqual(file.IDs, []uint32{100, 200, 300, 400, 500, 600}) {
		t.Errorf("got %+v, ids %v", file.Graph, file.IDs)
	}
	// Written back, it reads the same.
	again, err := ParseCFG(strings.NewReader(string(FormatCFG(&file.Graph, file.IDs, "again"))), "again.cfg")
	if err != nil || !reflect.DeepEqual(again, file) {
		t.Errorf("read back: %v %+v", err, again)
	}
}

func TestParseCFGErrors(t *testing.T) {
	for _, c := range []struct{ text, error string }{
		{"", "f: empty: no start block and no edges"},
		{"# only\n\n", "f: empty: no start block and no edges"},
		{"1 2\n", "f: no start block: a 'start ID' line is missing"},
		{"start 1\n1 2\n3\n", "f:3: expected an edge 'FROM TO', 'start ID' or 'block ID', got '3'"},
		{"start 1\n1 two\n", "f:2: 'two' is not a block id (a whole number from 0 to 4294967295)"},
		{"start 1\n1 4294967296\n", "f:2: '4294967296' is not a block id (a whole number from 0 to 4294967295)"},
		{"start 9\n1 2\n", "f:1: start block 9 is not in the graph: no edge or 'block' line names it"},
		{"start 1\n1 2\nstart 2\n", "f:3: a second start block (the first is on line 1)"},
		{"start 1\n1 2 3 4\n", "f:2: too many fields"},
		{"\x7fELF", "f:1: byte 0x7f: this is not a text CFG"},
		{"start 1\n1 2 # \x00\n", "f:2: byte 0x00: this is not a text CFG"},
		{"start 1\n" + strings.Repeat("1", 4097) + "\n", "f:2: line longer than 4096 bytes"},
		{"start 1\n\x01" + strings.Repeat("1", 5000), "f:2: byte 0x01: this is not a text CFG"},
		{"start 1\n" + strings.Repeat("1", 5000) + "\x01", "f:2: line longer than 4096 bytes"},
		{"start 1\n1 " + strings.Repeat("x", 50), "f:2: '" + strings.Repeat("x", 40) +
			"...' is not a block id (a whole number from 0 to 4294967295)"},
	} {
		_, err := ParseCFG(strings.NewReader(c.text), "f")
		if err == nil || err.Error() != c.error {
			t.Errorf("%.30q: got %v, want %q", c.text, err, c.error)
		}
	}
}

func TestParseCFGEdgeCases(t *testing.T) {
	for _, text := range []string{
		"start 1\n1 2\n2 1",                                    // no final newline
		"start 1\r\n1 2\r\n2 1\r\n",                            // CRLF
		"\xef\xbb\xbfstart 1\n1 2\n2 1\n",                      // a byte-order mark
		"1 2\n2 1\nstart 1\n",                                  // the start after its edges
		"start 01\n1 0002\n2 1\n",                              // leading zeros
		"start 1\n1 2\n" + strings.Repeat(" ", 4093) + "2 1\n", // 4096 bytes
	} {
		file, err := ParseCFG(strings.NewReader(text), "f")
		if err != nil || file.Graph.NumBlocks != 2 || len(file.Graph.Edges) < 2 {
			t.Errorf("%.30q: %v %+v", text, err, file)
		}
	}
}

func TestFormatCFGOfTheWorkload(t *testing.T) {
	var g EdgeList
	BuildSmallGraph(&g)
	text := string(FormatCFG(&g, nil, "small"))
	if !strings.HasPrefix(text, "# small\nstart 0\n0 1\n1 2\n") || !strings.HasSuffix(text, "0 2\n") {
		t.Errorf("%q", text)
	}
}
