#!/usr/bin/env python3
"""Runs every rung of the ladder on the canonical workload, several times,
checks every run's loop counts, and prints one table: median wall time
[min-max], peak resident memory, and ratios to havlak1 and to the rung below.

Runs are interleaved (round after round over every rung) so that a slow
moment of a shared machine does not fall on one rung only. A wrong loop
count, a crash or a bad record stops the comparison with an error.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools.binaries import binary_path, find_rungs  # noqa: E402
from havlak_tools.runner import RunError, run_rung  # noqa: E402
from havlak_tools.stats import Summary  # noqa: E402
from havlak_tools.table import comparison_rows, format_terminal  # noqa: E402

ALLOCATORS = ("glibc", "jemalloc", "tcmalloc")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="build/bin",
                        help="where the rung binaries are (default build/bin)")
    parser.add_argument("--rungs", default=None,
                        help="comma-separated rungs (default: every havlakN "
                             "binary in --bin)")
    parser.add_argument("--allocators", default="glibc",
                        help="comma-separated, of glibc, jemalloc, tcmalloc "
                             "(default glibc)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs per rung and allocator (default 5)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed runs first (default 1)")
    parser.add_argument("--scale", default=None,
                        help="passed to the rungs (default: canonical)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    args.allocators = args.allocators.split(",")
    for allocator in args.allocators:
        if allocator not in ALLOCATORS:
            parser.error(f"unknown allocator '{allocator}'")
    if args.rungs is None:
        args.rungs = find_rungs(args.bin)
        if not args.rungs:
            parser.error(f"no havlakN binaries in {args.bin}: build first")
    else:
        args.rungs = args.rungs.split(",")
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


def run_matrix(args):
    """Returns {(rung, allocator): [Measurement, ...]}."""
    extra = ["--json"] + ([f"--scale={args.scale}"] if args.scale else [])
    pairs = [(rung, allocator) for rung in args.rungs
             for allocator in args.allocators]
    for rung, allocator in pairs:
        binary = binary_path(args.bin, rung, allocator)
        if not os.access(binary, os.X_OK):
            raise RunError(f"no binary {binary}: build first")
    progress = Progress(len(pairs) * (args.warmup + args.runs))
    measurements = {pair: [] for pair in pairs}
    for round_number in range(args.warmup + args.runs):
        warmup = round_number < args.warmup
        for rung, allocator in pairs:
            binary = binary_path(args.bin, rung, allocator)
            measurement = run_rung([binary] + extra)
            label = (f"{rung} {allocator} "
                     + ("warm-up" if warmup else
                        f"run {round_number - args.warmup + 1}/{args.runs}"))
            progress.report(label, measurement.wall_seconds)
            if not warmup:
                measurements[(rung, allocator)].append(measurement)
    return measurements


def summarize(measurements):
    return {pair: (Summary.of(m.wall_seconds for m in runs),
                   Summary.of(m.max_rss_kib / 1024 for m in runs))
            for pair, runs in measurements.items()}


def main(argv=None):
    args = parse_args(argv)
    try:
        measurements = run_matrix(args)
    except RunError as error:
        print(f"compare: FAILED: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ncompare: interrupted; nothing written", file=sys.stderr)
        return 130
    rows = comparison_rows(summarize(measurements), args.rungs,
                           args.allocators)
    print(f"\n{args.runs} runs per rung after {args.warmup} warm-up; "
          "wall time and peak resident memory of the whole process "
          "(wait4)\n")
    sys.stdout.write(format_terminal(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
