"""Instructions and cache misses per block per loop finding, counted by
callgrind with its cache simulation: figures that do not move with machine
noise, and, for the misses, not with the machine either, since the
simulated caches are named here rather than read off the CPU. Where the
CPU's own counters can be read (`perf stat`), the same findings are
measured with them too, and every figure says which kind it is."""

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass

from . import languages, plots
from .files import write_json, write_text

# The simulated caches (size in bytes, ways, line bytes): a common x86
# first level (Intel since Sandy Bridge, AMD since Zen 2) and an 8 MiB last
# level, so that the same binary gives the same misses on any machine.
CACHES = {"I1": (32768, 8, 64), "D1": (32768, 8, 64),
          "LL": (8 * 1024 * 1024, 16, 64)}
# The findings the counts come from: a C++ rung's inside MeasuredFindings
# (bench/instructions.cc), a Rust program's inside measured_findings
# (languages/rust/havlak/src/counted.rs).
TOGGLES = ("*MeasuredFindings*", "*measured_findings*")
FINDINGS = 2
# perf's counters, measured by difference: the findings of a run with
# PERF_FINDINGS more than another, so that start-up and the graph cancel.
PERF_EVENTS = ("cycles", "instructions", "L1-dcache-load-misses",
               "LLC-load-misses")
PERF_FINDINGS = 10


class InstructionsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Counts:
    program: str
    blocks: int
    findings: int
    instructions: int
    d1_misses: int      # first-level data misses, reads and writes
    ll_misses: int      # last-level data misses, reads and writes

    def per_block(self, count):
        return count / (self.blocks * self.findings)


def cache_options():
    return [f"--{name}={size},{ways},{line}"
            for name, (size, ways, line) in CACHES.items()]


def describe_caches():
    def size(bytes_):
        return (f"{bytes_ >> 20} MiB" if bytes_ >= 1 << 20
                else f"{bytes_ >> 10} KiB")
    return ", ".join(f"{name} {size(total)} {ways}-way, {line}-byte lines"
                     for name, (total, ways, line) in CACHES.items())


def parse_callgrind(text):
    """{event: total} from a callgrind output file's events and summary."""
    events = re.search(r"^events: (.+)$", text, re.MULTILINE)
    totals = re.search(r"^(?:summary|totals): ([\d ]+)$", text, re.MULTILINE)
    if not events or not totals:
        raise InstructionsError("no events or totals in callgrind's output")
    names = events.group(1).split()
    values = [int(value) for value in totals.group(1).split()]
    # Trailing zeros may be left off.
    return {name: values[i] if i < len(values) else 0
            for i, name in enumerate(names)}


def _record(name, stdout):
    try:
        record = json.loads(stdout)
        return int(record["blocks"]), int(record["findings"])
    except (ValueError, KeyError, TypeError):
        raise InstructionsError(f"{name}: no record: {stdout[:300]!r}")


def count(name, command):
    """Runs `command` (which prints {"blocks", "findings", ...}) under
    callgrind with the cache simulation, collecting only inside the
    measured findings."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        try:
            result = subprocess.run(
                ["valgrind", "--tool=callgrind", "--collect-atstart=no",
                 *[f"--toggle-collect={toggle}" for toggle in TOGGLES],
                 "--cache-sim=yes", *cache_options(),
                 f"--callgrind-out-file={out}", *command],
                capture_output=True, text=True)
        except OSError as error:
            raise InstructionsError(f"no valgrind to count with: "
                                    f"{error.strerror}") from None
        if result.returncode != 0:
            raise InstructionsError(f"{name}: callgrind run failed: "
                                    f"{result.stderr.strip()[-300:]}")
        blocks, findings = _record(name, result.stdout)
        try:
            with open(out) as text:
                events = parse_callgrind(text.read())
        except (OSError, InstructionsError) as error:
            raise InstructionsError(f"{name}: {error}") from None
    try:
        counts = Counts(name, blocks, findings, events["Ir"],
                        events["D1mr"] + events["D1mw"],
                        events["DLmr"] + events["DLmw"])
    except KeyError as error:
        raise InstructionsError(f"{name}: callgrind counted no {error}"
                                " (no cache simulation?)") from None
    if counts.instructions == 0:
        # Collection never switched on: the function was inlined or renamed.
        raise InstructionsError(
            f"{name}: callgrind counted nothing inside "
            f"{' or '.join(TOGGLES)}")
    return counts


def _event_name(field):
    """perf's name for an event as asked for: `instructions:u` (user space
    only, where the kernel forbids more) and `cpu_core/instructions/u` (one
    PMU of a hybrid CPU) are `instructions`."""
    name = field.split(":")[0]
    if name.count("/") == 2:        # pmu/event/modifiers
        name = name.split("/")[1]
    return name


def parse_perf(text):
    """{event: count or None} from `perf stat -x,`, summed over a hybrid
    CPU's PMUs (None: not supported or counted by any)."""
    counts = {}
    for line in text.splitlines():
        fields = line.split(",")
        if len(fields) < 3 or _event_name(fields[2]) not in PERF_EVENTS:
            continue
        name = _event_name(fields[2])
        try:
            value = int(float(fields[0]))
        except ValueError:          # <not supported>, <not counted>
            counts.setdefault(name, None)
            continue
        counts[name] = (counts.get(name) or 0) + value
    return counts


def perf_available():
    """None if `perf stat` reads the CPU's counters here, else why not."""
    try:
        result = subprocess.run(["perf", "stat", "-x,", "-e", "instructions",
                                 "true"], capture_output=True, text=True)
    except OSError as error:
        return f"no perf ({error.strerror})"
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()
        return (f"`perf stat -e instructions true` failed: "
                f"{said[-1] if said else f'status {result.returncode}'}")
    if parse_perf(result.stderr).get("instructions") is None:
        return ("`perf stat -e instructions true` says the counters are "
                "not supported on this CPU")
    return None


def perf_per_block(name, command_for):
    """{event: count per block per finding} measured by perf, as the
    difference between a run of FINDINGS findings and one of FINDINGS +
    PERF_FINDINGS. `command_for(findings)` is the program's command."""
    measured = []
    for findings in (FINDINGS, FINDINGS + PERF_FINDINGS):
        result = subprocess.run(
            ["perf", "stat", "-x,", "-e", ",".join(PERF_EVENTS), "--",
             *command_for(findings)], capture_output=True, text=True)
        if result.returncode != 0:
            raise InstructionsError(f"{name}: perf stat failed: "
                                    f"{result.stderr.strip()[-300:]}")
        blocks, _ = _record(name, result.stdout)
        measured.append(parse_perf(result.stderr))
    return {event: (None if measured[0].get(event) is None
                    or measured[1].get(event) is None
                    else (measured[1][event] - measured[0][event])
                    / (blocks * PERF_FINDINGS))
            for event in PERF_EVENTS}


def _ratio(base, value):
    if not value:
        return "to none" if base else ""
    ratio = base / value
    return f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.2f}x"


def _misses(value, digits):
    """A count per block; an exact zero (the working set stayed in that
    cache) as "none"."""
    if value == 0:
        return "none"
    # A handful of misses in all the findings: too few for the digits.
    return f"{value:.1e}" if value < 10 ** -digits else f"{value:,.{digits}f}"


def table(rows):
    """The Markdown table of counts per block, each step against the row
    above it within the same ladder."""
    lines = ["| program | instructions | D1 misses | LL misses | "
             "instructions vs below | D1 misses vs below | "
             "LL misses vs below |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    below, ladder = None, None
    for row in rows:
        cells = [row.per_block(row.instructions), row.per_block(row.d1_misses),
                 row.per_block(row.ll_misses)]
        # A new language's ladder (rust-havlak1 after havlak16) starts afresh.
        same = languages.language_of(row.program) == ladder
        steps = ([_ratio(before, now) for before, now in zip(below, cells)]
                 if same else ["", "", ""])
        lines.append(f"| {row.program} | {cells[0]:,.0f} | "
                     f"{_misses(cells[1], 2)} | {_misses(cells[2], 3)} | "
                     + " | ".join(steps) + " |")
        below, ladder = cells, languages.language_of(row.program)
    return lines


def write(folder, programs, progress, perf=True):
    """Counts every (name, command_for) of `programs` and writes
    instructions.json, instructions.md and cache.svg into `folder`.
    `command_for(findings)` is the command that runs that many measured
    findings."""
    rows = []
    for name, command_for in programs:
        row = count(name, command_for(FINDINGS))
        rows.append(row)
        progress(f"{name}: {row.per_block(row.instructions):,.0f} "
                 f"instructions, {row.per_block(row.d1_misses):,.2f} D1 and "
                 f"{row.per_block(row.ll_misses):,.3f} LL misses per block")
    why_no_perf = perf_available() if perf else "not asked for (--no-perf)"
    measured = {}
    if why_no_perf is None:
        for name, command_for in programs:
            measured[name] = perf_per_block(name, command_for)
    write_json(os.path.join(folder, "instructions.json"), {
        "simulated": {"tool": "valgrind --tool=callgrind --cache-sim=yes",
                      "caches": {name: {"bytes": size, "ways": ways,
                                        "line_bytes": line}
                                 for name, (size, ways, line)
                                 in CACHES.items()},
                      "programs": [dict(vars(row), per_block={
                          "instructions": row.per_block(row.instructions),
                          "d1_misses": row.per_block(row.d1_misses),
                          "ll_misses": row.per_block(row.ll_misses)})
                          for row in rows]},
        "measured": {"tool": "perf stat", "events": list(PERF_EVENTS),
                     "per_block": measured} if measured
        else {"tool": "perf stat", "not_measured": why_no_perf}})
    write_text(os.path.join(folder, "instructions.md"),
               "\n".join(_markdown(rows, measured, why_no_perf)) + "\n")
    if plots.available():
        names = [row.program for row in rows]
        values = {}
        for row in rows:
            for group, value in (("D1 misses", row.d1_misses),
                                 ("LL misses", row.ll_misses)):
                if value:      # none: no bar on a log scale
                    values[(row.program, group)] = (row.per_block(value),) * 3
        plots.grouped_bars(
            os.path.join(folder, "cache.svg"),
            "Simulated data-cache misses per block per loop finding "
            "(callgrind; " + describe_caches() + "; no bar: none)",
            "misses per block (log scale)", names,
            ["D1 misses", "LL misses"], values, logscale=True)
    return rows


def _markdown(rows, measured, why_no_perf):
    first = rows[0]
    lines = [
        "# Instructions and cache misses per block per loop finding", "",
        "**Simulated**, by `valgrind --tool=callgrind --cache-sim=yes` "
        f"({describe_caches()}; `{' '.join(cache_options())}`): each C++ "
        "rung as `build/bin/havlak_instructions RUNG`, each Rust program as "
        "`build/bin/PROGRAM --count-findings=2`, collecting only inside "
        f"{first.findings} findings on the {first.blocks:,}-block "
        "Hundt-shaped graph, after one untimed finding. These counts do not "
        "vary with machine noise or with the CPU: the same binary and graph "
        "give the same figures anywhere. D1 misses are first-level data "
        "misses (reads and writes), LL misses last-level data misses "
        "(\"none\": the findings' data stayed in that cache); instruction "
        "fetches are left out. The plot is `cache.svg`.", ""]
    lines += table(rows)
    lines += ["", "**Measured** (the CPU's own counters, `perf stat`):"]
    if not measured:
        lines.append(f"not on this machine: {why_no_perf}.")
        return lines
    lines += ["each figure is the difference between a run of "
              f"{FINDINGS} findings and one of {FINDINGS + PERF_FINDINGS}, "
              f"per block per finding.", "",
              "| program | " + " | ".join(PERF_EVENTS) + " |",
              "| --- |" + " ---: |" * len(PERF_EVENTS)]
    for row in rows:
        cells = ["" if measured[row.program][event] is None
                 else f"{measured[row.program][event]:,.2f}"
                 for event in PERF_EVENTS]
        lines.append(f"| {row.program} | " + " | ".join(cells) + " |")
    return lines
