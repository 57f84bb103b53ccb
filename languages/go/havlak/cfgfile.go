package havlak

// CFGs in a text file, read and written, in the C++ suite's format
// (havlak/cfg_file.h) with the same error messages:
//
//	# A loop and an exit. Comments run from '#' to the end of the line.
//	start 10        the start block, exactly once
//	10 11           an edge from block 10 to block 11
//	11 10
//	11 12
//	block 99        a block without edges (optional)
//
// Block ids are whole numbers from 0 to 4294967295. The reader numbers the
// blocks densely, 0..N-1, the start block first and the others in the order
// they are first named, and keeps their ids for printing. Edges keep their
// order. Blank lines and surrounding spaces are ignored; lines are at most
// 4096 bytes, checked while reading, so a stream that is not a CFG fails
// within its first lines and memory follows the graph, not the file.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// MaxCFGLineBytes is the longest line a CFG file may hold.
const MaxCFGLineBytes = 4096

const maxID = 4294967295

// CFGFile is a CFG read from a file.
type CFGFile struct {
	Graph EdgeList
	// The id in the file of each block: IDs[dense block number].
	IDs []uint32
}

// CFGError is one line naming the input and, where there is one, the line.
type CFGError struct{ Message string }

func (e *CFGError) Error() string { return e.Message }

func excerpt(text []byte) string {
	const shown = 40
	if len(text) <= shown {
		return string(text)
	}
	return string(text[:shown]) + "..."
}

func isSpace(c byte) bool   { return c == ' ' || c == '\t' || c == '\r' }
func isControl(c byte) bool { return c < 0x20 || c == 0x7f }

func badByte(c byte) string { return fmt.Sprintf("byte 0x%02x: this is not a text CFG", c) }

// splitLine checks one line and splits it into at most 3 tokens, up to a
// comment; it returns "" or what is wrong. Control bytes are refused before
// the comment, and NUL anywhere.
func splitLine(content []byte, tokens [][]byte) ([][]byte, string) {
	tokens = tokens[:0]
	for i := 0; i < len(content); {
		c := content[i]
		if c == '#' {
			if bytes.IndexByte(content[i:], 0) >= 0 {
				return tokens, badByte(0)
			}
			break
		}
		if isSpace(c) {
			i++
			continue
		}
		if isControl(c) {
			return tokens, badByte(c)
		}
		begin := i
		for i < len(content) && !isSpace(content[i]) && content[i] != '#' && !isControl(content[i]) {
			i++
		}
		if len(tokens) == 3 {
			return tokens, "too many fields"
		}
		tokens = append(tokens, content[begin:i])
	}
	return tokens, ""
}

// tooLong is the error for a line longer than MaxCFGLineBytes: a bad byte
// in its first MaxCFGLineBytes+1 bytes first, as a stream that is not text
// is better named so.
func tooLong(content []byte) string {
	if len(content) > MaxCFGLineBytes+1 {
		content = content[:MaxCFGLineBytes+1]
	}
	hash := bytes.IndexByte(content, '#')
	if hash < 0 {
		hash = len(content)
	}
	for i, c := range content {
		if c == 0 || (i < hash && isControl(c) && !isSpace(c)) {
			return badByte(c)
		}
	}
	return "line longer than " + strconv.Itoa(MaxCFGLineBytes) + " bytes"
}

func parseID(token []byte) (uint32, string) {
	ok := len(token) > 0 && len(token) <= 10
	var value uint64
	for _, c := range token {
		if c < '0' || c > '9' {
			ok = false
			break
		}
		value = value*10 + uint64(c-'0')
	}
	if !ok || value > maxID {
		return 0, "'" + excerpt(token) + "' is not a block id (a whole number from 0 to 4294967295)"
	}
	return uint32(value), ""
}

// ParseCFG reads a CFG from r, named name in errors. It stops at the first
// error: a stream that is not a CFG fails within its first lines.
func ParseCFG(r io.Reader, name string) (*CFGFile, error) {
	at := func(line int) string { return name + ":" + strconv.Itoa(line) + ": " }
	fail := func(message string) (*CFGFile, error) { return nil, &CFGError{message} }
	// What the lines name, in order: an edge, or a 'block' line (to == -1).
	type mention struct {
		from uint32
		to   int64
	}
	var mentions []mention
	haveStart := false
	var start uint32
	startLine := 0
	var maxSeen uint64
	anyContent := false
	tokens := make([][]byte, 0, 3)
	reader := bufio.NewReaderSize(r, 1<<16)
	for lineNumber := 1; ; lineNumber++ {
		content, err := reader.ReadSlice('\n')
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fail("cannot read " + name + ": " + Strerror(err))
		}
		if len(content) == 0 && err == io.EOF {
			break
		}
		last := err == io.EOF
		if n := len(content); n > 0 && content[n-1] == '\n' {
			content = content[:n-1]
		}
		if len(content) > MaxCFGLineBytes || err == bufio.ErrBufferFull {
			return fail(at(lineNumber) + tooLong(content))
		}
		if lineNumber == 1 {
			content = bytes.TrimPrefix(content, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
		}
		var problem string
		if tokens, problem = splitLine(content, tokens); problem != "" {
			return fail(at(lineNumber) + problem)
		}
		if len(tokens) == 0 {
			if last {
				break
			}
			continue
		}
		anyContent = true
		first := string(tokens[0])
		if (first == "start" || first == "block") && len(tokens) == 2 {
			id, problem := parseID(tokens[1])
			if problem != "" {
				return fail(at(lineNumber) + problem)
			}
			if uint64(id) > maxSeen {
				maxSeen = uint64(id)
			}
			if first == "block" {
				mentions = append(mentions, mention{id, -1})
			} else if haveStart {
				return fail(at(lineNumber) + "a second start block (the first is on line " + strconv.Itoa(startLine) + ")")
			} else {
				haveStart, start, startLine = true, id, lineNumber
			}
		} else {
			if len(tokens) != 2 {
				return fail(at(lineNumber) + "expected an edge 'FROM TO', 'start ID' or 'block ID', got '" + excerpt(content) + "'")
			}
			from, problem := parseID(tokens[0])
			if problem != "" {
				return fail(at(lineNumber) + problem)
			}
			to, problem := parseID(tokens[1])
			if problem != "" {
				return fail(at(lineNumber) + problem)
			}
			if uint64(from) > maxSeen {
				maxSeen = uint64(from)
			}
			if uint64(to) > maxSeen {
				maxSeen = uint64(to)
			}
			mentions = append(mentions, mention{from, int64(to)})
		}
		if last {
			break
		}
	}
	if !haveStart {
		if anyContent {
			return fail(name + ": no start block: a 'start ID' line is missing")
		}
		return fail(name + ": empty: no start block and no edges")
	}

	// Dense numbers in order of first mention, the start first. A slice
	// when the ids are dense enough, a map otherwise: a file naming block
	// 4,000,000,000 costs what its lines cost, not gigabytes.
	file := &CFGFile{}
	if uint64(start) > maxSeen {
		maxSeen = uint64(start)
	}
	var dense []int32
	var sparse map[uint32]int32
	if maxSeen <= 4*uint64(len(mentions))+1024 {
		dense = make([]int32, maxSeen+1)
		for i := range dense {
			dense[i] = -1
		}
	} else {
		sparse = make(map[uint32]int32)
	}
	number := func(id uint32) int {
		if dense != nil {
			if dense[id] < 0 {
				dense[id] = int32(len(file.IDs))
				file.IDs = append(file.IDs, id)
			}
			return int(dense[id])
		}
		n, ok := sparse[id]
		if !ok {
			n = int32(len(file.IDs))
			sparse[id] = n
			file.IDs = append(file.IDs, id)
		}
		return int(n)
	}
	number(start)
	file.Graph.Edges = make([]Edge, 0, len(mentions))
	startNamed := false
	for _, m := range mentions {
		startNamed = startNamed || m.from == start || m.to == int64(start)
		from := number(m.from)
		if m.to >= 0 {
			file.Graph.Edges = append(file.Graph.Edges, Edge{from, number(uint32(m.to))})
		}
	}
	if !startNamed {
		return fail(at(startLine) + "start block " + strconv.FormatUint(uint64(start), 10) +
			" is not in the graph: no edge or 'block' line names it")
	}
	file.Graph.NumBlocks = len(file.IDs)
	file.Graph.Start = 0
	return file, nil
}

// ReadCFGFile reads and parses the file at path; "-" is standard input.
func ReadCFGFile(path string) (*CFGFile, error) {
	if path == "-" {
		if !standardInputIsOpen() {
			return nil, &CFGError{"cannot read <stdin>: standard input is closed"}
		}
		return ParseCFG(os.Stdin, "<stdin>")
	}
	name := PrintableName(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &CFGError{"cannot read " + name + ": " + Strerror(err)}
	}
	defer f.Close()
	return ParseCFG(f, name)
}

// standardInputIsOpen: file descriptor 0 is open and is not one the
// process opened itself (those are close-on-exec) after it found 0 closed.
func standardInputIsOpen() bool {
	flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, 0, syscall.F_GETFD, 0)
	return errno == 0 && flags&syscall.FD_CLOEXEC == 0
}

// Strerror is the C library's text for the system error inside err ("No
// such file or directory"), so messages match the C++ rungs'.
func Strerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		text := errno.Error()
		if text != "" {
			return strings.ToUpper(text[:1]) + text[1:]
		}
	}
	return err.Error()
}

// FormatCFG is the file for graph, whose block b has id ids[b] (or b
// itself when ids is nil), after comment lines (each gets its '#').
func FormatCFG(graph *EdgeList, ids []uint32, comment string) []byte {
	id := func(block int) uint64 {
		if ids == nil {
			return uint64(block)
		}
		return uint64(ids[block])
	}
	out := make([]byte, 0, 16*len(graph.Edges)+64)
	if comment != "" {
		lines := strings.Split(comment, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for _, line := range lines {
			out = append(out, "# "...)
			out = append(out, line...)
			out = append(out, '\n')
		}
	}
	if graph.NumBlocks == 0 {
		return out
	}
	out = append(out, "start "...)
	out = strconv.AppendUint(out, id(graph.Start), 10)
	out = append(out, '\n')
	hasEdge := make([]bool, graph.NumBlocks)
	hasEdge[graph.Start] = true
	for _, e := range graph.Edges {
		hasEdge[e.From], hasEdge[e.To] = true, true
		out = strconv.AppendUint(out, id(e.From), 10)
		out = append(out, ' ')
		out = strconv.AppendUint(out, id(e.To), 10)
		out = append(out, '\n')
	}
	for block := 0; block < graph.NumBlocks; block++ {
		if !hasEdge[block] {
			out = append(out, "block "...)
			out = strconv.AppendUint(out, id(block), 10)
			out = append(out, '\n')
		}
	}
	return out
}
