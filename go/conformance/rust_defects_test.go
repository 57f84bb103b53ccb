package conformance

// What Rust's runtime does by default and the C++ rungs do not: leave
// --dump-cfg's temporary file behind when a signal ends the process, read a
// closed standard stream as /dev/null, and abort when memory runs out. The
// Rust programs must behave as the C++ rungs do. These checks run for the
// Rust programs only: the other languages' runtimes are theirs to answer for.

import (
	"errors"
	"os"
	"os/exec"
	ossignal "os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func rustPrograms(t *testing.T) (programs []rung, cpp func(string) rung) {
	t.Helper()
	all, cpp := setup(t)
	for _, program := range all {
		if language(program) == "rust" {
			programs = append(programs, program)
		}
	}
	if len(programs) == 0 {
		t.Skip("no Rust program under test (HAVLAK_RUNG_UNDER_TEST=rust-...)")
	}
	return programs, cpp
}

// runShell runs binary with args through sh, after the shell command
// `setup` (a ulimit, a redirection that closes a stream).
func runShell(t *testing.T, setup string, binary string, args ...string) result {
	t.Helper()
	shellArgs := append([]string{"-c", setup + `; exec "$0" "$@"`, binary}, args...)
	return runBinary(t, "/bin/sh", "", shellArgs...)
}

// Interrupted (SIGINT, SIGTERM, SIGHUP) while --dump-cfg's temporary file
// exists, a program removes it and dies of the signal (or exits with 128 +
// the signal), as the C++ rungs do.
func TestSignalDuringDumpCFGLeavesNoTemporaryFile(t *testing.T) {
	programs, _ := rustPrograms(t)
	for _, program := range programs {
		for _, signal := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
			if ossignal.Ignored(signal) {
				// The program inherits the disposition and keeps it, as
				// the C++ rungs do: the signal would not end it.
				t.Logf("%v is ignored here (a background job's SIGINT): not checked", signal)
				continue
			}
			dir := t.TempDir()
			// 120 MB of text: its temporary file lives for a second or more.
			cmd := exec.Command(program.path, "--scale=20", "--dump-cfg="+filepath.Join(dir, "big.cfg"))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			seen, finished := false, false
			for deadline := time.Now().Add(2 * time.Minute); !seen && !finished && time.Now().Before(deadline); {
				select {
				case err = <-done:
					finished = true
				case <-time.After(2 * time.Millisecond):
					entries, _ := os.ReadDir(dir)
					for _, entry := range entries {
						seen = seen || strings.Contains(entry.Name(), ".tmp.")
					}
				}
			}
			if !seen {
				cmd.Process.Kill()
				t.Fatalf("%s: no temporary file seen before it ended (%v); the test needs a larger --scale",
					program.name, err)
			}
			cmd.Process.Signal(signal)
			err = <-done
			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) || !endedBy(exitErr, signal) {
				t.Errorf("%s, %v while writing: %v, want death by the signal or exit %d",
					program.name, signal, err, 128+int(signal))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%s, %v while writing, left %s", program.name, signal, entries[0].Name())
			}
		}
	}
}

func endedBy(exitErr *exec.ExitError, signal syscall.Signal) bool {
	if exitErr.ExitCode() == 128+int(signal) {
		return true
	}
	status, ok := exitErr.Sys().(syscall.WaitStatus)
	return ok && status.Signaled() && status.Signal() == signal
}

// A closed standard input (--cfg=-) or output (--dump-cfg=-) is an error
// naming the stream, not an empty file or a sink: the C++ rung's message
// and exit status.
func TestClosedStandardStreamsMatchTheCppRung(t *testing.T) {
	programs, cpp := rustPrograms(t)
	for _, program := range programs {
		reference := counterpart(t, program, cpp)
		for _, c := range []struct {
			redirection string
			args        []string
		}{
			{"exec <&-", []string{"--cfg=-"}},
			{"exec <&-", []string{"--cfg=-", "--json"}},
			{"exec >&-", []string{"--scale=0.01", "--dump-cfg=-"}},
		} {
			what := c.redirection + " " + strings.Join(c.args, " ")
			got := runShell(t, c.redirection, program.path, c.args...)
			want := runShell(t, c.redirection, reference.path, c.args...)
			if want.code == 0 {
				t.Fatalf("%s: %s succeeds; the check expects an error", what, reference.name)
			}
			sameOutput(t, what, program, got, reference, want)
		}
	}
}

// Out of memory, a program prints "NAME: out of memory" and exits 4, as the
// C++ rungs do, rather than aborting. The address-space limit is the first
// of a few that makes the C++ counterpart run out of heap (not out of
// stack, which a recursive rung reserves first and reports otherwise).
func TestOutOfMemoryMatchesTheCppRung(t *testing.T) {
	programs, cpp := rustPrograms(t)
	limits := []struct {
		kib  string
		args []string
	}{
		{"200000", []string{"--scale=1", "--iterations=0"}},  // havlak1: stack 129 MB, heap more
		{"200000", []string{"--scale=20", "--iterations=0"}}, // an iterative rung
	}
	for _, program := range programs {
		reference := counterpart(t, program, cpp)
		found := false
		for _, limit := range limits {
			want := runShell(t, "ulimit -v "+limit.kib, reference.path, limit.args...)
			if want.code != 4 || want.err != reference.name+": out of memory\n" {
				continue
			}
			found = true
			got := runShell(t, "ulimit -v "+limit.kib, program.path, limit.args...)
			if got.code != 4 || got.err != program.name+": out of memory\n" {
				t.Errorf("ulimit -v %s; %s %q: exit %d, stderr %q; want exit 4 and %q",
					limit.kib, program.name, limit.args, got.code, got.err, program.name+": out of memory\n")
			}
			break
		}
		if !found {
			t.Errorf("no limit tried makes %s run out of heap; the check needs another", reference.name)
		}
	}
}
