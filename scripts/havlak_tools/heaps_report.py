"""A heaps set (make heaps) read back and written out: heaps.json checked,
heaps.md (minimum heaps, the headline, each level's points), heaps.csv
(one row per run) and a time-memory plot per level."""

import os

from . import plots
from .environment import busy_warning
from .files import read_json, remove_files, write_csv, write_json, \
    write_text
from .heaps import FORMAT, LEVEL_TITLES, LEVELS, HeapsError
from .stats import Summary, ratio
from .table import markdown_table

CSV_HEADER = ["level", "program", "curve", "runtime", "default", "round",
              "completed", "reason", "wall_seconds", "user_seconds",
              "system_seconds", "peak_rss_kib"]


def load(path):
    """A heaps.json, checked enough that writing it out cannot fail
    half-way; raises HeapsError naming what is wrong."""
    data = read_json(path, HeapsError)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HeapsError(f"{path}: not a {FORMAT} file")
    for key, kind in (("environment", dict), ("config", dict),
                      ("minimum_heaps", list), ("live_heaps", list),
                      ("points", list)):
        if not isinstance(data.get(key), kind):
            raise HeapsError(f"{path}: '{key}' is missing or not a "
                             f"{kind.__name__}")
    for index, point in enumerate(data["points"]):
        where = f"{path}: points[{index}]"
        for key in ("program", "curve", "runtime", "levels", "runs"):
            if key not in point:
                raise HeapsError(f"{where}: '{key}' is missing")
        for run in point["runs"]:
            if run.get("completed") and not all(
                    isinstance(run.get(key), (int, float)) and not
                    isinstance(run.get(key), bool)
                    for key in ("wall_seconds", "peak_rss_kib")):
                raise HeapsError(f"{where}: a completed run without its "
                                 "wall time and peak memory")
    return data


def completed(point):
    return [run for run in point["runs"] if run.get("completed")]


def summaries(point):
    """(wall Summary, peak MiB Summary) of the completed runs, by round;
    None when none completed."""
    runs = completed(point)
    if not runs:
        return None
    return (Summary.of(run["wall_seconds"] for run in runs),
            Summary.of(run["peak_rss_kib"] / 1024 for run in runs))


def _cxx_reference(points, level):
    """The level's C++ rung under its default allocator."""
    for point in points:
        if level in point["levels"] and point["default"] and \
                point["program"] == point["curve"] and \
                point["setting"] == "glibc":
            return point
    return None


def _cell(summary, digits=3):
    return (f"{summary.median:.{digits}f} [{summary.minimum:.{digits}f}-"
            f"{summary.maximum:.{digits}f}]")


def _against(point, reference):
    mine, theirs = summaries(point), summaries(reference) if reference \
        else None
    if mine is None or theirs is None:
        return "", ""
    return (ratio(mine[0], theirs[0]).text(),
            ratio(mine[1], theirs[1]).text())


def level_table(data, level):
    points = [point for point in data["points"] if level in point["levels"]]
    reference = _cxx_reference(data["points"], level)
    runs = data["config"]["runs"]
    body = []
    for point in points:
        made = summaries(point)
        done = len(completed(point))
        status = (f"{done} of {len(point['runs'])}" if done == len(
            point["runs"]) else f"{done} of {len(point['runs'])}: "
            + next(run.get("reason", "") for run in point["runs"]
                   if not run.get("completed")))
        runtime = point["runtime"] + (" (default)" if point["default"]
                                      else "")
        if made is None:
            body.append([point["program"], runtime, status, "did not "
                         "complete", "", "", ""])
            continue
        time_ratio, memory_ratio = _against(point, reference)
        body.append([point["program"], runtime, status, _cell(made[0]),
                     f"{made[1].median:.1f}", time_ratio, memory_ratio])
    return (["program", "runtime setting", "completed runs",
             f"wall s, median [min-max] of {runs}", "peak RSS MiB",
             "time vs C++", "memory vs C++"], body)


def headline(data):
    """For each level and garbage-collected program: its default point and
    its point at twice its minimum (live) heap, each against the level's
    C++ rung under glibc."""
    body = []
    for level in LEVELS:
        reference = _cxx_reference(data["points"], level)
        if reference is None or summaries(reference) is None:
            continue
        wall, memory = summaries(reference)
        by_program = {}
        for point in data["points"]:
            if level in point["levels"] and (point["default"]
                                             or point["at_2x"]) and \
                    point["program"] != reference["program"] and \
                    point.get("kind") in ("max_heap", "pacing"):
                by_program.setdefault(point["program"], []).append(point)
        for program, points in by_program.items():
            # Default first, then the 2x point of the default collector's
            # curve (the JVM's G1), then the others'.
            default_curve = next((q["curve"] for q in points
                                  if q["default"]), None)
            points.sort(key=lambda p: (not p["default"],
                                       p["curve"] != default_curve,
                                       p["curve"]))
            for point in points:
                made = summaries(point)
                which = ("default" if point["default"]
                         else "2x minimum heap" if point.get("kind") ==
                         "max_heap" else "2x live heap")
                if made is None:
                    body.append([LEVEL_TITLES[level], program, which,
                                 point["runtime"], "did not complete", "",
                                 "", ""])
                    continue
                time_ratio, memory_ratio = _against(point, reference)
                body.append([LEVEL_TITLES[level], program, which,
                             point["runtime"],
                             f"{made[0].median:.3f}, {made[1].median:.1f}",
                             f"{wall.median:.3f}, {memory.median:.1f}",
                             time_ratio, memory_ratio])
    return (["level", "program", "point", "runtime setting",
             "s, MiB", "C++ s, MiB", "time vs C++", "memory vs C++"], body)


def minimum_table(data):
    body = []
    for entry in data["minimum_heaps"]:
        trials = entry["trials"]
        failed = [t["mib"] for t in trials if not t["completed"]]
        body.append([entry["program"], entry["collector"],
                     f"{entry['mib']}" if entry["mib"] is not None
                     else "none up to 16 GiB",
                     f"{max(failed)}" if failed else "",
                     f"{len(trials)}", entry.get("runtime", "")])
    return (["program", "collector", "minimum heap MiB (-Xmx)",
             "largest that did not complete", "trials", "runtime"], body)


def live_table(data):
    body = [[entry["program"], f"GOGC={entry['gogc']}",
             f"{entry['bytes'] / 2**20:.1f}" if entry["bytes"] else
             "not marked", f"{entry['cycles']}", entry.get("runtime", "")]
            for entry in data["live_heaps"]]
    return (["program", "measured under", "peak live heap MiB (marked)",
             "GC cycles", "runtime"], body)


def _csv_rows(data):
    for point in data["points"]:
        for run in point["runs"]:
            yield [",".join(point["levels"]), point["program"],
                   point["curve"], point["runtime"], point["default"],
                   run["round"], bool(run.get("completed")),
                   run.get("reason", ""), run.get("wall_seconds", ""),
                   run.get("user_seconds", ""),
                   run.get("system_seconds", ""),
                   run.get("peak_rss_kib", "")]


def plot_level(path, data, level):
    """Peak RSS across, wall time up: a line per curve (a collector or a
    GOGC sweep), a mark per point (an allocator), circles on the defaults."""
    curves, defaults = {}, []
    for point in data["points"]:
        if level not in point["levels"]:
            continue
        made = summaries(point)
        if made is None:
            continue
        xy = (made[1].median, made[0].median)
        # An allocator is a point of its own, not a curve.
        name = point["curve"] if point.get("kind") in (
            "max_heap", "pacing") else f"{point['program']} {point['runtime']}"
        curves.setdefault(name, []).append((point.get("knob"), xy))
        if point["default"]:
            defaults.append(xy)
    series = {}
    for name, entries in curves.items():
        # Along the knob (heap multiple, GOGC); the default heap last.
        entries.sort(key=lambda e: (e[0] is None, e[0] or 0))
        series[name] = [xy for _, xy in entries]
    plots.time_memory(path, f"Time against memory: {LEVEL_TITLES[level]}",
                      series, defaults)


def write(folder, data, has_plots=None):
    """Writes heaps.json, heaps.csv, heaps.md and the plots into `folder`
    (which the caller stages)."""
    has_plots = plots.available() if has_plots is None else has_plots
    write_json(os.path.join(folder, "heaps.json"), data)
    write_csv(os.path.join(folder, "heaps.csv"), CSV_HEADER,
              _csv_rows(data))
    levels = [level for level in LEVELS
              if any(level in p["levels"] for p in data["points"])]
    names = [f"heaps-{level}.svg" for level in levels]
    remove_files(folder, names)
    if has_plots:
        for level, name in zip(levels, names):
            plot_level(os.path.join(folder, name), data, level)
    write_text(os.path.join(folder, "heaps.md"),
               markdown(data, levels, has_plots))


def markdown(data, levels, has_plots):
    env, config = data["environment"], data["config"]
    machine = f"{env.get('cpu_model', '')} ({env.get('cores', '?')} cores)"
    lines = ["# Time against memory", "",
             f"`{env.get('command', 'scripts/heaps.py')}` on "
             f"{machine or 'this machine'}, {env.get('date', '')}: "
             f"{config['runs']} runs of each point, interleaved round by "
             "round, "
             + ("the canonical workload" if config.get("scale") is None
                else f"--scale={config['scale']:g}, not the canonical "
                     "workload")
             + "; wall time and peak resident memory of the whole process "
             "(wait4), every completed run's loop counts checked. A point "
             "that ran out of memory or time did not complete, and says "
             "so.", ""]
    warning = busy_warning(env)
    if warning:
        lines += [f"**Warning: {warning}.**", ""]
    lines += [
        "## Minimum heaps", "",
        "The smallest maximum heap (`-Xmx`, MiB) at which the program ran "
        "the workload with the right counts, within "
        f"{config['trial_timeout_factor']:g} times its time at the "
        "collector's default heap: doubling from "
        f"{config['start_mib']} MiB, then bisection to within "
        f"{config['precision'] * 100:g}% or {config['floor_mib']} MiB "
        "(`scripts/havlak_tools/heaps.py`, one run a trial).", "",
        markdown_table(*minimum_table(data), left=2), "",
        "Go has no maximum heap; its analogue is the largest live heap "
        "its collector marked (runtime/metrics' `/gc/heap/live:bytes`, in "
        "the record's `gc.peak_live_heap_bytes`), under the smallest GOGC, "
        "where it collects most often:", "",
        markdown_table(*live_table(data), left=2), "",
        "## Headline: default and twice the minimum heap", "",
        "Each garbage-collected program at two points, against the "
        "level's C++ rung under glibc malloc: its **default** (what a "
        "user gets without setting anything: the JVM's G1 with the heap "
        "it sizes from this machine's memory, Go's GOGC=100) and **twice "
        "its minimum heap** (the JVM: `-Xmx` at 2x the minimum above, per "
        "collector; Go: GOGC=off with GOMEMLIMIT at 2x its live heap), "
        "the point at which garbage-collection research compares "
        "runtimes. Ratios: median against median, above 1 slower or "
        "bigger, with 95% intervals (`~1`: no measurable difference).", "",
        markdown_table(*headline(data), left=4), ""]
    for level in levels:
        lines += [f"## {LEVEL_TITLES[level].capitalize()}", ""]
        if has_plots:
            lines += [f"![Time against memory, {LEVEL_TITLES[level]}]"
                      f"(heaps-{level}.svg)", ""]
        lines += [markdown_table(*level_table(data, level), left=3), ""]
    return "\n".join(lines)
