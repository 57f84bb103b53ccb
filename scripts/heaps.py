#!/usr/bin/env python3
"""Time against memory (`make heaps`): each level of the ladder (the
bottom, Cox's last step, the top) with every language's programs at
several heap sizes, into a results folder of its own.

First the heaps to size from: for each JVM program and collector (G1,
Parallel, ZGC; language.json's "heaps"), its time at the collector's
default heap, then its minimum heap by bisection (a trial completes within
--trial-factor times that time); for each Go program its peak live heap,
from one run under the smallest GOGC. Then every point, interleaved round
by round: the JVM programs at 1.5x to 6x their minimum heap and at the
default heap, per collector; the Go programs under GOGC 25 to 800 and
GOGC=off with GOMEMLIMIT at 1.5x to 3x their live heap; the C++ rungs under
glibc, jemalloc and tcmalloc; Rust with its allocator. Each run is measured
from outside (wall time, peak RSS) and its counts checked; a run that runs
out of memory or time did not complete, and is recorded so (and is not run
again in later rounds).

Writes results/<date>-<host>-heaps[-N]/ (--out names one, which must not
exist): heaps.md, heaps.csv, heaps.json, env.json and heaps-<level>.svg,
staged under a temporary name and renamed at the end. Exit status: 0
written; 1 a failure (a wrong count, a crash that is not a lack of memory,
nothing to run, the folder not writable); 2 a bad command line; 130
interrupted.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compare import (Progress, fresh_folder, lock_path,  # noqa: E402
                     positive_seconds, scale_argument, stamp)
from havlak_tools import (environment, files, heaps,  # noqa: E402
                         heaps_report, languages)
from havlak_tools.binaries import find_programs, program_path  # noqa: E402
from havlak_tools.runner import (RunError, default_timeout,  # noqa: E402
                                 gauge_description, run_rung)

SUITE_ROOT = environment.SUITE_ROOT
TRIAL_FACTOR = 4


def say(line):
    print(f"heaps: {line}", file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/heaps.py",
        description="Time against memory: every level's programs at "
                    "several heap sizes (make heaps).",
        epilog="Exit status: 0 written, 1 a failure, 2 a bad command line, "
               "130 interrupted.")
    parser.add_argument("--bin", default=os.path.join(SUITE_ROOT, "build",
                                                      "bin"),
                        help="the built programs (default build/bin)")
    parser.add_argument("--out", help="the results folder to write (must "
                        "not exist; default results/<date>-<host>-heaps)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of each point (default 3)")
    parser.add_argument("--levels", default=",".join(heaps.LEVELS),
                        help="comma-separated: bottom, cox, top (default "
                             "all three)")
    parser.add_argument("--programs", help="comma-separated: only these "
                        "programs of those levels")
    parser.add_argument("--scale", type=scale_argument,
                        help="a scaled workload instead of the canonical "
                             "one (for trying it out)")
    parser.add_argument("--trial-factor", type=positive_seconds,
                        default=TRIAL_FACTOR,
                        help="a trial of a heap size completes within this "
                             "many times the time at the default heap "
                             f"(default {TRIAL_FACTOR})")
    parser.add_argument("--rewrite", metavar="FOLDER",
                        help="write a heaps folder's tables and plots anew "
                             "from its heaps.json; measures nothing")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.levels = [level.strip() for level in args.levels.split(",")
                   if level.strip()]
    for level in args.levels:
        if level not in heaps.LEVELS:
            parser.error(f"unknown level {level!r}; the levels are "
                         + ", ".join(heaps.LEVELS))
    args.programs = ([p.strip() for p in args.programs.split(",")
                      if p.strip()] if args.programs else None)
    args.default_out = args.out is None
    if args.out is None:
        args.out = fresh_folder(os.path.join(SUITE_ROOT, "results"),
                                stamp() + "-heaps")
    return args


def command_of(args, point):
    command = [program_path(args.bin, point.program, point.setting
                            if languages.language_of(point.program)
                            == languages.CXX else "glibc"), "--json"]
    if args.scale is not None:
        command.append(f"--scale={args.scale!r}")
    return command


def env_of(point):
    language = languages.language_of(point.program)
    env = languages.environment(language, point.setting
                                if language == languages.CXX
                                else languages.default_setting(language))
    env.update(point.env)
    return env


def run_point(args, point, timeout):
    """One run of `point`: (run as heaps.json keeps it, its record or
    None). A run that fails for lack of memory or time (any failing exit
    status but a wrong count's: a JVM refuses to start in too small a heap
    with status 1) did not complete. A wrong count, a bad record or a
    record of another setting: RunError."""
    try:
        measurement = run_rung(command_of(args, point), None, timeout,
                               env_of(point))
    except RunError as error:
        if error.timed_out or (error.exit_status not in (None, 0) and
                               "wrong loop count" not in str(error)):
            return {"completed": False, "reason": str(error)}, None
        raise
    problems = heaps.check_point_record(point, measurement.record,
                                        args.scale)
    if problems:
        raise RunError(f"{point.program} ({point.runtime}): "
                       + "; ".join(problems))
    record = measurement.record
    return {"completed": True, "wall_seconds": measurement.wall_seconds,
            "user_seconds": measurement.user_seconds,
            "system_seconds": measurement.system_seconds,
            "peak_rss_kib": measurement.max_rss_kib,
            "finds_seconds": list(record.finds_seconds),
            **({"gc": record.gc} if record.gc else {})}, record


def minimum_heaps(args, programs):
    """[{program, collector, mib, trials, runtime, default_seconds}] of
    every "max_heap" program."""
    found = []
    for program in programs:
        rules = heaps.heap_rules(languages.language_of(program))
        if not rules or rules["kind"] != "max_heap":
            continue
        for point in heaps.points_of(program, all_defaults=True):
            collector = point.setting
            run, record = run_point(args, point, default_timeout(args.scale))
            if not run["completed"]:
                raise RunError(f"{program} under {collector} did not run at "
                               f"its default heap: {run['reason']}")
            limit = max(10.0, args.trial_factor * run["wall_seconds"])
            say(f"{program} {collector}: {run['wall_seconds']:.2f} s at the "
                f"default heap; trials of {limit:.0f} s at most")
            trials = []

            def completes(mib, point=point, limit=limit, trials=trials):
                flag = rules["max_heap"].format(mib=mib)
                trial = heaps.Point(
                    program, point.curve, flag,
                    {rules["variable"]: f"{point.env[rules['variable']]} "
                                        f"{flag}"},
                    setting=point.setting, runtime_has=flag)
                run, _ = run_point(args, trial, limit)
                say(f"{program} {point.setting} -Xmx {mib} MiB: "
                    + (f"{run['wall_seconds']:.2f} s" if run["completed"]
                       else "did not complete"))
                trials.append({"mib": mib, "completed": run["completed"],
                               "seconds": run.get("wall_seconds"),
                               "reason": run.get("reason", "")})
                return run["completed"]

            mib, _ = heaps.minimum_heap(completes)
            found.append({"program": program, "collector": collector,
                          "mib": mib, "trials": trials,
                          "runtime": record.allocator_version,
                          "default_seconds": run["wall_seconds"],
                          "trial_limit_seconds": limit})
    return found


def live_heaps(args, programs):
    """[{program, gogc, bytes, cycles, runtime}] of every "pacing" program,
    from one run under its smallest GOGC."""
    found = []
    for program in programs:
        rules = heaps.heap_rules(languages.language_of(program))
        if not rules or rules["kind"] != "pacing":
            continue
        gogc = min(rules["gogc"])
        point = next(p for p in heaps.points_of(program) if p.knob == gogc)
        run, record = run_point(args, point, default_timeout(args.scale))
        if not run["completed"]:
            raise RunError(f"{program} did not run under GOGC={gogc}: "
                           f"{run['reason']}")
        gc = record.gc or {}
        found.append({"program": program, "gogc": gogc,
                      "bytes": gc.get("peak_live_heap_bytes"),
                      "cycles": gc.get("cycles"),
                      "runtime": record.allocator_version})
        say(f"{program}: peak live heap "
            + (f"{gc['peak_live_heap_bytes'] / 2**20:.1f} MiB"
               if gc.get("peak_live_heap_bytes") else "not marked")
            + f" under GOGC={gogc}")
    return found


def plan(args):
    present = set(find_programs(args.bin))
    by_level = heaps.level_programs(present)
    chosen = {level: [p for p in by_level[level]
                      if args.programs is None or p in args.programs]
              for level in args.levels}
    return {level: programs for level, programs in chosen.items()
            if programs}


def measure(args, argv):
    levels = plan(args)
    if not levels:
        say(f"no programs of the levels {', '.join(args.levels)} in "
            f"{args.bin} (make build first); nothing measured")
        return 1
    try:
        files.check_writable(args.out)
    except OSError as error:
        say(f"cannot write the results folder {args.out}: {error}; nothing "
            "measured")
        return 1
    programs = [p for level in levels.values() for p in level]
    source = environment.source_state()
    before = environment.machine_sample()
    try:
        minimum = minimum_heaps(args, programs)
        live = live_heaps(args, programs)
        points = []
        for level, level_programs in levels.items():
            for program in level_programs:
                least = {entry["collector"]: entry["mib"] for entry in minimum
                         if entry["program"] == program}
                marked = next((entry["bytes"] for entry in live
                               if entry["program"] == program), None)
                for point in heaps.points_of(program, least, marked):
                    limit = next((entry["trial_limit_seconds"]
                                  for entry in minimum
                                  if entry["program"] == program
                                  and entry["collector"] == point.setting),
                                 default_timeout(args.scale))
                    points.append((level, point, limit, []))
        progress = Progress(len(points) * args.runs)
        records = []
        for round_number in range(1, args.runs + 1):
            for level, point, limit, runs in points:
                failed = next((r for r in runs if not r["completed"]), None)
                if failed:
                    # Out of memory or time once: not again (a point that
                    # thrashes would cost its whole limit every round).
                    runs.append({"completed": False, "round": round_number,
                                 "reason": "not run again: did not complete "
                                           f"in round {failed['round']}"})
                    progress.report(f"{point.program} {point.runtime} round "
                                    f"{round_number}: not run again", 0.0)
                    continue
                run, record = run_point(args, point, limit)
                run["round"] = round_number
                runs.append(run)
                if record is not None:
                    records.append(record)
                progress.report(f"{point.program} {point.runtime} run "
                                f"{round_number}/{args.runs}"
                                + ("" if run["completed"]
                                   else " (did not complete)"),
                                run.get("wall_seconds", 0.0))
    except RunError as error:
        say(f"FAILED: {error}; nothing written")
        return 1
    busy = environment.busy_report(before, environment.machine_sample())
    cxx = [r for r in records if languages.language_of(r.rung)
           == languages.CXX]
    versions = {r.allocator: r.allocator_version for r in cxx}
    env = environment.collect(["scripts/heaps.py"] + argv,
                              (cxx or records)[0], versions, source, busy)
    env["peak_memory_gauge"] = gauge_description()
    data = {"format": heaps.FORMAT, "environment": env,
            "config": {"runs": args.runs, "levels": list(levels),
                       "scale": args.scale, "precision": heaps.PRECISION,
                       "floor_mib": heaps.FLOOR_MIB,
                       "start_mib": heaps.START_MIB,
                       "trial_timeout_factor": args.trial_factor},
            "minimum_heaps": minimum, "live_heaps": live,
            "points": [dict(heaps.point_json(point), levels=[level],
                            runs=runs)
                       for level, point, _, runs in points]}
    return write_folder(args, data)


def write_folder(args, data):
    try:
        with files.StagedFolder(args.out) as staged:
            heaps_report.write(staged.path, data)
            files.write_json(os.path.join(staged.path, "env.json"),
                             data["environment"])
            staged.commit()
    except OSError as error:
        saved = files.save_raw(args.out, "heaps.json",
                               json.dumps(data, indent=2))
        say(f"cannot write {args.out} ({error}); the runs are saved in "
            f"{saved}/heaps.json (--rewrite {saved} writes the rest)")
        return 1
    print(heaps_report.markdown(data, data["config"]["levels"], False))
    if data["environment"].get("busy_warning"):
        say(f"WARNING: {data['environment']['busy_warning']}")
    say(f"written to {args.out}/ (heaps.md, heaps.csv, heaps.json, env.json, "
        "plots)")
    return 0


def rewrite(folder):
    try:
        data = heaps_report.load(os.path.join(folder, "heaps.json"))
        heaps_report.write(folder, data)
    except (OSError, heaps.HeapsError) as error:
        say(f"{error}")
        return 1
    say(f"rewrote {folder}")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.rewrite:
        return files.measure_exclusively(None, "", say,
                                         lambda: rewrite(args.rewrite))
    return files.measure_exclusively(
        lock_path(), "scripts/heaps.py " + " ".join(argv), say,
        lambda: measure(args, argv))


if __name__ == "__main__":
    sys.exit(main())
