//! Hundt's LoopTesterApp workload (havlak/workload.h) against any graph
//! builder, and its run in five timed phases (havlak/workload_runner.h).
//! The big graph reuses the small graph's block numbers on purpose: the
//! two are one CFG.

use crate::{GraphBuilder, LoopGraph, Rung};
use std::time::Instant;

/// The --scale range, workload.py's MIN_SCALE..MAX_SCALE.
pub const MIN_SCALE: f64 = 0.01;
pub const MAX_SCALE: f64 = 400.0;
/// --iterations's most, the C++ programs' kMaxIterations.
pub const MAX_ITERATIONS: u32 = 1_000_000;
const BASE_LOOPS_PER_LOOP: u32 = 25;
/// Loops of every small-graph finding, counting the artificial root.
pub const SMALL_GRAPH_LOOPS: i32 = 4;
/// The deepest loop's depth in the big graph: the root's nesting level.
pub const BIG_GRAPH_LOOP_DEPTH: i32 = 5;

/// The phases in the order they run: (the record's key, a title).
pub const PHASES: [(&str, &str); 5] = [
    ("small_graph_loops", "small-graph loops"),
    ("cfg_construction", "CFG construction"),
    ("first_find", "first loop finding"),
    ("repeated_finds", "repeated loop finding"),
    ("nesting_levels", "nesting levels"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkloadSpec {
    pub trees: u32,
    pub loops_per_tree: u32,
    pub small_graph_finds: u32,
    /// After the first finding on the big graph.
    pub big_graph_finds: u32,
}

impl WorkloadSpec {
    /// `scale` multiplies the loops per tree (100) and the small-graph
    /// findings (15000), rounded half away from zero like C's lround.
    pub fn scaled(scale: f64) -> Self {
        WorkloadSpec {
            trees: 10,
            loops_per_tree: (100.0 * scale).round() as u32,
            small_graph_finds: ((15000.0 * scale).round() as u32).max(1),
            big_graph_finds: 50,
        }
    }
    /// The canonical, citable workload.
    pub fn is_canonical(&self) -> bool {
        *self == Self::scaled(1.0)
    }
    /// Blocks 0..2, then per tree its first block and per outer loop a top
    /// block, 25 base loops of 10 blocks and a bottom block.
    pub fn big_graph_blocks(&self) -> u64 {
        3 + self.trees as u64 * (1 + self.loops_per_tree as u64 * (2 + 10 * BASE_LOOPS_PER_LOOP as u64))
    }
    /// 76 per outer loop, one fewer in the first tree (its first base loop
    /// is the small graph's), plus the loops at blocks 0 and 1 and the root.
    pub fn expected_loops(&self) -> i64 {
        (3 * BASE_LOOPS_PER_LOOP as i64 + 1) * self.trees as i64 * self.loops_per_tree as i64 - 1 + 2 + 1
    }
}

/// Edges i -> i+1 for i in start .. start+n-1; returns start+n.
fn build_straight<B: GraphBuilder>(cfg: &mut B, start: u32, n: u32) -> u32 {
    for i in 0..n {
        cfg.add_edge(start + i, start + i + 1);
    }
    start + n
}

/// s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3.
fn build_diamond<B: GraphBuilder>(cfg: &mut B, start: u32) -> u32 {
    cfg.add_edge(start, start + 1);
    cfg.add_edge(start, start + 2);
    cfg.add_edge(start + 1, start + 3);
    cfg.add_edge(start + 2, start + 3);
    start + 3
}

/// Hundt's base loop: blocks from+1 .. from+10 and three loops; returns
/// from+10, the block after the footer.
fn build_base_loop<B: GraphBuilder>(cfg: &mut B, from: u32) -> u32 {
    let header = build_straight(cfg, from, 1);
    let diamond1 = build_diamond(cfg, header);
    let d11 = build_straight(cfg, diamond1, 1);
    let diamond2 = build_diamond(cfg, d11);
    let footer = build_straight(cfg, diamond2, 1);
    cfg.add_edge(diamond2, d11);
    cfg.add_edge(diamond1, header);
    cfg.add_edge(footer, from);
    build_straight(cfg, footer, 1)
}

/// Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2.
pub fn build_small_graph<B: GraphBuilder>(cfg: &mut B) {
    cfg.create_node(0);
    build_base_loop(cfg, 0);
    cfg.create_node(1);
    cfg.add_edge(0, 2);
}

/// Grows the small graph (already in `cfg`) into the big one.
pub fn build_big_graph<B: GraphBuilder>(spec: &WorkloadSpec, cfg: &mut B) {
    let mut n: u32 = 2;
    for _ in 0..spec.trees {
        cfg.create_node(n + 1);
        cfg.add_edge(2, n + 1);
        n += 1;
        for _ in 0..spec.loops_per_tree {
            let top = n;
            n = build_straight(cfg, n, 1);
            for _ in 0..BASE_LOOPS_PER_LOOP {
                n = build_base_loop(cfg, n);
            }
            let bottom = build_straight(cfg, n, 1);
            cfg.add_edge(n, top);
            n = bottom;
        }
        cfg.add_edge(n, 1);
    }
}

#[derive(Clone, Debug, Default)]
pub struct WorkloadResult {
    /// Wall seconds of each of PHASES.
    pub seconds: [f64; 5],
    pub small_graph_loops: i32,
    pub small_graph_loops_total: i64,
    pub loops: i32,
    /// Over the repeated findings only.
    pub loops_total: i64,
    pub root_nesting_level: i32,
    /// Each repeated finding's wall seconds, in order: the steady state,
    /// with the first ones still warming caches.
    pub repeated_find_seconds: Vec<f64>,
}

/// One finding whose loop graph is not kept: a fresh one, or `reused`,
/// which the program clears and refills, when it says it can.
pub(crate) fn find_discarding_graph<R: Rung>(finder: &mut R::Finder, cfg: &R::Cfg, reused: &mut R::LoopGraph) -> i32 {
    if R::REUSES_LOOP_GRAPH {
        R::find_loops(finder, cfg, reused)
    } else {
        R::find_loops(finder, cfg, &mut R::LoopGraph::default())
    }
}

/// Runs the workload. Every finding but the first on the big graph (kept
/// for the nesting levels) goes through find_discarding_graph.
pub fn run_workload<R: Rung>(spec: &WorkloadSpec) -> WorkloadResult {
    let mut result = WorkloadResult::default();
    let mut cfg = R::Cfg::default();
    let mut finder = R::Finder::default();
    let mut reused = R::LoopGraph::default();
    let mut find_discarding_graph =
        |finder: &mut R::Finder, cfg: &R::Cfg| -> i32 { find_discarding_graph::<R>(finder, cfg, &mut reused) };

    let watch = Instant::now();
    build_small_graph(&mut cfg);
    cfg.finish();
    for i in 0..spec.small_graph_finds {
        let loops = find_discarding_graph(&mut finder, &cfg);
        if i == 0 {
            result.small_graph_loops = loops;
        }
        result.small_graph_loops_total += loops as i64;
    }
    result.seconds[0] = watch.elapsed().as_secs_f64();

    let watch = Instant::now();
    build_big_graph(spec, &mut cfg);
    cfg.finish();
    result.seconds[1] = watch.elapsed().as_secs_f64();

    let mut first = R::LoopGraph::default();
    let watch = Instant::now();
    result.loops = R::find_loops(&mut finder, &cfg, &mut first);
    result.seconds[2] = watch.elapsed().as_secs_f64();

    result.repeated_find_seconds.reserve(spec.big_graph_finds as usize);
    let watch = Instant::now();
    for _ in 0..spec.big_graph_finds {
        let each = Instant::now();
        result.loops_total += find_discarding_graph(&mut finder, &cfg) as i64;
        result.repeated_find_seconds.push(each.elapsed().as_secs_f64());
    }
    result.seconds[3] = watch.elapsed().as_secs_f64();

    let watch = Instant::now();
    first.calculate_nesting_level();
    result.seconds[4] = watch.elapsed().as_secs_f64();
    result.root_nesting_level = first.root_nesting_level();
    result
}

/// What is wrong with the run's loop counts, one line per problem.
pub fn check_loop_counts(spec: &WorkloadSpec, result: &WorkloadResult) -> Vec<String> {
    let small_finds = spec.small_graph_finds as i64;
    let checks = [
        ("small-graph loops", result.small_graph_loops as i64, SMALL_GRAPH_LOOPS as i64),
        ("small-graph loops, all findings", result.small_graph_loops_total, SMALL_GRAPH_LOOPS as i64 * small_finds),
        ("big-graph loops", result.loops as i64, spec.expected_loops()),
        ("big-graph loops, repeated findings", result.loops_total, spec.expected_loops() * spec.big_graph_finds as i64),
        ("root nesting level", result.root_nesting_level as i64, BIG_GRAPH_LOOP_DEPTH as i64),
    ];
    checks
        .iter()
        .filter(|(_, got, want)| got != want)
        .map(|(what, got, want)| format!("{}: {}, expected {}", what, got, want))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter {
        blocks: u32,
        edges: usize,
    }

    impl GraphBuilder for Counter {
        fn create_node(&mut self, block: u32) {
            self.blocks = self.blocks.max(block + 1);
        }
        fn add_edge(&mut self, from: u32, to: u32) {
            self.create_node(from.max(to));
            self.edges += 1;
        }
    }

    #[test]
    fn the_canonical_graph_has_hundts_shape() {
        let spec = WorkloadSpec::scaled(1.0);
        assert!(spec.is_canonical() && !WorkloadSpec::scaled(1.0001).is_canonical());
        let mut graph = Counter::default();
        build_small_graph(&mut graph);
        assert_eq!((graph.blocks, graph.edges), (11, 16));
        build_big_graph(&spec, &mut graph);
        assert_eq!(graph.blocks as u64, spec.big_graph_blocks());
        assert_eq!((spec.big_graph_blocks(), spec.expected_loops()), (252013, 76002));
    }

    #[test]
    fn scaling_rounds_like_lround() {
        let spec = WorkloadSpec::scaled(0.013);
        assert_eq!((spec.loops_per_tree, spec.small_graph_finds), (1, 195));
        assert_eq!(WorkloadSpec::scaled(0.005).small_graph_finds, 75);
        assert_eq!(WorkloadSpec::scaled(0.01).big_graph_blocks(), 2533);
    }

    #[test]
    fn wrong_counts_are_named() {
        let spec = WorkloadSpec::scaled(0.01);
        let mut result = WorkloadResult {
            small_graph_loops: 4,
            small_graph_loops_total: 4 * 150,
            loops: 762,
            loops_total: 50 * 762,
            root_nesting_level: 5,
            ..Default::default()
        };
        assert!(check_loop_counts(&spec, &result).is_empty());
        result.loops = 761;
        assert_eq!(check_loop_counts(&spec, &result), ["big-graph loops: 761, expected 762"]);
    }
}
