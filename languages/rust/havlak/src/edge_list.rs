//! A control-flow graph as plain data (havlak/edge_list.h): the one input
//! every program builds its own CFG from (the workload, CFG files, tests).

/// Hundt's graph-builder interface: adding an edge creates both ends if
/// they are new, and the first block ever created is the start.
pub trait GraphBuilder {
    fn create_node(&mut self, block: u32);
    fn add_edge(&mut self, from: u32, to: u32);
    /// Lays out the edges added so far, for a CFG built in two steps; called
    /// after each batch of edges and before finding loops.
    fn finish(&mut self) {}
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EdgeList {
    /// Blocks are 0..num_blocks-1; blocks without edges exist too.
    pub num_blocks: u32,
    /// Where loop finding starts; meaningful only when num_blocks > 0.
    pub start: u32,
    /// In insertion order: a block's successors are searched in this order.
    pub edges: Vec<(u32, u32)>,
}

impl GraphBuilder for EdgeList {
    fn create_node(&mut self, block: u32) {
        if self.num_blocks == 0 {
            self.start = block;
        }
        self.num_blocks = self.num_blocks.max(block + 1);
    }
    fn add_edge(&mut self, from: u32, to: u32) {
        self.create_node(from);
        self.create_node(to);
        self.edges.push((from, to));
    }
}

/// Builds a program's CFG from `graph`: the start block first (the first
/// block ever created), then every other block, then the edges in order.
pub fn replay_into<B: GraphBuilder>(graph: &EdgeList, cfg: &mut B) {
    if graph.num_blocks > 0 {
        cfg.create_node(graph.start);
        for block in 0..graph.num_blocks {
            cfg.create_node(block);
        }
        for &(from, to) in &graph.edges {
            cfg.add_edge(from, to);
        }
    }
    cfg.finish();
}
