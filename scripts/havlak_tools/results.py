"""A comparison's results: built from the runs, written as results.json,
results.csv, results.md and SVG plots, and read back from results.json."""

import json
import os

from . import plots
from .files import remove_files, write_csv, write_json, write_text
from .records import PHASES
from .stats import Summary
from .table import comparison_rows, format_markdown

FORMAT = "havlak-results/1"
PHASE_TITLES = {
    "small_graph_loops": "small-graph loops",
    "cfg_construction": "CFG construction",
    "first_find": "first finding",
    "repeated_finds": "repeated findings",
    "nesting_levels": "nesting levels",
}


class ResultsError(ValueError):
    """A results.json that is not what the runner writes."""


def _summary_json(summary):
    return {"median": summary.median, "min": summary.minimum,
            "max": summary.maximum, "runs": summary.count}


def build(environment, config, measurements, allocations):
    """`measurements` maps (rung, allocator) to Measurements, in the order
    rung by rung; `allocations` maps rung to the counting run's counts."""
    runs = []
    for (rung, allocator), runs_of_pair in measurements.items():
        for index, measurement in enumerate(runs_of_pair, 1):
            record = measurement.record
            runs.append({
                "rung": rung, "allocator": allocator, "run": index,
                "wall_seconds": measurement.wall_seconds,
                "user_seconds": measurement.user_seconds,
                "system_seconds": measurement.system_seconds,
                "peak_rss_kib": measurement.max_rss_kib,
                "workload_seconds": record.wall_seconds,
                "phases_seconds": dict(record.phases),
                "loops": record.loops,
                "loops_total": record.loops_total,
            })
    return {"format": FORMAT, "environment": environment, "config": config,
            "allocations": allocations, "runs": runs}


def _require(mapping, key, kind, where):
    if not isinstance(mapping, dict) or key not in mapping:
        raise ResultsError(f"{where}: '{key}' is missing")
    value = mapping[key]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ResultsError(f"{where}: '{key}' is not a number")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ResultsError(f"{where}: '{key}' is not an integer")
    elif not isinstance(value, kind):
        raise ResultsError(f"{where}: '{key}' is not {kind.__name__}")
    return value


def load(path):
    """Reads and checks a results.json; raises ResultsError if it is
    truncated, malformed or missing a field."""
    try:
        with open(path) as text:
            results = json.load(text)
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path}: not JSON: {error}") from None
    if _require(results, "format", str, path) != FORMAT:
        raise ResultsError(f"{path}: format is not {FORMAT}")
    _require(results, "environment", dict, path)
    config = _require(results, "config", dict, path)
    rungs = _require(config, "rungs", list, "config")
    allocators = _require(config, "allocators", list, "config")
    allocations = _require(results, "allocations", dict, path)
    for rung in rungs:
        counts = _require(allocations, rung, dict, "allocations")
        for key in ("count", "bytes", "peak_live_bytes"):
            _require(counts, key, int, f"allocations.{rung}")
    seen = set()
    for index, run in enumerate(_require(results, "runs", list, path)):
        where = f"runs[{index}]"
        pair = (_require(run, "rung", str, where),
                _require(run, "allocator", str, where))
        seen.add(pair)
        for key in ("wall_seconds", "user_seconds", "system_seconds",
                    "workload_seconds"):
            _require(run, key, float, where)
        for key in ("run", "peak_rss_kib", "loops", "loops_total"):
            _require(run, key, int, where)
        phases = _require(run, "phases_seconds", dict, where)
        for phase in PHASES:
            _require(phases, phase, float, f"{where}.phases_seconds")
    for rung in rungs:
        for allocator in allocators:
            if (rung, allocator) not in seen:
                raise ResultsError(f"{path}: no runs of {rung} with "
                                   f"{allocator}")
    return results


def _runs_of(results, rung, allocator):
    return [run for run in results["runs"]
            if run["rung"] == rung and run["allocator"] == allocator]


def summaries(results):
    """{(rung, allocator): (wall Summary, peak MiB Summary)}"""
    config = results["config"]
    return {(rung, allocator): (
        Summary.of(run["wall_seconds"] for run in _runs_of(results, rung,
                                                           allocator)),
        Summary.of(run["peak_rss_kib"] / 1024 for run in _runs_of(
            results, rung, allocator)))
        for rung in config["rungs"] for allocator in config["allocators"]}


def rows(results):
    config = results["config"]
    return comparison_rows(summaries(results), config["rungs"],
                           config["allocators"], results["allocations"])


def phase_medians(results, rung, allocator):
    runs = _runs_of(results, rung, allocator)
    return {phase: Summary.of(run["phases_seconds"][phase]
                              for run in runs).median for phase in PHASES}


CSV_HEADER = (["rung", "allocator", "run", "wall_seconds", "user_seconds",
               "system_seconds", "peak_rss_kib", "workload_seconds"]
              + [f"{phase}_seconds" for phase in PHASES]
              + ["loops", "loops_total"])


def _csv_rows(results):
    for run in results["runs"]:
        yield ([run["rung"], run["allocator"], run["run"],
                run["wall_seconds"], run["user_seconds"],
                run["system_seconds"], run["peak_rss_kib"],
                run["workload_seconds"]]
               + [run["phases_seconds"][phase] for phase in PHASES]
               + [run["loops"], run["loops_total"]])


def _markdown(results, has_plots, bench_present):
    env = results["environment"]
    config = results["config"]
    rungs, allocators = config["rungs"], config["allocators"]
    if config["scale"] is None:
        workload = ("Every rung on the canonical workload (252,013 blocks; "
                    "15,000 small-graph findings, then 1 + 50 on the big "
                    "graph; `# of loops: 76002 (total 3800100)`)")
    else:
        workload = (f"**A reduced workload (--scale={config['scale']:g}), "
                    "not the canonical one: not for citing.** Every rung on "
                    "it")
    lines = [
        f"# Havlak ladder: results from {env.get('host')}, {env.get('date')}",
        "",
        f"{workload}, with each allocator: {config['runs']} runs per rung "
        f"and allocator after {config['warmup']} warm-up, interleaved round "
        "by round, every run's loop counts checked. Wall time and peak "
        "resident memory are of the whole process, measured from outside "
        "(`wait4`).",
        "",
    ]
    if env.get("busy_warning"):
        lines += [f"**Warning: {env['busy_warning']}.** (`env.json`, "
                  "`busy`, has the figures.)", ""]
    lines += [
        "## Machine and build",
        "",
        "| | |",
        "| --- | --- |",
    ]
    for key, label in (("cpu_model", "CPU"), ("cores", "cores"),
                       ("memory", "memory"), ("os", "OS"),
                       ("kernel", "kernel"), ("compiler", "compiler"),
                       ("build_flags", "flags"),
                       ("glibc", "glibc"), ("jemalloc", "jemalloc"),
                       ("tcmalloc", "tcmalloc (gperftools)"),
                       ("commit", "commit"), ("command", "command")):
        cell = f"`{env.get(key)}`"
        if (key == "commit" and env.get("uncommitted_files")
                and isinstance(env["uncommitted_files"], list)):
            cell += " (uncommitted changes to " + ", ".join(
                f"`{path}`" for path in env["uncommitted_files"]) + ")"
        lines.append(f"| {label} | {cell} |")
    lines += ["", "## Time and memory", "",
              "Medians; [min-max] is the range over the runs. Ratios are "
              f"against {rungs[0]} and against the rung below, with the same "
              "allocator: \"faster\" divides their time by this rung's, "
              "\"memory\" this rung's peak by theirs.", "",
              format_markdown(rows(results))]
    if has_plots:
        lines += ["![Wall time per rung and allocator](time.svg)", "",
                  "![Peak resident memory per rung and allocator]"
                  "(memory.svg)", ""]
    lines += ["## Best allocator per rung", "",
              "| rung | fastest | wall s | leanest | peak MiB |",
              "| --- | --- | ---: | --- | ---: |"]
    table = summaries(results)
    for rung in rungs:
        fastest = min(allocators, key=lambda a: table[(rung, a)][0].median)
        leanest = min(allocators, key=lambda a: table[(rung, a)][1].median)
        lines.append(f"| {rung} | {fastest} | "
                     f"{table[(rung, fastest)][0].median:.3f} | {leanest} | "
                     f"{table[(rung, leanest)][1].median:.1f} |")
    lines += ["", "## Allocations", "",
              "From one run of each rung's `-counting` build (glibc malloc "
              "under a counting `operator new`), apart from the timed runs. "
              "Counts, not timings: they do not vary from run to run.", "",
              "| rung | allocations | MiB asked for | peak live MiB |",
              "| --- | ---: | ---: | ---: |"]
    for rung in rungs:
        counts = results["allocations"][rung]
        lines.append(f"| {rung} | {counts['count']:,} | "
                     f"{counts['bytes'] / 2**20:,.1f} | "
                     f"{counts['peak_live_bytes'] / 2**20:,.1f} |")
    lines += ["", "## Phases", "",
              "Median seconds per phase, as each run timed itself.", "",
              "| rung | allocator | " + " | ".join(PHASE_TITLES[p]
                                                   for p in PHASES) + " |",
              "| --- | --- |" + " ---: |" * len(PHASES)]
    for rung in rungs:
        for allocator in allocators:
            medians = phase_medians(results, rung, allocator)
            lines.append(f"| {rung} | {allocator} | "
                         + " | ".join(f"{medians[p]:.3f}" for p in PHASES)
                         + " |")
    if has_plots:
        lines += ["", f"![Phase breakdown per rung ({allocators[0]})]"
                      "(phases.svg)"]
    if bench_present:
        lines += ["", "## Benchmarks", "",
                  "Google Benchmark's loop finding on graphs from 1,012 to "
                  "4,032,013 blocks: [bench.md](bench.md)."]
    commit = str(env.get("commit"))
    if all(c in "0123456789abcdef" for c in commit) and len(commit) >= 7:
        lines += ["", "## Reproduce", "",
                  f"    git checkout {commit}",
                  "    make variants", "",
                  "on a Debian 12 machine like the one above (see "
                  "`results/README.md`).", ""]
    else:
        lines += ["", "## Reproduce", "",
                  f"No commit to check out ({commit}): the suite these runs "
                  "came from cannot be named. Not for citing.", ""]
    return "\n".join(lines)


PLOTS = ("time.svg", "memory.svg", "phases.svg")


def write(folder, results):
    """Writes results.json, env.json, results.csv, the plots and results.md
    into `folder`, each file complete or not at all. Without gnuplot, plots
    already in `folder` are removed: they are of other data."""
    config = results["config"]
    rungs, allocators = config["rungs"], config["allocators"]
    write_json(os.path.join(folder, "results.json"), results)
    write_json(os.path.join(folder, "env.json"), results["environment"])
    write_csv(os.path.join(folder, "results.csv"), CSV_HEADER,
              _csv_rows(results))
    has_plots = plots.available()
    if not has_plots:
        remove_files(folder, PLOTS)
    if has_plots:
        table = summaries(results)
        plots.grouped_bars(
            os.path.join(folder, "time.svg"),
            "Wall time per rung (median, min-max)", "seconds (log scale)",
            rungs, allocators,
            {pair: (wall.median, wall.minimum, wall.maximum)
             for pair, (wall, _) in table.items()}, logscale=True)
        plots.grouped_bars(
            os.path.join(folder, "memory.svg"),
            "Peak resident memory per rung (median, min-max)", "MiB",
            rungs, allocators,
            {pair: (peak.median, peak.minimum, peak.maximum)
             for pair, (_, peak) in table.items()})
        plots.stacked_shares(
            os.path.join(folder, "phases.svg"),
            f"Where each rung's time goes ({allocators[0]}, medians)",
            rungs, [PHASE_TITLES[p] for p in PHASES],
            {(rung, PHASE_TITLES[p]): seconds
             for rung in rungs
             for p, seconds in phase_medians(results, rung,
                                             allocators[0]).items()})
    bench_present = os.path.exists(os.path.join(folder, "bench.md"))
    write_text(os.path.join(folder, "results.md"),
               _markdown(results, has_plots, bench_present))
