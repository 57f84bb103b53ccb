#!/usr/bin/env python3
"""Runs every rung of the ladder with every allocator on the canonical
workload, checks every run's loop counts, prints one table and writes the
results folder (`make variants`).

Every language in one run: the C++ rungs (havlakN) under glibc, jemalloc
and tcmalloc; the Go rungs (go-havlakN) under GOGC=100 and
GOGC=off+GOMEMLIMIT=1GiB; Rust (rust-havlak1, rust-top) with the system
allocator; Java and Scala (java-/scala- havlak1 and top) under the G1 and
Parallel collectors. --builds adds the C++ build axis (gcc-O2,
gcc-O3-native, gcc-lto, gcc-pgo, clang-O2, gcc-checked, or all): the
chosen C++ rungs (default the bottom, Cox's last step and the top rung, as
ladder.json names them), each built in a
tree of its own under build-flavours/, under glibc malloc unless
--allocators says otherwise.

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
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import (  # noqa: E402
    builds, environment, files, languages, measured, results, workload)
from havlak_tools.binaries import find_programs, program_path  # noqa: E402
from havlak_tools.runner import (  # noqa: E402
    Expectation, RunError, default_timeout, gauge_description, run_rung)
from havlak_tools.table import format_terminal  # noqa: E402

ALLOCATORS = ("glibc", "jemalloc", "tcmalloc")
QUICK_SCALE = 0.1
QUICK_RUNS = 3
# A program whose warm-up run takes longer is measured with fewer runs: as
# many as fit in LONG_SERIES_SECONDS (results.md says how many).
LONG_RUN_SECONDS = 60
LONG_SERIES_SECONDS = 300
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
                        help="comma-separated programs, of any language; "
                             "'top' is the top C++ rung (default: every "
                             "program in --bin; with --builds: "
                             f"{','.join(languages.BUILD_RUNGS)})")
    parser.add_argument("--allocators",
                        help="comma-separated, of glibc, jemalloc, tcmalloc: "
                             "the C++ rungs' (default: all three; glibc "
                             "with --builds)")
    parser.add_argument("--builds",
                        help="comma-separated builds, or all (every C++ "
                             "build, go-pgo and rust-tuned beside their "
                             "default toolchains): " + ", ".join(builds.ORDER))
    parser.add_argument("--toolchains",
                        help="the toolchain axis: comma-separated "
                             "toolchains (toolchains.json), or all; each "
                             "language's bottom, Cox's last step and top "
                             "under each")
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
    if args.builds is not None and args.toolchains is not None:
        parser.error("--builds and --toolchains are two runs: give one")
    try:
        if args.builds is not None:
            args.builds = builds.parse(args.builds)
        elif args.toolchains is not None:
            args.builds = builds.toolchain_axis(args.toolchains)
    except builds.BuildError as error:
        say(f"{error}")
        sys.exit(2)
    args.allocators = (args.allocators.split(",") if args.allocators
                       else ["glibc"] if args.builds else list(ALLOCATORS))
    for allocator in args.allocators:
        if allocator not in ALLOCATORS:
            parser.error(f"unknown allocator '{allocator}'")
    if args.rewrite:
        return args
    built = find_programs(args.bin)
    cxx_built = [rung for rung in built
                 if languages.language_of(rung) == languages.CXX]
    if args.rungs:
        wanted = args.rungs.split(",")
    elif args.builds:
        wanted = axis_programs(args.builds)
    else:
        wanted = built
    args.rungs = []
    for name in wanted:
        rung = languages.resolve_rung(name, cxx_built)
        if rung is None:
            parser.error(f"no C++ rung in {args.bin} to be '{name}': build "
                         "first")
        if args.builds and not any(
                builds.language_of(build) == languages.language_of(rung)
                for build in args.builds):
            parser.error(f"no build asked for is of {rung}'s language")
        if rung not in args.rungs:
            args.rungs.append(rung)
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


def axis_programs(names):
    """The programs a build or toolchain axis runs: of each language it
    builds, the bottom, Cox's last step and the top (ladder.json)."""
    ladder = languages.ladder()
    wanted = []
    for language in languages.LANGUAGE_ORDER:
        if not any(builds.language_of(name) == language for name in names):
            continue
        if language == languages.CXX:
            wanted += list(languages.BUILD_RUNGS)
            continue
        for rung in (ladder.bottom, ladder.cox_last, ladder.top):
            for program in ladder.counterparts_of(rung, language):
                if program not in wanted:
                    wanted.append(program)
    return wanted


def builds_of(args, rung):
    """The builds asked for that build `rung` ([None]: no build axis for
    its language), as results.md's series read them back."""
    return measured.builds_of({"builds": args.builds}, rung)


def entries(args):
    """(rung, build, setting) for every timed series, rung by rung: a C++
    rung under every build asked for (None: no build axis) and allocator;
    another language's program under each of its runtime settings."""
    result = []
    for rung in args.rungs:
        language = languages.language_of(rung)
        if language == languages.CXX:
            result += [(rung, build, allocator)
                       for build in builds_of(args, rung)
                       for allocator in args.allocators]
        elif builds_of(args, rung) != [None]:
            # On a build axis, the language's default runtime setting.
            result += [(rung, build, languages.default_setting(language))
                       for build in builds_of(args, rung)]
        else:
            result += [(rung, None, setting)
                       for setting in languages.settings(language)]
    return result


def bin_of(args, build):
    return (args.bin if build is None
            else builds.bin_dir(SUITE_ROOT, build, args.bin))


def rung_command(args, rung, allocator, build=None):
    command = [program_path(bin_of(args, build), rung, allocator), "--json"]
    if args.scale is not None:
        # repr: the shortest text that reads back as the same number, so
        # the rung runs exactly the workload the runner checks against.
        command.append(f"--scale={args.scale!r}")
    return command


def counted_rungs(args):
    """The rungs whose allocations come from a counting build (C++)."""
    return [rung for rung in args.rungs
            if languages.language_of(rung) == languages.CXX]


def check_binaries(args):
    needed = [(rung, build, setting) for rung, build, setting in entries(args)]
    needed += [(rung, None, "counting") for rung in counted_rungs(args)]
    for rung, build, setting in needed:
        binary = program_path(bin_of(args, build), rung, setting)
        if not os.access(binary, os.X_OK):
            raise RunError(f"no binary {binary}: build first")


def run_matrix(args):
    """Returns {(rung, build, setting): [Measurement, ...]} and {rung:
    allocation counts}: a C++ rung's from one run of its counting build
    (the default tree's), another language's from its first timed run under
    its default setting (its record always carries them)."""
    keys = entries(args)
    counted = counted_rungs(args)
    progress = Progress(len(keys) * (args.warmup + args.runs) + len(counted))

    def run(rung, build, setting):
        language = languages.language_of(rung)
        return run_rung(rung_command(args, rung, setting, build),
                        Expectation(rung, setting, args.scale, build=build),
                        args.timeout,
                        env=languages.environment(language, setting))

    measurements = {key: [] for key in keys}
    # A program whose run takes minutes (CPython's bottom) gets fewer runs,
    # as many as fit in LONG_SERIES_SECONDS, at least one; its warm-up is
    # its first, as a warm file cache is nothing against minutes of CPU.
    runs = {key: args.runs for key in keys}
    for round_number in range(args.warmup + args.runs):
        warmup = round_number < args.warmup
        for key in keys:
            rung, build, setting = key
            done = len(measurements[key])
            if done >= runs[key] or (warmup and runs[key] < args.runs):
                continue
            measurement = run(*key)
            seconds = measurement.wall_seconds
            if warmup and seconds > LONG_RUN_SECONDS:
                runs[key] = max(1, min(args.runs,
                                       int(LONG_SERIES_SECONDS // seconds)))
                progress.total -= args.warmup + args.runs - runs[key]
                warmup = False
            label = (f"{rung}{f' [{build}]' if build else ''} {setting} "
                     + ("warm-up" if warmup else
                        f"run {done + 1}/{runs[key]}"))
            progress.report(label, seconds)
            if not warmup:
                measurements[key].append(measurement)
            warmup = round_number < args.warmup
    allocations = {}
    for rung in args.rungs:
        if rung in counted:
            measurement = run(rung, None, "counting")
            progress.report(f"{rung} allocation count",
                            measurement.wall_seconds)
            allocations[rung] = measurement.record.allocations
        else:
            language = languages.language_of(rung)
            first = measurements[(rung, builds_of(args, rung)[0],
                                  languages.default_setting(language))][0]
            allocations[rung] = first.record.allocations
    return measurements, allocations


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
        if args.builds:
            builds.prepare(SUITE_ROOT, args.builds, args.rungs, args.scale,
                           say=say)
        check_binaries(args)
        files.check_writable(args.out)
    except builds.BuildError as error:
        say(f"FAILED: {error}; nothing measured")
        return 1
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
                for (rung, _, allocator), runs in measurements.items()
                if languages.language_of(rung) == languages.CXX}
    config = {"rungs": args.rungs, "allocators": args.allocators,
              "builds": args.builds,
              "axis": ("toolchains" if args.toolchains is not None
                       else "builds" if args.builds else None),
              "settings": {language: list(languages.settings(language))
                           for language in languages.LANGUAGE_ORDER
                           if any(languages.language_of(rung) == language
                                  for rung in args.rungs)},
              "runs": args.runs, "warmup": args.warmup, "scale": args.scale}
    cxx_records = [runs[0].record for (rung, build, _), runs
                   in measurements.items()
                   if languages.language_of(rung) == languages.CXX
                   and build in (None, builds.DEFAULT)]
    some_record = (cxx_records or [next(iter(measurements.values()))[0]
                                   .record])[0]
    env = environment.collect(["scripts/compare.py"] + argv, some_record,
                              versions, source, busy)
    env.update(environment.languages(measurements))
    env["peak_memory_gauge"] = gauge_description()
    if args.builds:
        env["builds"] = {
            name: builds.describe(name, next(
                (runs[0].record for (_, build, _), runs
                 in measurements.items() if build == name), None))
            for name in args.builds}
    built = results.build(env, config, measurements, allocations)
    # The runs go to disk before anything else, the terminal included.
    try:
        folder, failure = write_folder(args, built), None
    except OSError as error:
        folder, failure = None, error
    except Exception:
        # A defect in the writers: the runs are saved before it is raised.
        saved = files.save_raw(args.out, "results.json",
                               json.dumps(built, indent=2) + "\n")
        say(f"writing {args.out} failed; the runs are saved in "
            f"{saved}/results.json")
        raise
    workload_text = ("canonical workload" if args.scale is None
                     else f"--scale={args.scale:g}, not the canonical "
                          "workload")
    print(f"\n{args.runs} runs per program and runtime setting after "
          f"{args.warmup} warm-up ({workload_text}); wall time and peak "
          "resident memory of the whole process (wait4); allocations: C++ "
          "from one counting run, the other languages from their own "
          "records (results.md says what each counts)\n")
    sys.stdout.write(format_terminal(results.rows(built)))
    for title, text in results.terminal_extras(built):
        print(f"\n{title}\n")
        sys.stdout.write(text)
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
    if args.rewrite:
        # Rewriting a folder measures nothing: no lock.
        return files.measure_exclusively(None, "", say,
                                         lambda: rewrite(args.rewrite))
    return files.measure_exclusively(
        lock_path(), "scripts/compare.py " + " ".join(argv), say,
        lambda: measure_and_write(args, argv))


if __name__ == "__main__":
    sys.exit(main())
