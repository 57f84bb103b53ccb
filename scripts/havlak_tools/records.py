"""The JSON record a rung binary prints with --json, read strictly: a missing
or mistyped field is an error, never a silent zero."""

import json
import math
import os
import re
from dataclasses import dataclass

# The workload's phases, from the list the C++ rungs are compiled with.
PHASES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           os.pardir, os.pardir, "havlak", "phases.inc")
_PHASE_LINE = re.compile(
    r'^HAVLAK_PHASE\(\s*(\w+)\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"\s*\)\s*$')


def read_phases(path=PHASES_FILE):
    """((key, title), ...) in the order the phases run, from havlak/phases.inc:
    every line not a comment or blank must be one HAVLAK_PHASE entry."""
    phases = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            match = _PHASE_LINE.match(line)
            if not match:
                raise ValueError(f"{path}:{number}: not a HAVLAK_PHASE line")
            phases.append((match.group(2), match.group(3)))
    if not phases:
        raise ValueError(f"{path}: no phases")
    return tuple(phases)


_PHASES = read_phases()
PHASES = tuple(key for key, _ in _PHASES)          # for machines: record keys
PHASE_TITLES = dict(_PHASES)                       # for people


class RecordError(ValueError):
    """A record that is not what a rung binary prints."""


def _field(record, key, kind, where="record"):
    if not isinstance(record, dict):
        raise RecordError(f"{where}: expected an object")
    if key not in record:
        raise RecordError(f"{where}: field '{key}' is missing")
    value = record[key]
    # bool is an int in Python; a count must not be true or false.
    if kind is int and isinstance(value, bool):
        raise RecordError(f"{where}: field '{key}' is not an integer")
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RecordError(f"{where}: field '{key}' is not a number")
        if not math.isfinite(value) or value < 0:
            raise RecordError(f"{where}: field '{key}' is {value}")
        return float(value)
    if not isinstance(value, kind):
        raise RecordError(f"{where}: field '{key}' is not {kind.__name__}")
    return value


@dataclass(frozen=True)
class RunRecord:
    """What one run of a rung reported about itself."""
    rung: str
    allocator: str
    allocator_version: str
    compiler: str
    build_flags: str
    canonical: bool
    scale: float
    trees: int
    loops_per_tree: int
    small_graph_finds: int
    big_graph_finds: int
    blocks: int
    reuse_loop_graph: bool
    loops: int
    loops_total: int
    small_graph_loops: int
    root_nesting_level: int
    loop_counts_right: bool
    loop_count_problems: tuple
    phases: dict          # phase -> wall seconds
    wall_seconds: float   # the workload, as the rung timed it
    peak_rss_kib: int     # as the rung read it (getrusage)
    allocations: dict     # count, bytes, peak_live_bytes; or None
    language: str = "c++"  # the C++ rungs' records name none
    # Each repeated finding's wall seconds, in order (the steady state).
    finds_seconds: tuple = ()
    # A collector's own figures where the runtime gives them (Go: the
    # largest live heap it marked, its cycles); None elsewhere.
    gc: dict = None


def parse_run_record(text):
    """Parses one record; raises RecordError naming what is wrong."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"not JSON: {error}") from None
    workload = _field(record, "workload", dict)
    phases_object = _field(record, "phases", dict)
    phases = {}
    for phase in PHASES:
        entry = _field(phases_object, phase, dict, "phases")
        phases[phase] = _field(entry, "wall_seconds", float, f"phases.{phase}")
    finds_seconds = _finds_seconds(record, workload, phases_object)
    gc = record.get("gc")
    if gc is not None:
        gc = {"peak_live_heap_bytes": (
                  None if _field(gc, "peak_live_heap_bytes", object, "gc")
                  is None else _field(gc, "peak_live_heap_bytes", int, "gc")),
              "cycles": _field(gc, "cycles", int, "gc")}
    allocations = record.get("allocations", "missing")
    if allocations == "missing":
        raise RecordError("record: field 'allocations' is missing")
    if allocations is not None:
        # The JVM counts bytes, not objects: its count is null.
        count = (None if isinstance(allocations, dict)
                 and allocations.get("count", 0) is None
                 else _field(allocations, "count", int, "allocations"))
        allocations = {"count": count, **{
            key: _field(allocations, key, int, "allocations")
            for key in ("bytes", "peak_live_bytes")}}
    language = record.get("language", "c++")
    if not isinstance(language, str) or not language:
        raise RecordError("record: field 'language' is not a name")
    problems = _field(record, "loop_count_problems", list)
    return RunRecord(
        rung=_field(record, "rung", str),
        allocator=_field(record, "allocator", str),
        allocator_version=_field(record, "allocator_version", str),
        compiler=_field(record, "compiler", str),
        build_flags=_field(record, "build_flags", str),
        canonical=_field(workload, "canonical", bool, "workload"),
        scale=_field(workload, "scale", float, "workload"),
        trees=_field(workload, "trees", int, "workload"),
        loops_per_tree=_field(workload, "loops_per_tree", int, "workload"),
        small_graph_finds=_field(workload, "small_graph_finds", int,
                                 "workload"),
        big_graph_finds=_field(workload, "big_graph_finds", int, "workload"),
        blocks=_field(workload, "blocks", int, "workload"),
        reuse_loop_graph=_field(record, "reuse_loop_graph", bool),
        loops=_field(record, "loops", int),
        loops_total=_field(record, "loops_total", int),
        small_graph_loops=_field(record, "small_graph_loops", int),
        root_nesting_level=_field(record, "root_nesting_level", int),
        loop_counts_right=_field(record, "loop_counts_right", bool),
        loop_count_problems=tuple(str(problem) for problem in problems),
        phases=phases,
        wall_seconds=_field(record, "wall_seconds", float),
        peak_rss_kib=_field(record, "peak_rss_kib", int),
        allocations=allocations,
        language=language,
        finds_seconds=finds_seconds,
        gc=gc,
    )


def _finds_seconds(record, workload, phases_object):
    """The repeated findings' own times: one number each, as many as the
    workload has, but none in a run stopped after its first finding."""
    entry = phases_object["repeated_finds"]
    where = "phases.repeated_finds"
    if record.get("stopped_after_first_find") is True:
        return ()
    each = _field(entry, "each_seconds", list, where)
    finds = _field(workload, "big_graph_finds", int, "workload")
    if len(each) != finds:
        raise RecordError(f"{where}: {len(each)} each_seconds for "
                          f"{finds} findings")
    return tuple(_field({"each_seconds": value}, "each_seconds", float,
                        f"{where}.each_seconds[{index}]")
                 for index, value in enumerate(each))
