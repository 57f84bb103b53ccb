package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Folded stacks, one line per distinct stack, root first, and its count:
//
//	<module> (havlak/main.py:40);run (havlak/workload.py:12);dfs (top.py:30) 17
//
// as py-spy record --format raw writes them (a frame is "function (file:line)",
// or a bare name).

// A sample with no stack: the process ran no Python code then (start-up,
// shutdown), as py-spy writes it (" 18").
const outside = "(outside Python code)"

var pyFrame = regexp.MustCompile(`^(.*) \((.*):(\d+)\)$`)

func readFolded(in io.Reader, b *builder) (string, error) {
	lines := bufio.NewScanner(in)
	lines.Buffer(make([]byte, 1<<20), 64<<20) // a deep recursion's stack is long
	stacks := 0
	for number := 1; lines.Scan(); number++ {
		line := strings.TrimRight(lines.Text(), "\r\n ")
		if strings.TrimSpace(line) == "" {
			continue
		}
		space := strings.LastIndexByte(line, ' ')
		count, err := strconv.ParseInt(line[space+1:], 10, 64)
		if space < 0 || err != nil || count <= 0 {
			return "", fmt.Errorf("line %d: not \"frame;frame;... count\": %.80q", number, line)
		}
		calls := []string{outside}
		if line[:space] != "" {
			calls = strings.Split(line[:space], ";")
		}
		stack := make([]frame, len(calls))
		for i, call := range calls {
			f := frame{function: call}
			if parts := pyFrame.FindStringSubmatch(call); parts != nil {
				line, _ := strconv.ParseInt(parts[3], 10, 64)
				f = frame{parts[1], parts[2], line}
			}
			stack[len(calls)-1-i] = f // leaf first
		}
		b.add(stack, count, "", time.Time{})
		stacks++
	}
	if err := lines.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d distinct stacks", stacks), nil
}
