// pprof and the converters that bring other runtimes' profiles to it, built
// from the Go module proxy at the versions pinned here (go.sum): a pprof of
// 2026, whose demangler reads Rust's symbols as well as C++'s, and its own
// profile package for topprof.
module havlak/tools/pprof

go 1.26.0

tool github.com/google/pprof

require github.com/google/pprof v0.0.0-20261105003125-4bf881d7fb0b

require (
	github.com/chzyer/readline v1.5.1 // indirect
	github.com/ianlancetaylor/demangle v0.0.0-20250417193237-f615e6bd150b // indirect
	golang.org/x/sys v0.32.0 // indirect
)
