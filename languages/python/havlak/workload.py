"""Hundt's LoopTesterApp workload (havlak/workload.h) against any CFG, and
its run in five timed phases (havlak/workload_runner.h). The big graph
reuses the small graph's block numbers on purpose: the two are one CFG."""

import math
import time
from dataclasses import dataclass, field, replace
from typing import List

# The --scale range, scripts/havlak_tools/workload.py's MIN_SCALE..MAX_SCALE.
MIN_SCALE = 0.01
MAX_SCALE = 400.0
# --iterations's most, the C++ programs' kMaxIterations.
MAX_ITERATIONS = 1_000_000
BASE_LOOPS_PER_LOOP = 25
# Loops of every small-graph finding, counting the artificial root.
SMALL_GRAPH_LOOPS = 4
# The deepest loop's depth in the big graph: the root's nesting level.
BIG_GRAPH_LOOP_DEPTH = 5

# The phases in the order they run: (the record's key, a title).
PHASES = (
    ("small_graph_loops", "small-graph loops"),
    ("cfg_construction", "CFG construction"),
    ("first_find", "first loop finding"),
    ("repeated_finds", "repeated loop finding"),
    ("nesting_levels", "nesting levels"),
)


def round_half_away(x):
    """C's lround for x >= 0 (Python's round() rounds half to even)."""
    whole = math.floor(x)
    return int(whole) + (1 if x - whole >= 0.5 else 0)


@dataclass(frozen=True)
class WorkloadSpec:
    trees: int
    loops_per_tree: int
    small_graph_finds: int
    big_graph_finds: int  # after the first finding on the big graph

    @classmethod
    def scaled(cls, scale):
        """`scale` multiplies the loops per tree (100) and the small-graph
        findings (15000)."""
        return cls(trees=10, loops_per_tree=round_half_away(100 * scale),
                   small_graph_finds=max(1, round_half_away(15000 * scale)),
                   big_graph_finds=50)

    def with_iterations(self, iterations):
        return replace(self, big_graph_finds=iterations)

    @property
    def canonical(self):
        """The canonical, citable workload."""
        return self == WorkloadSpec.scaled(1.0)

    @property
    def big_graph_blocks(self):
        """Blocks 0..2, then per tree its first block and per outer loop a
        top block, 25 base loops of 10 blocks and a bottom block."""
        return 3 + self.trees * (1 + self.loops_per_tree
                                 * (2 + 10 * BASE_LOOPS_PER_LOOP))

    @property
    def expected_loops(self):
        """76 per outer loop, one fewer in the first tree (its first base
        loop is the small graph's), plus the loops at blocks 0 and 1 and the
        root."""
        return ((3 * BASE_LOOPS_PER_LOOP + 1) * self.trees
                * self.loops_per_tree - 1 + 2 + 1)


def build_straight(cfg, start, n):
    """Edges i -> i+1 for i in start .. start+n-1; returns start+n."""
    for i in range(start, start + n):
        cfg.add_edge(i, i + 1)
    return start + n


def build_diamond(cfg, start):
    """s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3."""
    cfg.add_edge(start, start + 1)
    cfg.add_edge(start, start + 2)
    cfg.add_edge(start + 1, start + 3)
    cfg.add_edge(start + 2, start + 3)
    return start + 3


def build_base_loop(cfg, start):
    """Hundt's base loop: blocks start+1 .. start+10 and three loops;
    returns start+10, the block after the footer."""
    header = build_straight(cfg, start, 1)
    diamond1 = build_diamond(cfg, header)
    d11 = build_straight(cfg, diamond1, 1)
    diamond2 = build_diamond(cfg, d11)
    footer = build_straight(cfg, diamond2, 1)
    cfg.add_edge(diamond2, d11)
    cfg.add_edge(diamond1, header)
    cfg.add_edge(footer, start)
    return build_straight(cfg, footer, 1)


def build_small_graph(cfg):
    """Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2."""
    cfg.create_node(0)
    build_base_loop(cfg, 0)
    cfg.create_node(1)
    cfg.add_edge(0, 2)


def build_big_graph(spec, cfg):
    """Grows the small graph (already in `cfg`) into the big one."""
    n = 2
    for _ in range(spec.trees):
        cfg.create_node(n + 1)
        cfg.add_edge(2, n + 1)
        n += 1
        for _ in range(spec.loops_per_tree):
            top = n
            n = build_straight(cfg, n, 1)
            for _ in range(BASE_LOOPS_PER_LOOP):
                n = build_base_loop(cfg, n)
            bottom = build_straight(cfg, n, 1)
            cfg.add_edge(n, top)
            n = bottom
        cfg.add_edge(n, 1)


@dataclass
class WorkloadResult:
    seconds: List[float] = field(default_factory=lambda: [0.0] * len(PHASES))
    small_graph_loops: int = 0
    small_graph_loops_total: int = 0
    loops: int = 0
    loops_total: int = 0  # over the repeated findings only
    root_nesting_level: int = 0
    # Each repeated finding's wall seconds, in order: the steady state,
    # with the first ones still warming up (and, under PyPy, compiling).
    repeated_find_seconds: List[float] = field(default_factory=list)


def run_workload(program, spec):
    """Runs the workload. Every finding but the first on the big graph (kept
    for the nesting levels) discards its loop graph: a fresh one, or one
    the program clears and refills, when it says it can."""
    clock = time.perf_counter
    result = WorkloadResult()
    cfg = program.new_cfg()
    finder = program.new_finder()
    reused = program.new_loop_graph()

    def find_discarding_graph():
        if program.reuses_loop_graph:
            return finder.find_loops(cfg, reused)
        return finder.find_loops(cfg, program.new_loop_graph())

    started = clock()
    build_small_graph(cfg)
    cfg.finish()
    for i in range(spec.small_graph_finds):
        loops = find_discarding_graph()
        if i == 0:
            result.small_graph_loops = loops
        result.small_graph_loops_total += loops
    result.seconds[0] = clock() - started

    started = clock()
    build_big_graph(spec, cfg)
    cfg.finish()
    result.seconds[1] = clock() - started

    first = program.new_loop_graph()
    started = clock()
    result.loops = finder.find_loops(cfg, first)
    result.seconds[2] = clock() - started

    each = result.repeated_find_seconds
    started = clock()
    for _ in range(spec.big_graph_finds):
        find_started = clock()
        result.loops_total += find_discarding_graph()
        each.append(clock() - find_started)
    result.seconds[3] = clock() - started

    started = clock()
    first.calculate_nesting_level()
    result.seconds[4] = clock() - started
    result.root_nesting_level = first.root_nesting_level()
    return result


def check_loop_counts(spec, result):
    """What is wrong with the run's loop counts, one line per problem."""
    checks = (
        ("small-graph loops", result.small_graph_loops, SMALL_GRAPH_LOOPS),
        ("small-graph loops, all findings", result.small_graph_loops_total,
         SMALL_GRAPH_LOOPS * spec.small_graph_finds),
        ("big-graph loops", result.loops, spec.expected_loops),
        ("big-graph loops, repeated findings", result.loops_total,
         spec.expected_loops * spec.big_graph_finds),
        ("root nesting level", result.root_nesting_level,
         BIG_GRAPH_LOOP_DEPTH),
    )
    return [f"{what}: {got}, expected {want}"
            for what, got, want in checks if got != want]
