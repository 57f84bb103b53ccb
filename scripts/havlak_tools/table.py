"""The comparison table: one row per rung and allocator, with ratios to
havlak1 and to the rung below (both under the same allocator)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    rung: str
    allocator: str
    wall: object          # Summary, seconds
    peak_mib: object      # Summary, MiB
    speedup_vs_first: float
    memory_vs_first: float
    speedup_vs_below: float   # None for the first rung
    memory_vs_below: float
    allocations: int          # the counting run's, or None


def comparison_rows(summaries, rungs, allocators, allocations=None):
    """`summaries` maps (rung, allocator) to (wall Summary, peak Summary);
    `allocations` maps rung to its counting run's counts."""
    allocations = allocations or {}
    rows = []
    for allocator in allocators:
        first = summaries[(rungs[0], allocator)]
        below = None
        for rung in rungs:
            wall, peak = summaries[(rung, allocator)]
            rows.append(Row(
                rung, allocator, wall, peak,
                first[0].median / wall.median, peak.median / first[1].median,
                below[0].median / wall.median if below else None,
                peak.median / below[1].median if below else None,
                allocations.get(rung, {}).get("count")))
            below = (wall, peak)
    return rows


def _ratios(speedup, memory):
    if speedup is None:
        return ["", ""]
    return [f"{speedup:.2f}x", f"{memory:.2f}x"]


def _header(rows):
    first = rows[0].rung if rows else "first"
    return ["rung", "allocator", "wall s: median [min-max]", "peak MiB",
            "allocations", f"faster than {first}", f"memory vs {first}",
            "faster than below", "memory vs below"]


def _cells(row):
    wall = row.wall
    return ([row.rung, row.allocator,
             f"{wall.median:.3f} [{wall.minimum:.3f}-{wall.maximum:.3f}]",
             f"{row.peak_mib.median:.1f}",
             "" if row.allocations is None else f"{row.allocations:,}"]
            + _ratios(row.speedup_vs_first, row.memory_vs_first)
            + _ratios(row.speedup_vs_below, row.memory_vs_below))


def format_terminal(rows):
    header = _header(rows)
    table = [header] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = []
    for n, line in enumerate(table):
        cells = [cell.ljust(width) if i < 2 else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(line, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def format_markdown(rows):
    header = _header(rows)
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(_cells(row)) + " |")
    return "\n".join(lines) + "\n"
