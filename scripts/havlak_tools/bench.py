"""Google Benchmark's JSON output for havlak_bench, read strictly, and the
summary written from it: bench.md and the scaling plot bench.svg."""

import json
import os
import re
import statistics
from dataclasses import dataclass

from . import plots
from .files import write_text

GO_PREFIX = "go-"
TIME_UNIT_NS = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
NAME = re.compile(r"(?P<family>[A-Za-z0-9_-]+)/(?P<operation>[A-Za-z0-9_]+)"
                  r"/(?P<blocks>\d+)$")


class BenchError(ValueError):
    """Output that is not what havlak_bench writes."""


@dataclass(frozen=True)
class BenchRun:
    family: str          # "havlak3"
    operation: str       # "FindLoops"
    blocks: int
    nanoseconds: float   # real time of one iteration
    allocations: float   # allocations_per_find counter, or None
    bytes: float         # bytes_per_find counter, or None
    edges: int = None        # cfg_file/Read only: the edges read
    file_bytes: int = None   # cfg_file/Read only: the file's size


def _number(entry, key, where):
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BenchError(f"{where}: '{key}' is missing or not a number")
    return value


def parse(text):
    """The per-iteration runs (aggregates skipped) of a havlak_bench JSON
    file; raises BenchError if it is truncated or malformed."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BenchError(f"not JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(
            document.get("benchmarks"), list):
        raise BenchError("no 'benchmarks' list")
    if not isinstance(document.get("context"), dict):
        raise BenchError("no 'context' object")
    runs = []
    for index, entry in enumerate(document["benchmarks"]):
        where = f"benchmarks[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"),
                                                         str):
            raise BenchError(f"{where}: no name")
        if entry.get("run_type") == "aggregate":
            continue
        if entry.get("error_occurred"):
            raise BenchError(f"{where}: {entry['name']} failed: "
                             f"{entry.get('error_message')}")
        match = NAME.match(entry.get("run_name", entry["name"]))
        if not match:
            raise BenchError(f"{where}: unexpected name '{entry['name']}'")
        unit = entry.get("time_unit")
        if unit not in TIME_UNIT_NS:
            raise BenchError(f"{where}: unknown time unit {unit!r}")
        blocks = int(match.group("blocks"))
        if _number(entry, "blocks", where) != blocks:
            raise BenchError(f"{where}: 'blocks' does not match the name")
        reading = match.group("operation") == "Read"
        runs.append(BenchRun(
            match.group("family"), match.group("operation"), blocks,
            _number(entry, "real_time", where) * TIME_UNIT_NS[unit],
            entry.get("allocations_per_find"), entry.get("bytes_per_find"),
            int(_number(entry, "edges", where)) if reading else None,
            int(_number(entry, "file_bytes", where)) if reading else None))
    if not runs:
        raise BenchError("no benchmark runs")
    return runs


def medians(runs):
    """{(family, operation, blocks): median nanoseconds} over repetitions."""
    grouped = {}
    for run in runs:
        grouped.setdefault((run.family, run.operation, run.blocks),
                           []).append(run.nanoseconds)
    return {key: statistics.median(values) for key, values in grouped.items()}


def families(runs, operation):
    """The families that ran `operation`: C++ rungs first, then the other
    languages' (go-havlakN), each in ladder order."""
    names = {run.family for run in runs if run.operation == operation}
    return sorted(names, key=lambda name: (GO_PREFIX in name[:3],
                                           re.sub(r"\d+$", "", name),
                                           int(re.search(r"\d*$", name)
                                               .group() or 0)))


def _per_block_table(times, rungs, operation, sizes):
    lines = ["| rung | " + " | ".join(f"{size:,}" for size in sizes) + " |",
             "| --- |" + " ---: |" * len(sizes)]
    for rung in rungs:
        cells = [f"{times[(rung, operation, size)] / size:.1f}"
                 if (rung, operation, size) in times else ""
                 for size in sizes]
        lines.append(f"| {rung} | " + " | ".join(cells) + " |")
    return lines


def _plot(folder, name, title, times, rungs, operation):
    plots.loglog_lines(
        os.path.join(folder, name), title, "blocks", "nanoseconds per block",
        {rung: sorted((blocks, seconds / blocks)
                      for (family, op, blocks), seconds in times.items()
                      if family == rung and op == operation)
         for rung in rungs},
        # One line style per language: C++ solid, Go dashed.
        dashed={rung for rung in rungs if rung.startswith(GO_PREFIX)})


def _reading_section(runs, times):
    reads = sorted({(run.family, run.blocks, run.edges, run.file_bytes)
                    for run in runs if run.operation == "Read"})
    if not reads:
        return []
    lines = ["", "## Reading a CFG file", "",
             "`cfg_file/Read/<blocks>`: the graph written once as a CFG file "
             "(the format of `havlak/cfg_file.h`), then read and parsed in "
             "one pass per iteration, from the page cache.", "",
             "| blocks | edges | file MB | seconds | million edges/s | MB/s |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for family, blocks, edges, file_bytes in reads:
        seconds = times[(family, "Read", blocks)] / 1e9
        lines.append(f"| {blocks:,} | {edges:,} | {file_bytes / 1e6:,.1f} | "
                     f"{seconds:.3f} | {edges / seconds / 1e6:.1f} | "
                     f"{file_bytes / seconds / 1e6:,.0f} |")
    return lines


def write_summary(folder, runs, command):
    """bench.md, bench.svg and bench-worst-case.svg next to bench.json."""
    times = medians(runs)
    rungs = families(runs, "FindLoops")
    sizes = sorted({run.blocks for run in runs if run.operation == "FindLoops"})
    worst_rungs = families(runs, "WorstCase")
    worst_sizes = sorted({run.blocks for run in runs
                          if run.operation == "WorstCase"})
    allocations = {(run.family, run.blocks): run.allocations for run in runs
                   if run.operation == "FindLoops"}
    has_plot = plots.available()
    if has_plot:
        _plot(folder, "bench.svg",
              "One loop finding on Hundt-shaped graphs: time per block",
              times, rungs, "FindLoops")
        if worst_rungs:
            _plot(folder, "bench-worst-case.svg",
                  "One loop finding on Ramalingam's worst case: time per block",
                  times, worst_rungs, "WorstCase")
    lines = ["# Benchmarks: one loop finding", "",
             f"`{command}`, JSON in [bench.json](bench.json). Each benchmark "
             "times `FindLoops` alone on a graph built beforehand, with the "
             "finder kept across iterations as the workload keeps it. "
             "Medians of the repetitions.", "",
             "## Hundt-shaped graphs", "",
             "`havlakN/FindLoops/<blocks>`: the workload's big graph with "
             "fewer or more loops. Nanoseconds per block:", ""]
    if has_plot:
        lines += ["![Time per block against blocks](bench.svg)", ""]
    lines += _per_block_table(times, rungs, "FindLoops", sizes)
    if any(rung.startswith(GO_PREFIX) for rung in rungs):
        lines += ["", "`go-havlakN/FindLoops/<blocks>` (dashed in the plot): "
                  "the Go rungs' `testing.B` benchmark "
                  "(`languages/go/havlak/bench.go`) on the same graphs, one finding "
                  "per iteration, the finder (and a reused loop graph) kept "
                  "across iterations; converted from `go test -bench "
                  "-benchmem` (`scripts/havlak_tools/gobench.py`). Their "
                  "allocations are Go heap objects per finding "
                  "(allocs/op), the C++ rungs' `operator new` calls."]
    floor_sizes = [size for size in sizes
                   if ("floor", "DFS", size) in times]
    cxx_rungs = [rung for rung in rungs if not rung.startswith(GO_PREFIX)]
    if floor_sizes and cxx_rungs:
        top = cxx_rungs[-1]
        lines += ["", "## How close to a plain depth-first search", "",
                  f"`floor/DFS/<blocks>` is a plain iterative depth-first "
                  f"search over {top}'s own graph, numbering blocks and "
                  "recording where each subtree ends: what every Havlak "
                  "finder does first. The ratio is "
                  f"{top}'s FindLoops time over it.", "",
                  "| blocks | floor ms | " + top + " ms | ratio |",
                  "| ---: | ---: | ---: | ---: |"]
        for size in floor_sizes:
            if (top, "FindLoops", size) not in times:
                continue
            floor = times[("floor", "DFS", size)]
            finding = times[(top, "FindLoops", size)]
            lines.append(f"| {size:,} | {floor / 1e6:.3f} | "
                         f"{finding / 1e6:.3f} | {finding / floor:.2f} |")
    if worst_rungs:
        lines += ["", "## Ramalingam's worst case", "",
                  "`havlakN/WorstCase/<blocks>`: k nested loops, each "
                  "entered past its header (`havlak/worst_case.h`), 3k + 2 "
                  "blocks. Nanoseconds per block: flat for an algorithm "
                  "linear in the graph, growing with the graph for a "
                  "quadratic one. Only the rungs with Ramalingam's fix run "
                  "the largest.", ""]
        if has_plot:
            lines += ["![Time per block on the worst case]"
                      "(bench-worst-case.svg)", ""]
        lines += _per_block_table(times, worst_rungs, "WorstCase",
                                  worst_sizes)
    lines += _reading_section(runs, times)
    lines += ["", "## Allocations per finding (steady state)", "",
              "| rung | " + " | ".join(f"{size:,}" for size in sizes) + " |",
              "| --- |" + " ---: |" * len(sizes)]
    for rung in rungs:
        cells = [f"{allocations[(rung, size)]:,.0f}"
                 if allocations.get((rung, size)) is not None else ""
                 for size in sizes]
        lines.append(f"| {rung} | " + " | ".join(cells) + " |")
    for name, title in (("instructions.md", "Instructions and cache misses per block"),
                        ("scaling.md", "Scaling to 10,000,000 blocks")):
        if os.path.exists(os.path.join(folder, name)):
            lines += ["", f"{title}: [{name}]({name})."]
    lines += ["", "Pair two rungs with Google Benchmark's compare.py "
              "(libbenchmark-tools):", "",
              "    /usr/bin/python3 /usr/share/benchmark/compare.py filters "
              "bench.json havlak1 havlak6", ""]
    write_text(os.path.join(folder, "bench.md"), "\n".join(lines))
