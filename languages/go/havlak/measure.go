package havlak

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// ResourceUsage is the whole process's CPU time and peak resident memory.
type ResourceUsage struct {
	UserSeconds, SystemSeconds float64
	// The high-water mark of resident memory, in KiB (ru_maxrss).
	PeakRSSKiB int64
}

// ReadResourceUsage is getrusage(RUSAGE_SELF): all threads, since start.
func ReadResourceUsage() ResourceUsage {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return ResourceUsage{PeakRSSKiB: -1}
	}
	seconds := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return ResourceUsage{seconds(usage.Utime), seconds(usage.Stime), usage.Maxrss}
}

// ReadVMHWMKiB is the kernel's high-water mark of resident memory, VmHWM
// from /proc/self/status, in KiB; -1 if it cannot be read.
func ReadVMHWMKiB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if line := scanner.Text(); strings.HasPrefix(line, "VmHWM:") {
			rest := line[len("VmHWM:"):]
			value, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return value
			}
		}
	}
	return -1
}

// AllocationCounts are the run's heap allocations, from runtime.MemStats.
type AllocationCounts struct {
	Allocations   int64 // Mallocs: heap objects allocated
	Bytes         int64 // TotalAlloc: bytes allocated
	PeakLiveBytes int64 // the largest HeapAlloc sampled (see AllocationGauge)
}

// AllocationGauge counts allocations since it was made. Go keeps no peak
// of the live heap, so Sample, called at the end of each phase and after
// each big-graph finding, keeps the largest HeapAlloc seen (live objects
// plus garbage not yet swept): a lower bound on the true peak.
type AllocationGauge struct {
	start AllocationCounts
	peak  int64
}

func readMemStats() runtime.MemStats {
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return stats
}

// NewAllocationGauge starts counting.
func NewAllocationGauge() *AllocationGauge {
	stats := readMemStats()
	return &AllocationGauge{start: AllocationCounts{int64(stats.Mallocs), int64(stats.TotalAlloc), 0},
		peak: int64(stats.HeapAlloc)}
}

// Sample notes the live heap now.
func (g *AllocationGauge) Sample() {
	if alloc := int64(readMemStats().HeapAlloc); alloc > g.peak {
		g.peak = alloc
	}
}

// Read is the counts since the gauge was made.
func (g *AllocationGauge) Read() AllocationCounts {
	stats := readMemStats()
	if alloc := int64(stats.HeapAlloc); alloc > g.peak {
		g.peak = alloc
	}
	return AllocationCounts{int64(stats.Mallocs) - g.start.Allocations,
		int64(stats.TotalAlloc) - g.start.Bytes, g.peak}
}

// Stack limits: Go grows a goroutine's stack by copying it, up to a limit
// (1 GB by default); a recursive depth-first search needs a frame per
// block on its longest path, so the limit follows the graph.
const (
	stackBytesPerBlock = 1024
	minStackLimit      = 1 << 30
)

// SetStackLimitForBlocks raises the stack limit for a graph of that many
// blocks (it never lowers it below Go's default).
func SetStackLimitForBlocks(blocks int64) {
	limit := blocks * stackBytesPerBlock
	if limit < minStackLimit {
		limit = minStackLimit
	}
	debug.SetMaxStack(int(limit))
}

// RuntimeSettings names the Go runtime's settings that change what is
// measured: the garbage collector's target and memory limit.
func RuntimeSettings() string {
	gogc := os.Getenv("GOGC")
	if gogc == "" {
		gogc = "100"
	}
	limit := os.Getenv("GOMEMLIMIT")
	if limit == "" {
		limit = "off"
	}
	return "GOGC=" + gogc + " GOMEMLIMIT=" + limit
}

// BuildFlags names how the binary was built: the compiler and the build
// settings Go records in it.
func BuildFlags() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "gc"
	}
	var settings []string
	for _, s := range info.Settings {
		switch s.Key {
		case "-compiler", "-gcflags", "-ldflags", "-pgo", "-trimpath", "CGO_ENABLED", "GOARCH", "GOAMD64":
			settings = append(settings, s.Key+"="+s.Value)
		}
	}
	return strings.Join(settings, " ")
}
