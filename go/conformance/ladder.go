package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// ladder is the suite's one registry, ladder.json: the C++ rungs bottom
// first, and the programs of other languages that carry each one's idea
// (the top programs carry the last rung's). HAVLAK_LADDER names the file
// (CMake sets it); by default the one at the top of the source tree.
type ladder struct {
	Rungs []struct {
		Name         string   `json:"name"`
		Counterparts []string `json:"counterparts"`
	} `json:"rungs"`
	TopCounterparts []string `json:"top_counterparts"`
}

func loadLadder() (*ladder, error) {
	path := os.Getenv("HAVLAK_LADDER")
	if path == "" {
		path = filepath.Join("..", "..", "ladder.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var l ladder
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(l.Rungs) == 0 {
		return nil, fmt.Errorf("%s: no rungs", path)
	}
	return &l, nil
}

func (l *ladder) bottom() string { return l.Rungs[0].Name }
func (l *ladder) top() string    { return l.Rungs[len(l.Rungs)-1].Name }

// counterpartOf is the C++ rung whose idea a program carries; "" when the
// registry does not list the program.
func (l *ladder) counterpartOf(program string) string {
	for _, r := range l.Rungs {
		for _, p := range r.Counterparts {
			if p == program {
				return r.Name
			}
		}
	}
	for _, p := range l.TopCounterparts {
		if p == program {
			return l.top()
		}
	}
	return ""
}

// programs are the registry's programs whose names begin with prefix.
func (l *ladder) programs(prefix string) []string {
	var out []string
	for _, r := range l.Rungs {
		for _, p := range r.Counterparts {
			if len(p) > len(prefix) && p[:len(prefix)] == prefix {
				out = append(out, p)
			}
		}
	}
	return out
}
