"""The known answer: what a run of a rung must report for a given --scale and
--iterations, derived here from the workload's shape (docs in
/README.md, "The workload"), independently of the rungs' own check.

The shape: an 11-block small graph (one base loop from block 0, plus the
edge 0 -> 2), searched `small_graph_finds` times; then `trees` trees, each a
chain of `loops_per_tree` outer loops, each outer loop a top block, 25 base
loops and a bottom block, hung off block 2. A base loop holds three loops
(one around each of its two diamonds, one around both); an outer loop adds
the one around its chain: 76 loops per outer loop.

The big graph reuses the small graph's blocks: the first tree's first base
loop starts at block 4, so its inner loop at block 5 is the small graph's
loop at 5 (same header, same back edge 8 -> 5), counted once; the small
graph's loops at blocks 0 and 1 stay. With the artificial root that Hundt's
program counts:

    loops = 76 * trees * loops_per_tree - 1 + 2 + 1

and every finding on the big graph finds them all, so the total over the
repeated findings is loops * iterations. Blocks: 0, 1 and 2, then per tree
its first block and per outer loop 1 + 25 * 10 + 1 new blocks. The small
graph has 3 loops and the root (4); the deepest loop is at depth 5, so the
root's nesting level is 5.
"""

import math
from dataclasses import dataclass

TREES = 10
LOOPS_PER_TREE = 100
SMALL_GRAPH_FINDS = 15000
CANONICAL_ITERATIONS = 50
BASE_LOOPS_PER_LOOP = 25
BLOCKS_PER_BASE_LOOP = 10
LOOPS_PER_BASE_LOOP = 3
MIN_SCALE = 0.01   # the rungs' own --scale range
MAX_SCALE = 400.0


@dataclass(frozen=True)
class Expected:
    canonical: bool
    scale: float
    iterations: int
    trees: int
    loops_per_tree: int
    small_graph_finds: int
    blocks: int
    small_graph_loops: int
    loops: int
    loops_total: int
    root_nesting_level: int


def _round_half_away(value):
    """C's lround for the non-negative values used here."""
    return math.floor(value + 0.5)


def expected(scale=None, iterations=None):
    """What a rung run with --scale=`scale` (None: not given, the canonical
    1) and --iterations=`iterations` (None: the default 50) must report."""
    given_scale = 1.0 if scale is None else float(scale)
    if not MIN_SCALE <= given_scale <= MAX_SCALE:
        raise ValueError(f"scale {given_scale:g} is outside "
                         f"{MIN_SCALE:g}..{MAX_SCALE:g}")
    iterations = CANONICAL_ITERATIONS if iterations is None else iterations
    loops_per_tree = _round_half_away(LOOPS_PER_TREE * given_scale)
    small_finds = max(1, _round_half_away(SMALL_GRAPH_FINDS * given_scale))
    per_outer_loop = LOOPS_PER_BASE_LOOP * BASE_LOOPS_PER_LOOP + 1
    loops = per_outer_loop * TREES * loops_per_tree - 1 + 2 + 1
    blocks_per_outer_loop = 1 + BASE_LOOPS_PER_LOOP * BLOCKS_PER_BASE_LOOP + 1
    return Expected(
        canonical=(loops_per_tree == LOOPS_PER_TREE
                   and small_finds == SMALL_GRAPH_FINDS
                   and iterations == CANONICAL_ITERATIONS),
        scale=given_scale, iterations=iterations, trees=TREES,
        loops_per_tree=loops_per_tree, small_graph_finds=small_finds,
        blocks=3 + TREES * (1 + loops_per_tree * blocks_per_outer_loop),
        small_graph_loops=LOOPS_PER_BASE_LOOP + 1,
        loops=loops, loops_total=loops * iterations, root_nesting_level=5)


def check_record(record, rung, allocator, scale=None, iterations=None):
    """What is wrong with `record` (a RunRecord) as the report of `rung`
    run with the runtime setting `allocator` (for C++: glibc, jemalloc,
    tcmalloc or counting; for the other languages their settings, see
    languages.py) and --scale=`scale` and --iterations=`iterations`: a list of
    problems, empty when it is what was asked for and its counts are the
    known ones. The language is the rung's: a Go program's record claiming
    to be C++ (or naming no language) is refused. `allocator` None: the
    runtime setting is the caller's to check (make heaps' settings are
    not the comparison's)."""
    from . import languages
    want = expected(scale, iterations)
    problems = []

    def differ(what, got, wanted):
        if got != wanted:
            problems.append(f"{what} {got!r}, expected {wanted!r}")

    language = languages.language_of(rung)
    differ("rung", record.rung, rung)
    differ("language", getattr(record, "language", languages.CXX), language)
    if allocator is not None:
        problems += languages.check_setting(record, language, allocator)
        problems += languages.check_allocations(record, language, allocator)
    if not math.isclose(record.scale, want.scale, rel_tol=1e-9):
        problems.append(f"scale {record.scale:g}, expected {want.scale:g}")
    differ("canonical workload", record.canonical, want.canonical)
    differ("trees", record.trees, want.trees)
    differ("loops per tree", record.loops_per_tree, want.loops_per_tree)
    differ("small-graph findings", record.small_graph_finds,
           want.small_graph_finds)
    differ("big-graph findings", record.big_graph_finds, want.iterations)
    differ("blocks", record.blocks, want.blocks)
    differ("loops", record.loops, want.loops)
    differ("loops in total", record.loops_total, want.loops_total)
    differ("small-graph loops", record.small_graph_loops,
           want.small_graph_loops)
    differ("root nesting level", record.root_nesting_level,
           want.root_nesting_level)
    if not record.loop_counts_right:
        problems.append("the rung reports wrong loop counts: "
                        + "; ".join(record.loop_count_problems))
    return problems
