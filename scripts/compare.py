#!/usr/bin/env python3
"""Runs every rung of the ladder with every allocator on the canonical
workload, checks every run's loop counts, prints one table and writes the
results folder (`make variants`).

Runs are interleaved, round after round over every rung and allocator, so a
slow moment of a shared machine does not fall on one rung only. Each run is
measured from outside (wall time, user and system time and peak resident
memory from wait4) and reports its own phases. Allocations come from one
separate run of each rung's counting build, so the timed runs are not
disturbed. Every record is checked against what was asked for (rung,
allocator, workload) and its loop counts against the answer this runner
derives itself; a wrong count, a crash, a malformed or mismatched record or a
run longer than --timeout stops the comparison with an error, and nothing is
written.

Writes a new folder, results/<date>-<host>/ (then -2, -3, ...; --out names
one, which must not exist): results.md, results.csv, results.json, env.json
and the plots time.svg, memory.svg and phases.svg. The folder is checked to
be writable before the first run, written whole under a temporary name and
renamed at the end; if that fails, the raw runs are saved and the one line
on stderr says where. One measurement at a time per checkout (a lock in
build/); a machine busy with other work during the runs is a warning on the
terminal, in results.md and in env.json.
"""

import argparse
import datetime
import json
import math
import os
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import environment, files, results, workload  # noqa: E402
from havlak_tools.binaries import binary_path, find_rungs  # noqa: E402
from havlak_tools.runner import (  # noqa: E402
    Expectation, RunError, default_timeout, run_rung)
from havlak_tools.table import format_terminal  # noqa: E402

ALLOCATORS = ("glibc", "jemalloc", "tcmalloc")
QUICK_SCALE = 0.1
QUICK_RUNS = 3
SUITE_ROOT = environment.SUITE_ROOT


def lock_path():
    """The lock every measurement in this checkout takes (HAVLAK_LOCK_FILE
    moves it, for the tests)."""
    return os.environ.get("HAVLAK_LOCK_FILE") or os.path.join(
        SUITE_ROOT, "build", "measure.lock")


def stamp():
    host = "".join(c if c.isalnum() or c in "._-" else "_"
                   for c in socket.gethostname()) or "host"
    return (datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d") + "-" + host)


def fresh_folder(parent, name):
    """parent/name, or parent/name-2, -3, ...: the first that does not exist."""
    candidate, number = os.path.join(parent, name), 1
    while os.path.lexists(candidate):
        number += 1
        candidate = os.path.join(parent, f"{name}-{number}")
    return candidate


def scale_argument(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not (math.isfinite(value)
            and workload.MIN_SCALE <= value <= workload.MAX_SCALE):
        raise argparse.ArgumentTypeError(
            f"{text} is outside the rungs' range {workload.MIN_SCALE:g} to "
            f"{workload.MAX_SCALE:g}")
    return value


def positive_seconds(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"{text} is not a positive number "
                                         "of seconds")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--bin", default=os.path.join(SUITE_ROOT, "build",
                                                      "bin"),
                        help="where the rung binaries are (default the "
                             "suite's build/bin)")
    parser.add_argument("--rungs",
                        help="comma-separated rungs (default: every havlakN "
                             "binary in --bin)")
    parser.add_argument("--allocators", default=",".join(ALLOCATORS),
                        help="comma-separated, of glibc, jemalloc, tcmalloc "
                             "(default: all three)")
    parser.add_argument("--runs", type=int,
                        help=f"timed runs per rung and allocator (default 5; "
                             f"{QUICK_RUNS} with --quick)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed runs first (default 1)")
    parser.add_argument("--scale", type=scale_argument,
                        help="a reduced (or larger) workload, passed to the "
                             f"rungs: {workload.MIN_SCALE:g} to "
                             f"{workload.MAX_SCALE:g} (default: the "
                             f"canonical one; {QUICK_SCALE:g} with --quick)")
    parser.add_argument("--timeout", type=positive_seconds,
                        help="seconds one run may take before it is killed "
                             "and the comparison stops (default "
                             f"{default_timeout():.0f}, times --scale when "
                             "larger than 1)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a fast look: --scale={QUICK_SCALE} and "
                             f"--runs={QUICK_RUNS} unless given, results "
                             "under build/results/")
    parser.add_argument("--out",
                        help="the results folder, which must not exist "
                             "(default: a new results/<date>-<host>[-N] "
                             "in the suite, or build/results/"
                             "<date>-<host>-quick[-N])")
    parser.add_argument("--rewrite", metavar="FOLDER",
                        help="only rewrite FOLDER's tables and plots from "
                             "its results.json")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = QUICK_RUNS if args.quick else 5
    if args.quick and args.scale is None:
        args.scale = QUICK_SCALE
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if args.timeout is None:
        args.timeout = default_timeout(args.scale)
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
    args.default_out = args.out is None
    if args.out is None:
        args.out = (fresh_folder(os.path.join(SUITE_ROOT, "build", "results"),
                                 stamp() + "-quick")
                    if args.quick else
                    fresh_folder(os.path.join(SUITE_ROOT, "results"), stamp()))
    elif os.path.lexists(args.out):
        parser.error(f"--out {args.out} exists; results are never "
                     "overwritten: name a new folder (or leave --out out "
                     "for a fresh one)")
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
        # repr: the shortest text that reads back as the same number, so
        # the rung runs exactly the workload the runner checks against.
        command.append(f"--scale={args.scale!r}")
    return command


def check_binaries(args):
    for rung in args.rungs:
        for allocator in list(args.allocators) + ["counting"]:
            binary = binary_path(args.bin, rung, allocator)
            if not os.access(binary, os.X_OK):
                raise RunError(f"no binary {binary}: build first")


def run_matrix(args):
    """Returns {(rung, allocator): [Measurement, ...]} and the counting
    runs' {rung: counts}."""
    pairs = [(rung, allocator) for rung in args.rungs
             for allocator in args.allocators]
    progress = Progress(len(pairs) * (args.warmup + args.runs)
                        + len(args.rungs))

    def run(rung, allocator):
        return run_rung(rung_command(args, rung, allocator),
                        Expectation(rung, allocator, args.scale),
                        args.timeout)

    measurements = {pair: [] for pair in pairs}
    for round_number in range(args.warmup + args.runs):
        warmup = round_number < args.warmup
        for rung, allocator in pairs:
            measurement = run(rung, allocator)
            label = (f"{rung} {allocator} "
                     + ("warm-up" if warmup else
                        f"run {round_number - args.warmup + 1}/{args.runs}"))
            progress.report(label, measurement.wall_seconds)
            if not warmup:
                measurements[(rung, allocator)].append(measurement)
    allocations = {}
    for rung in args.rungs:
        measurement = run(rung, "counting")
        progress.report(f"{rung} allocation count", measurement.wall_seconds)
        allocations[rung] = measurement.record.allocations
    return measurements, allocations


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def say(line):
    print(f"compare: {line}", file=sys.stderr, flush=True)


def rewrite(folder):
    try:
        loaded = results.load(os.path.join(folder, "results.json"))
        results.write(folder, loaded)
    except (OSError, results.ResultsError) as error:
        say(f"{error}")
        return 1
    say(f"rewrote {folder}")
    return 0


def write_folder(args, built):
    """Writes the results folder whole, under a temporary name renamed at
    the end. Returns the folder written; raises OSError."""
    with files.StagedFolder(args.out) as staged:
        results.write(staged.path, built)
        while True:
            try:
                staged.commit()
                return staged.target
            except FileExistsError:
                if not args.default_out:
                    raise
                # Taken while we measured: the next free name.
                staged.target = fresh_folder(*os.path.split(staged.target))


def measure_and_write(args, argv):
    try:
        check_binaries(args)
        files.check_writable(args.out)
    except RunError as error:
        say(f"FAILED: {error}; nothing measured")
        return 1
    except OSError as error:
        say(f"cannot write the results folder {args.out}: {error}; nothing "
            "measured")
        return 1
    source = environment.source_state()
    before = environment.machine_sample()
    try:
        measurements, allocations = run_matrix(args)
    except RunError as error:
        say(f"FAILED: {error}; nothing written")
        return 1
    busy = environment.busy_report(before, environment.machine_sample())
    versions = {allocator: runs[0].record.allocator_version
                for (_, allocator), runs in measurements.items()}
    config = {"rungs": args.rungs, "allocators": args.allocators,
              "runs": args.runs, "warmup": args.warmup, "scale": args.scale}
    some_record = next(iter(measurements.values()))[0].record
    built = results.build(
        environment.collect(["scripts/compare.py"] + argv, some_record,
                            versions, source, busy),
        config, measurements, allocations)
    # The runs go to disk before anything else, the terminal included.
    try:
        folder, failure = write_folder(args, built), None
    except OSError as error:
        folder, failure = None, error
    workload_text = ("canonical workload" if args.scale is None
                     else f"--scale={args.scale:g}, not the canonical "
                          "workload")
    print(f"\n{args.runs} runs per rung and allocator after {args.warmup} "
          f"warm-up ({workload_text}); wall time and peak resident memory "
          "of the whole process (wait4); allocations from one counting run\n")
    sys.stdout.write(format_terminal(results.rows(built)))
    if busy["warning"]:
        print(f"\nWARNING: {busy['warning']}.")
        say(f"WARNING: {busy['warning']}")
    if failure is not None:
        try:
            saved = files.save_raw(args.out, "results.json",
                                   json.dumps(built, indent=2) + "\n")
        except OSError as second:
            say(f"cannot write {args.out} ({failure}) nor save the runs "
                f"anywhere ({second}); nothing written")
            return 1
        say(f"cannot write {args.out} ({failure}); the runs are saved in "
            f"{saved}/results.json (`python3 scripts/compare.py --rewrite "
            f"{saved}` writes the tables and plots there)")
        return 1
    print(f"\nresults written to {folder}/ (results.md, results.csv, "
          "results.json, env.json, plots)")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.rewrite:
            return rewrite(args.rewrite)
        with files.MeasurementLock(lock_path(), "scripts/compare.py "
                                   + " ".join(argv)):
            return measure_and_write(args, argv)
    except files.LockedError as error:
        say(f"{error}")
        return 1
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        say("interrupted; nothing written")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
