"""The comparison table: one row per program and runtime setting (and C++
build), with ratios to the bottom of its own ladder and to the rung below,
both under the same language, build and setting, each with its 95%
confidence interval (stats.ratio)."""

from dataclasses import dataclass

from .stats import Ratio, ratio


@dataclass(frozen=True)
class Row:
    rung: str
    allocator: str            # the runtime setting: allocator, GOGC, collector
    wall: object              # Summary, seconds
    peak_mib: object          # Summary, MiB
    speedup_vs_first: object  # stats.Ratio
    memory_vs_first: object
    speedup_vs_below: object  # None for the first rung
    memory_vs_below: object
    allocations: int          # the counting run's (or the record's), or None
    language: str = "c++"
    build: str = None


def comparison_rows(summaries, rungs, allocators, allocations=None,
                    keys=None, language_of=None):
    """`summaries` maps (rung, build, setting) to (wall Summary, peak
    Summary) (or, without `keys`, (rung, allocator)); `keys` lists the
    (rung, build, setting) series in order; `allocations` maps rung to its
    counts. Rows go group by group (language, build, setting), each group's
    rungs in the order given, ratios within the group."""
    allocations = allocations or {}
    language_of = language_of or (lambda rung: "c++")
    if keys is None:
        keys = [(rung, None, allocator) for allocator in allocators
                for rung in rungs]
        summaries = {(rung, None, allocator): value
                     for (rung, allocator), value in summaries.items()}
    groups = {}
    for rung, build, setting in keys:
        groups.setdefault((language_of(rung), build, setting), []).append(
            rung)
    order = {rung: index for index, rung in enumerate(rungs)}
    rows = []
    for (language, build, setting), members in groups.items():
        members.sort(key=lambda rung: order.get(rung, len(order)))
        first = summaries[(members[0], build, setting)]
        below = None
        for rung in members:
            wall, peak = summaries[(rung, build, setting)]
            itself = below is None   # the bottom: its own base
            rows.append(Row(
                rung, setting, wall, peak,
                Ratio(1.0) if itself else ratio(first[0], wall),
                Ratio(1.0) if itself else ratio(peak, first[1]),
                ratio(below[0], wall) if below else None,
                ratio(peak, below[1]) if below else None,
                (allocations.get(rung) or {}).get("count"), language, build))
            below = (wall, peak)
    return rows


def _ratios(speedup, memory):
    if speedup is None:
        return ["", ""]
    return [speedup.text(), memory.text()]


def _with_build(rows):
    return any(row.build for row in rows)


def _header(rows):
    return (["program", "language"] + (["build"] if _with_build(rows) else [])
            + ["runtime", "wall s: median [min-max]", "peak MiB",
               "allocations", "faster than bottom", "memory vs bottom",
               "faster than below", "memory vs below"])


def _wall(wall, runs):
    """The median and range; a series with fewer runs than the table's
    others (a program measured in minutes) says how many it had."""
    if wall.count == 1:
        text = f"{wall.median:.3f}"
    else:
        text = f"{wall.median:.3f} [{wall.minimum:.3f}-{wall.maximum:.3f}]"
    if wall.count < runs:
        text += f" ({wall.count} run{'s' if wall.count > 1 else ''})"
    return text


def _cells(row, with_build, runs):
    return ([row.rung, row.language]
            + ([row.build or ""] if with_build else [])
            + [row.allocator, _wall(row.wall, runs),
               f"{row.peak_mib.median:.1f}",
               "" if row.allocations is None else f"{row.allocations:,}"]
            + _ratios(row.speedup_vs_first, row.memory_vs_first)
            + _ratios(row.speedup_vs_below, row.memory_vs_below))


def text_table(header, body, left=None):
    """Aligned columns: the first `left` (default: the non-numeric ones at
    the start) left-aligned, the rest right-aligned."""
    table = [header] + body
    left = 2 if left is None else left
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = []
    for n, line in enumerate(table):
        cells = [cell.ljust(width) if i < left else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(line, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def markdown_table(header, body, left=None):
    left = 2 if left is None else left
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---"] * left
                            + ["---:"] * (len(header) - left)) + "|"]
    for line in body:
        lines.append("| " + " | ".join(line) + " |")
    return "\n".join(lines) + "\n"


def _body(rows):
    with_build = _with_build(rows)
    runs = max((row.wall.count for row in rows), default=0)
    return [_cells(row, with_build, runs) for row in rows]


def format_terminal(rows):
    return text_table(_header(rows), _body(rows),
                      4 if _with_build(rows) else 3)


def format_markdown(rows):
    return markdown_table(_header(rows), _body(rows),
                          4 if _with_build(rows) else 3)
