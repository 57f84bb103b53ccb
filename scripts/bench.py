#!/usr/bin/env python3
"""Runs the Google Benchmark binary (`make bench`): one loop finding of every
rung on Hundt-shaped graphs of 1,012 to 4,032,013 blocks (the top rung and a
plain depth-first search to 10,080,013). Writes bench.json, bench.md and the
plot bench.svg into the results folder, the JSON checked before it is kept;
then instructions and simulated cache misses per block for every C++ rung
and Rust program (instructions.md and cache.svg, with callgrind's cache
simulation; the CPU's own counters beside them where `perf stat` reads
them) and the top rung's scaling to 10,000,000 blocks (scaling.md).
--counts-only writes the counts alone: the simulated ones need no quiet
machine (perf's, where there are any, do; --no-perf leaves them out).

The Go rungs built beside them (go-havlakN) run their testing.B counterpart
(languages/go/havlak/bench.go: BenchmarkFindLoops/<blocks>, the same graphs, the same
repetitions, `go test -bench -benchmem -json`, raw output in go-bench.json),
converted to Google Benchmark's format as go-havlakN/FindLoops/<blocks> and
merged into the same bench.json, bench.md and plot.

Writes a new folder results/<date>-<host>/ (then -2, -3, ...), or adds its
files to an existing results folder (--out) that has none of them yet: never
a file replaced. The folder is checked to be writable before the benchmark
starts, and everything is written under a temporary name first and moved
into place at the end; if that fails, bench.json is saved and the one line
on stderr says where. Ctrl-C leaves nothing. One measurement at a time per
checkout (the lock `make variants` takes too)."""

import argparse
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import (  # noqa: E402
    bench, environment, files, gobench, instructions, scaling, toolchains)
from havlak_tools.records import RecordError, parse_run_record  # noqa: E402
from havlak_tools.binaries import (  # noqa: E402
    binary_path, find_programs, find_rungs)
from havlak_tools.runner import RunError, wait_measured  # noqa: E402
from compare import (  # noqa: E402
    SUITE_ROOT, fresh_folder, lock_path, positive_seconds, stamp)

# What this script writes into a results folder.
OUTPUTS = ("bench.json", "go-bench.json", "bench.md", "bench.svg", "bench-worst-case.svg",
           "instructions.json", "instructions.md", "cache.svg", "scaling.json",
           "scaling.md")
RUST_PREFIX = "rust-"
# havlak_bench took 39 minutes here; four hours means it hangs.
BENCH_TIMEOUT = 4 * 3600


def say(line):
    print(f"bench: {line}", file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--bin", default=os.path.join(SUITE_ROOT, "build",
                                                      "bin"),
                        help="where havlak_bench and the rungs are")
    parser.add_argument("--out", help="the results folder: a new one, or an "
                                      "existing one without bench files "
                                      "(default: a new results/<date>-"
                                      "<host>[-N] in the suite)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--filter", default=".",
                        help="--benchmark_filter (default: all)")
    parser.add_argument("--go-rungs", default=None,
                        help="comma-separated Go rungs to benchmark "
                             "(default: every go-havlakN built with a "
                             "BenchmarkFindLoops; 'none' for none)")
    parser.add_argument("--go-bench", default="^BenchmarkFindLoops$",
                        help="go test -bench pattern (default all sizes; "
                             "e.g. 'FindLoops/^1012$')")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip the callgrind instruction and cache counts")
    parser.add_argument("--counts-only", action="store_true",
                        help="only the instruction and cache counts: no "
                             "benchmark, no scaling")
    parser.add_argument("--no-perf", action="store_true",
                        help="no perf stat counts even where the CPU's "
                             "counters can be read")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the 10,000,000-block scaling runs")
    parser.add_argument("--timeout", type=positive_seconds,
                        default=BENCH_TIMEOUT,
                        help="seconds havlak_bench may take before it is "
                             f"killed (default {BENCH_TIMEOUT})")
    args = parser.parse_args(argv)
    args.argv = list(argv)
    if args.counts_only and args.no_instructions:
        parser.error("--counts-only and --no-instructions leave nothing to do")
    args.binary = os.path.join(args.bin, "havlak_bench")
    args.rungs = find_rungs(args.bin)
    needed = ([] if args.counts_only else [args.binary]) + (
        [] if args.no_instructions
        else [os.path.join(args.bin, "havlak_instructions")])
    missing = [path for path in needed if not os.access(path, os.X_OK)]
    if not args.rungs or missing:
        parser.error(f"no {os.path.basename(missing[0]) if missing else 'rungs'}"
                     f" in {args.bin}: build first")
    if args.counts_only:
        args.go_rungs = []
    elif args.go_rungs is None:
        args.go_rungs = [name for name in find_programs(args.bin)
                         if name.startswith("go-havlak")]
    elif args.go_rungs == "none":
        args.go_rungs = []
    else:
        args.go_rungs = args.go_rungs.split(",")
        missing = [name for name in args.go_rungs
                   if not name.startswith("go-havlak")
                   or not gobench.packages(SUITE_ROOT, [name])]
        if missing:
            parser.error(f"--go-rungs: no Go rung benchmark for "
                         f"{missing[0]} (languages/go/variants/havlakN/*_test.go)")
    args.go_packages = gobench.packages(SUITE_ROOT, args.go_rungs)
    args.go = None
    if args.go_packages:
        go = toolchains.locate(toolchains.registry().default("go"))
        if go.missing:
            parser.error(f"the Go rungs' benchmarks need {go.name}, which "
                         f"cannot be had here: {go.missing}; or --go-rungs "
                         "none")
        args.go = go.paths["go"]
    if args.out is None:
        args.out = fresh_folder(os.path.join(SUITE_ROOT, "results"), stamp())
    elif os.path.lexists(args.out):
        if not os.path.isdir(args.out):
            parser.error(f"--out {args.out} exists and is not a folder")
        present = [name for name in OUTPUTS
                   if os.path.lexists(os.path.join(args.out, name))]
        if present:
            parser.error(f"--out {args.out} already holds {present[0]}; "
                         "results are never overwritten: name a new folder")
    return args


def measure(args, folder):
    """Runs everything into `folder` (the staged one); returns 0 or 1."""
    command = [args.binary, f"--benchmark_filter={args.filter}",
               f"--benchmark_repetitions={args.repetitions}",
               "--benchmark_display_aggregates_only=true",
               f"--benchmark_out={os.path.join(folder, 'bench.json')}",
               "--benchmark_out_format=json"]
    try:
        status, _, _ = wait_measured(command, args.timeout,
                                     stdin=subprocess.DEVNULL)
        if status != 0:
            say(f"havlak_bench exited with status {status}; nothing written")
            return 1
        with open(os.path.join(folder, "bench.json")) as text:
            runs = bench.parse(text.read())
    except (RunError, bench.BenchError, OSError) as error:
        say(f"FAILED: {error}; nothing written")
        return 1
    try:
        if args.go_packages:
            go_benchmarks(args, folder)
            with open(os.path.join(folder, "bench.json")) as text:
                runs = bench.parse(text.read())
    except (RunError, bench.BenchError, gobench.GoBenchError,
            OSError) as error:
        # havlak_bench's own output is kept, as below.
        return keep_bench_json(args, folder, error)
    args.runs = runs
    try:
        if not args.no_instructions:
            count(args, folder)
        if not args.no_scaling:
            say(f"scaling {args.rungs[-1]} to 10,000,000 blocks")
            scaling.write(folder, binary_path(args.bin, args.rungs[-1]),
                          args.rungs[-1], say)
    except (instructions.InstructionsError, RunError) as error:
        return keep_bench_json(args, folder, error)
    shown = " ".join(["build/bin/havlak_bench"] + command[1:-2]
                     + ["--benchmark_out=bench.json",
                        "--benchmark_out_format=json"])
    if args.go_packages:
        shown += "`, then `(cd go && " + shlex.join(
            gobench.command(args.go_packages, args.repetitions,
                            args.go_bench, args.go)) + " > go-bench.json)"
    bench.write_summary(folder, runs, shown)
    return 0


def counted_programs(args):
    """(name, command_for(findings)) of every C++ rung and Rust program."""
    counter = os.path.join(args.bin, "havlak_instructions")
    programs = [(rung, lambda findings, rung=rung: [counter, rung,
                                                    str(findings)])
                for rung in args.rungs]
    programs += [(name, lambda findings, name=name: [
                     binary_path(args.bin, name),
                     f"--count-findings={findings}"])
                 for name in find_programs(args.bin)
                 if name.startswith(RUST_PREFIX)]
    return programs


def count(args, folder):
    """Counts every C++ rung and Rust program; returns what it counted."""
    say("counting instructions and cache misses with callgrind")
    programs = counted_programs(args)
    instructions.write(folder, programs, say, perf=not args.no_perf)
    return programs


def record_of(command):
    """The JSON record of a short run of a program (its compiler and
    flags, for env.json)."""
    result = subprocess.run(command + ["--scale=0.01", "--json"],
                            capture_output=True, text=True, timeout=300,
                            stdin=subprocess.DEVNULL)
    try:
        return parse_run_record(result.stdout)
    except RecordError as error:
        raise instructions.InstructionsError(
            f"{os.path.basename(command[0])}: no record ({error})") from None


def measure_counts(args, folder):
    """--counts-only: the counts alone, and env.json saying what counted
    them and what built the programs; returns 0 or 1."""
    args.runs = []
    source = environment.source_state()
    try:
        programs = count(args, folder)
        top = record_of([binary_path(args.bin, args.rungs[-1])])
        env = environment.collect(["scripts/bench.py"] + args.argv, top,
                                  {"glibc": top.allocator_version}, source)
        env["valgrind"] = subprocess.run(
            ["valgrind", "--version"], capture_output=True,
            text=True).stdout.strip()
        env["compilers"] = {name: record_of(command(1)[:1]).compiler
                            for name, command in programs
                            if name.startswith(RUST_PREFIX)}
        env["compilers"][args.rungs[-1]] = top.compiler
        # A comparison's folder keeps its own.
        if not os.path.lexists(os.path.join(args.out, "env.json")):
            files.write_json(os.path.join(folder, "env.json"), env)
    except (instructions.InstructionsError, OSError,
            subprocess.SubprocessError) as error:
        say(f"FAILED: {error}; nothing written")
        return 1
    return 0


def keep_bench_json(args, folder, error):
    """The benchmark itself took most of the time: keep its output; 1."""
    try:
        with open(os.path.join(folder, "bench.json")) as text:
            saved = files.save_raw(args.out, "bench.json", text.read())
    except OSError:
        say(f"FAILED: {error}; nothing written")
    else:
        say(f"FAILED: {error}; the benchmark's output is saved in "
            f"{saved}/bench.json, nothing else written")
    return 1


def go_benchmarks(args, folder):
    """Runs the Go rungs' benchmarks into go-bench.json and merges them into
    bench.json; raises GoBenchError, RunError or OSError."""
    build = os.path.dirname(os.path.abspath(args.bin))
    environment = dict(os.environ, GOCACHE=os.path.join(build, "go-cache"),
                       GOPATH=os.path.join(build, "go-path"), GOPROXY="off",
                       GOFLAGS="-mod=mod", GO111MODULE="on",
                       GOTOOLCHAIN="local")
    command = gobench.command(args.go_packages, args.repetitions,
                              args.go_bench, args.go)
    say(f"Go rungs: {shlex.join(command)}")
    raw = os.path.join(folder, "go-bench.json")
    with open(raw, "w") as output:
        status, _, _ = wait_measured(
            command, args.timeout, stdin=subprocess.DEVNULL, stdout=output,
            cwd=os.path.join(SUITE_ROOT, gobench.GO_DIR), env=environment)
    with open(raw) as text:
        go_text = text.read()
    if status != 0:
        raise gobench.GoBenchError(f"go test exited with status {status}")
    runs = gobench.parse(go_text)
    path = os.path.join(folder, "bench.json")
    with open(path) as text:
        merged = gobench.merge(text.read(), runs, shlex.join(command))
    files.write_text(path, merged)


def run(args):
    try:
        files.check_writable(args.out)
    except OSError as error:
        say(f"cannot write the results folder {args.out}: {error}; nothing "
            "measured")
        return 1
    with files.StagedFolder(args.out, merge=True) as staged:
        try:
            status = (measure_counts if args.counts_only else measure)(
                args, staged.path)
            if status != 0:
                return status
            staged.commit()
        except OSError as error:
            raw = os.path.join(staged.path, "bench.json")
            try:
                with open(raw) as text:
                    saved = files.save_raw(args.out, "bench.json", text.read())
            except OSError:
                say(f"cannot write {args.out} ({error}); nothing written")
                return 1
            say(f"cannot write {args.out} ({error}); the benchmark's output "
                f"is saved in {saved}/bench.json")
            return 1
    say(("counts" if args.counts_only else f"{len(args.runs)} runs")
        + f" written to {args.out}: "
        + ", ".join(name for name in OUTPUTS + ("env.json",)
                    if os.path.exists(os.path.join(args.out, name))))
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    return files.measure_exclusively(lock_path(), "scripts/bench.py", say,
                                     lambda: run(args))


if __name__ == "__main__":
    sys.exit(main())
