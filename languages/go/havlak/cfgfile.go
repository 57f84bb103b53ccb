package havlak

// CFG files (docs/cfg-files.md):
//
//	# Comments run from '#' to the end of the line.
//	start 10        the start block, exactly once
//	10 11           an edge from block 10 to block 11
//	block 99        a block without edges
//
// Block ids are whole numbers from 0 to 4294967295. They are numbered
// densely, the start block 0 and the others in the order the lines first
// name them; edges keep their order, which decides the depth-first search.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// cfgFile is a CFG read from a file, in dense block numbers.
type cfgFile struct {
	ids   []uint32 // the file's id of each block
	edges [][2]int
}

// readCFGFile reads the CFG at path ("-": standard input).
func readCFGFile(path string) (*cfgFile, error) {
	if path == "-" {
		return parseCFG(os.Stdin, "<stdin>")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %q: %v", path, cause(err))
	}
	defer f.Close()
	return parseCFG(f, strconv.Quote(path))
}

// cause is the system's reason inside err, without the path it names.
func cause(err error) error {
	var pathError *fs.PathError
	if errors.As(err, &pathError) {
		return pathError.Err
	}
	return err
}

func parseID(token string) (uint32, bool) {
	id, err := strconv.ParseUint(token, 10, 32)
	return uint32(id), err == nil
}

// parseCFG reads a CFG from r, called name in errors.
func parseCFG(r io.Reader, name string) (*cfgFile, error) {
	file := &cfgFile{}
	// Each id's number: in a slice while the ids are dense enough (faster
	// than a map), in a map past that.
	dense, sparse := []int32{}, map[uint32]int{}
	lookup := func(id uint32) (int, bool) {
		if int(id) < len(dense) && dense[id] >= 0 {
			return int(dense[id]), true
		}
		n, ok := sparse[id]
		return n, ok
	}
	number := func(id uint32) int {
		n, ok := lookup(id)
		if !ok {
			n = len(file.ids)
			file.ids = append(file.ids, id)
			if int(id) >= 4*n+1024 {
				sparse[id] = n
				return n
			}
			for len(dense) <= int(id) {
				dense = append(dense, -1)
			}
			dense[id] = int32(n)
		}
		return n
	}
	var start uint32
	startLine := 0
	scanner := bufio.NewScanner(r)
	line := 0
	for scanner.Scan() {
		line++
		text := scanner.Text()
		if hash := strings.IndexByte(text, '#'); hash >= 0 {
			text = text[:hash]
		}
		fields := strings.Fields(text)
		fail := func(format string, args ...interface{}) (*cfgFile, error) {
			return nil, fmt.Errorf("%s line %d: %s", name, line, fmt.Sprintf(format, args...))
		}
		switch {
		case len(fields) == 0:
			continue
		case len(fields) == 2 && (fields[0] == "start" || fields[0] == "block"):
			id, ok := parseID(fields[1])
			if !ok {
				return fail("%.40q is not a block id (0 to 4294967295)", fields[1])
			}
			if fields[0] == "block" {
				number(id)
			} else if startLine != 0 {
				return fail("a second start block (the first is on line %d)", startLine)
			} else {
				start, startLine = id, line
			}
		case len(fields) == 2:
			from, ok := parseID(fields[0])
			to, ok2 := parseID(fields[1])
			if !ok || !ok2 {
				return fail("%.40q is not an edge between block ids (0 to 4294967295)", text)
			}
			file.edges = append(file.edges, [2]int{number(from), number(to)})
		default:
			return fail("expected 'FROM TO', 'start ID' or 'block ID', got %.40q", text)
		}
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("%s line %d: %v", name, line+1, cause(err))
	}
	if startLine == 0 {
		return nil, fmt.Errorf("%s: no 'start ID' line", name)
	}
	// The start block becomes block 0, the blocks named before it move up.
	first, ok := lookup(start)
	if !ok {
		return nil, fmt.Errorf("%s line %d: start block %d is in no edge or 'block' line", name, startLine, start)
	}
	if first != 0 {
		copy(file.ids[1:first+1], file.ids[:first])
		file.ids[0] = start
		for i, edge := range file.edges {
			for j, block := range edge {
				if block < first {
					file.edges[i][j] = block + 1
				} else if block == first {
					file.edges[i][j] = 0
				}
			}
		}
	}
	return file, nil
}
