//! Hundt's LoopTesterApp workload (havlak/workload.h), against any graph
//! builder. The big graph reuses the small graph's block numbers on
//! purpose: the two are one CFG.

use crate::edge_list::GraphBuilder;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkloadSpec {
    pub trees: i32,
    pub loops_per_tree: i32,
    pub small_graph_finds: i32,
    /// After the first finding on the big graph.
    pub big_graph_finds: i32,
}

pub const BASE_LOOPS_PER_LOOP: i32 = 25;
pub const SMALL_GRAPH_BLOCKS: u32 = 11;
/// Loops of every small-graph finding, counting the artificial root.
pub const SMALL_GRAPH_LOOPS: i32 = 4;
/// The deepest loop's depth in the big graph: the root's nesting level.
pub const BIG_GRAPH_LOOP_DEPTH: i32 = 5;

impl Default for WorkloadSpec {
    /// The canonical, citable workload.
    fn default() -> Self {
        WorkloadSpec { trees: 10, loops_per_tree: 100, small_graph_finds: 15000, big_graph_finds: 50 }
    }
}

impl WorkloadSpec {
    /// `scale` multiplies the loops per tree (100) and the small-graph finds
    /// (15000); C's lround, as the C++ rungs round.
    pub fn scaled(scale: f64, big_graph_finds: i32) -> Self {
        WorkloadSpec {
            loops_per_tree: (100.0 * scale).round() as i32,
            small_graph_finds: ((15000.0 * scale).round() as i32).max(1),
            big_graph_finds,
            ..Self::default()
        }
    }

    pub fn is_canonical(&self) -> bool {
        *self == Self::default()
    }

    pub fn big_graph_blocks(&self) -> i64 {
        // Per tree: its first block, then per loop a top block, 25 base
        // loops of 10 new blocks each, and a bottom block; blocks 0..2 first.
        let blocks_per_loop = 1 + BASE_LOOPS_PER_LOOP as i64 * 10 + 1;
        3 + self.trees as i64 * (1 + self.loops_per_tree as i64 * blocks_per_loop)
    }

    pub fn expected_big_graph_loops(&self) -> i64 {
        // 76 per outer loop, one fewer in the first tree (its first base
        // loop is the small graph's), plus the loops at blocks 0 and 1, plus
        // the artificial root (tests/workload_test.cc derives it).
        let per_outer_loop = 3 * BASE_LOOPS_PER_LOOP as i64 + 1;
        per_outer_loop * self.trees as i64 * self.loops_per_tree as i64 - 1 + 2 + 1
    }
}

/// Edges i -> i+1 for i in start .. start+n-1; returns start+n.
pub fn build_straight<B: GraphBuilder>(cfg: &mut B, start: u32, n: u32) -> u32 {
    for i in 0..n {
        cfg.add_edge(start + i, start + i + 1);
    }
    start + n
}

/// s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3.
pub fn build_diamond<B: GraphBuilder>(cfg: &mut B, start: u32) -> u32 {
    cfg.add_edge(start, start + 1);
    cfg.add_edge(start, start + 2);
    cfg.add_edge(start + 1, start + 3);
    cfg.add_edge(start + 2, start + 3);
    start + 3
}

/// Hundt's base loop: blocks from+1 .. from+10 and three loops; returns
/// from+10, the block after the footer.
pub fn build_base_loop<B: GraphBuilder>(cfg: &mut B, from: u32) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge_list::EdgeList;

    #[test]
    fn canonical_graph_has_hundts_shape() {
        let spec = WorkloadSpec::default();
        let mut graph = EdgeList::default();
        build_small_graph(&mut graph);
        assert_eq!(graph.num_blocks, SMALL_GRAPH_BLOCKS);
        build_big_graph(&spec, &mut graph);
        assert_eq!(graph.num_blocks as i64, spec.big_graph_blocks());
        assert_eq!(spec.big_graph_blocks(), 252013);
        assert_eq!(spec.expected_big_graph_loops(), 76002);
        assert_eq!(graph.start, 0);
    }

    #[test]
    fn scaling_rounds_like_lround() {
        let spec = WorkloadSpec::scaled(0.013, 3);
        assert_eq!(spec.loops_per_tree, 1);
        assert_eq!(spec.small_graph_finds, 195);
        assert_eq!(WorkloadSpec::scaled(0.005, 1).small_graph_finds, 75);
        assert!(WorkloadSpec::scaled(1.0, 50).is_canonical());
        assert!(!WorkloadSpec::scaled(1.0, 49).is_canonical());
        let mut graph = EdgeList::default();
        build_small_graph(&mut graph);
        build_big_graph(&WorkloadSpec::scaled(0.01, 1), &mut graph);
        assert_eq!(graph.num_blocks, 2533);
    }
}
