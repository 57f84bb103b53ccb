#!/usr/bin/env python3
"""Runs every rung of the ladder with every allocator on the canonical
workload, checks every run's loop counts, prints one table and writes the
results folder (`make variants`).

Runs are interleaved, round after round over every rung and allocator, so a
slow moment of a shared machine does not fall on one rung only. Each run is
measured from outside (wall time, user and system time and peak resident
memory from wait4) and reports its own phases. Allocations come from one
separate run of each rung's counting build, so the timed runs are not
disturbed. A wrong loop count, a crash or a malformed record stops the
comparison with an error, and nothing is written.

Writes into results/<date>-<host>/ (--out): results.md, results.csv,
results.json, env.json and the plots time.svg, memory.svg and phases.svg,
each under a temporary name first.
"""

import argparse
import datetime
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import environment, results  # noqa: E402
from havlak_tools.binaries import binary_path, find_rungs  # noqa: E402
from havlak_tools.runner import RunError, run_rung  # noqa: E402
from havlak_tools.table import format_terminal  # noqa: E402

ALLOCATORS = ("glibc", "jemalloc", "tcmalloc")
QUICK_SCALE = 0.1
QUICK_RUNS = 3


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--bin", default="build/bin",
                        help="where the rung binaries are (default build/bin)")
    parser.add_argument("--rungs",
                        help="comma-separated rungs (default: every havlakN "
                             "binary in --bin)")
    parser.add_argument("--allocators", default=",".join(ALLOCATORS),
                        help="comma-separated, of glibc, jemalloc, tcmalloc "
                             "(default: all three)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs per rung and allocator (default 5)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed runs first (default 1)")
    parser.add_argument("--scale", type=float,
                        help="a reduced workload, passed to the rungs "
                             "(default: the canonical one)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a fast look: --scale={QUICK_SCALE}, "
                             f"--runs={QUICK_RUNS}, results under build/")
    parser.add_argument("--out",
                        help="the results folder (default "
                             "results/<date>-<host>, or "
                             "build/results/<date>-<host>-quick)")
    parser.add_argument("--rewrite", metavar="FOLDER",
                        help="only rewrite FOLDER's tables and plots from "
                             "its results.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.scale = args.scale or QUICK_SCALE
        args.runs = QUICK_RUNS
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    args.allocators = args.allocators.split(",")
    for allocator in args.allocators:
        if allocator not in ALLOCATORS:
            parser.error(f"unknown allocator '{allocator}'")
    if args.rewrite:
        return args
    args.rungs = (args.rungs.split(",") if args.rungs
                  else find_rungs(args.bin))
    if not args.rungs:
        parser.error(f"no havlakN binaries in {args.bin}: build first")
    if args.out is None:
        stamp = (datetime.datetime.now(datetime.timezone.utc)
                 .strftime("%Y-%m-%d") + "-" + socket.gethostname())
        args.out = (os.path.join("build", "results", stamp + "-quick")
                    if args.quick else os.path.join("results", stamp))
    return args


class Progress:
    """One line on stderr per run, with an estimate of the time left."""

    def __init__(self, total):
        self.total = total
        self.done = 0
        self.start = time.monotonic()

    def report(self, label, seconds):
        self.done += 1
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        print(f"[{self.done}/{self.total}] {label}: {seconds:.2f} s"
              f"  (about {left / 60:.1f} min left)", file=sys.stderr,
              flush=True)


def rung_command(args, rung, allocator):
    command = [binary_path(args.bin, rung, allocator), "--json"]
    if args.scale is not None:
        command.append(f"--scale={args.scale:g}")
    return command


def run_matrix(args):
    """Returns {(rung, allocator): [Measurement, ...]} and the counting
    runs' {rung: counts}."""
    pairs = [(rung, allocator) for rung in args.rungs
             for allocator in args.allocators]
    for rung, allocator in pairs + [(rung, "counting") for rung in args.rungs]:
        binary = binary_path(args.bin, rung, allocator)
        if not os.access(binary, os.X_OK):
            raise RunError(f"no binary {binary}: build first")
    progress = Progress(len(pairs) * (args.warmup + args.runs)
                        + len(args.rungs))
    measurements = {pair: [] for pair in pairs}
    for round_number in range(args.warmup + args.runs):
        warmup = round_number < args.warmup
        for rung, allocator in pairs:
            measurement = run_rung(rung_command(args, rung, allocator))
            label = (f"{rung} {allocator} "
                     + ("warm-up" if warmup else
                        f"run {round_number - args.warmup + 1}/{args.runs}"))
            progress.report(label, measurement.wall_seconds)
            if not warmup:
                measurements[(rung, allocator)].append(measurement)
    allocations = {}
    for rung in args.rungs:
        measurement = run_rung(rung_command(args, rung, "counting"))
        progress.report(f"{rung} allocation count", measurement.wall_seconds)
        if measurement.record.allocations is None:
            raise RunError(f"{rung}-counting reported no allocations")
        allocations[rung] = measurement.record.allocations
    return measurements, allocations


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.rewrite:
        try:
            loaded = results.load(os.path.join(args.rewrite, "results.json"))
        except (OSError, results.ResultsError) as error:
            print(f"compare: {error}", file=sys.stderr)
            return 1
        results.write(args.rewrite, loaded)
        print(f"compare: rewrote {args.rewrite}", file=sys.stderr)
        return 0
    source = environment.source_state()
    try:
        measurements, allocations = run_matrix(args)
    except RunError as error:
        print(f"compare: FAILED: {error}; nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ncompare: interrupted; nothing written", file=sys.stderr)
        return 130
    versions = {allocator: runs[0].record.allocator_version
                for (_, allocator), runs in measurements.items()}
    config = {"rungs": args.rungs, "allocators": args.allocators,
              "runs": args.runs, "warmup": args.warmup, "scale": args.scale}
    some_record = next(iter(measurements.values()))[0].record
    built = results.build(
        environment.collect(["scripts/compare.py"] + argv, some_record,
                            versions, source),
        config, measurements, allocations)
    workload = ("canonical workload" if args.scale is None
                else f"--scale={args.scale:g}, not the canonical workload")
    print(f"\n{args.runs} runs per rung and allocator after {args.warmup} "
          f"warm-up ({workload}); wall time and peak resident memory of the "
          "whole process (wait4); allocations from one counting run\n")
    sys.stdout.write(format_terminal(results.rows(built)))
    results.write(args.out, built)
    print(f"\nresults written to {args.out}/ (results.md, results.csv, "
          "results.json, env.json, plots)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
