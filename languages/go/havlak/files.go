package havlak

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
)

// Files are written so a reader never sees one half-written: a regular
// file or a new path under a temporary name renamed into place (a
// symlink's target is replaced, not the link); a device, a FIFO or "-"
// (standard output) in place. A temporary file is removed on failure and
// on SIGINT or SIGTERM.

var temporaries struct {
	sync.Mutex
	paths    map[string]bool
	watching bool
}

// watchSignals removes the temporary files still registered when the
// process is interrupted, then exits with the signal's status.
func watchSignals() {
	if temporaries.watching {
		return
	}
	temporaries.watching = true
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		sig := <-signals
		temporaries.Lock()
		for path := range temporaries.paths {
			os.Remove(path)
		}
		temporaries.Unlock()
		// 128 + the signal's number, as a shell reports a process the
		// signal ended (the default action may be "ignore" in a
		// background job, so the status is set here rather than by it).
		os.Exit(128 + int(sig.(syscall.Signal)))
	}()
}

func register(path string, on bool) {
	temporaries.Lock()
	defer temporaries.Unlock()
	if temporaries.paths == nil {
		temporaries.paths = map[string]bool{}
	}
	if on {
		watchSignals()
		temporaries.paths[path] = true
	} else {
		delete(temporaries.paths, path)
	}
}

// OutputFile is a file being written; Commit puts it in place.
type OutputFile struct {
	*os.File
	path      string // where it goes
	temporary string // "" when written in place
}

func failure(what, path string, err error) string {
	return what + " " + path + ": " + Strerror(err)
}

// CreateOutput opens path for writing as described above; the error is
// one line naming the file.
func CreateOutput(path string) (*OutputFile, string) {
	if path == "-" {
		return &OutputFile{File: os.Stdout, path: path}, ""
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	if info, err := os.Stat(target); err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, failure("cannot write", path, err)
		}
		return &OutputFile{File: f, path: path}, ""
	}
	temporary := target + ".tmp." + strconv.Itoa(os.Getpid())
	register(temporary, true)
	f, err := os.OpenFile(temporary, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		register(temporary, false)
		return nil, failure("cannot write", path, err)
	}
	return &OutputFile{File: f, path: target, temporary: temporary}, ""
}

// Abandon closes and removes a file not to be committed.
func (f *OutputFile) Abandon() {
	if f.File != os.Stdout {
		f.File.Close()
	}
	if f.temporary != "" {
		os.Remove(f.temporary)
		register(f.temporary, false)
	}
}

// Commit closes the file and renames it into place; "" or an error.
func (f *OutputFile) Commit() string {
	if f.File == os.Stdout {
		return ""
	}
	if err := f.File.Close(); err != nil {
		f.Abandon()
		return failure("cannot write", f.path, err)
	}
	if f.temporary == "" {
		return ""
	}
	defer register(f.temporary, false)
	if err := os.Rename(f.temporary, f.path); err != nil {
		os.Remove(f.temporary)
		return failure("cannot rename into", f.path, err)
	}
	return ""
}

// WriteFileAtomically writes contents to path, complete or not at all.
func WriteFileAtomically(path string, contents []byte) string {
	f, problem := CreateOutput(path)
	if problem != "" {
		return problem
	}
	if _, err := f.Write(contents); err != nil {
		f.Abandon()
		return failure("cannot write", path, err)
	}
	return f.Commit()
}
