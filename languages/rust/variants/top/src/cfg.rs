//! The control-flow graph in flat arrays: every block's successors are one
//! range of a single array, and so are its predecessors (compressed sparse
//! rows), indexed by u32 block numbers. add_edge records an edge; finish()
//! lays the recorded edges out in the rows, keeping each block's edges in
//! the order they were added (the search follows that order).

use havlak::GraphBuilder;

/// One direction of the edges: block b's neighbours are
/// neighbours[begin[b] .. begin[b + 1]].
#[derive(Debug)]
struct Rows {
    begin: Vec<u32>,
    neighbours: Vec<u32>,
}

impl Default for Rows {
    fn default() -> Self {
        Rows { begin: vec![0], neighbours: Vec::new() }
    }
}

impl Rows {
    fn row(&self, block: u32) -> &[u32] {
        let block = block as usize;
        &self.neighbours[self.begin[block] as usize..self.begin[block + 1] as usize]
    }

    /// Appends `added` (as (block, neighbour) pairs, by `key`) after each
    /// block's existing neighbours, in order. O(N + E).
    fn append(&mut self, num_blocks: usize, added: &[(u32, u32)], by_target: bool) {
        let old_blocks = self.begin.len() - 1;
        let mut begin = vec![0u32; num_blocks + 1];
        for block in 0..old_blocks {
            begin[block + 1] = self.begin[block + 1] - self.begin[block];
        }
        for &(from, to) in added {
            begin[if by_target { to } else { from } as usize + 1] += 1;
        }
        for block in 0..num_blocks {
            begin[block + 1] += begin[block];
        }
        // Old neighbours first, then the added ones in the order they came.
        let mut neighbours = vec![0u32; begin[num_blocks] as usize];
        let mut fill: Vec<u32> = begin[..num_blocks].to_vec();
        for block in 0..old_blocks {
            for &neighbour in self.row(block as u32) {
                neighbours[fill[block] as usize] = neighbour;
                fill[block] += 1;
            }
        }
        for &(from, to) in added {
            let (block, neighbour) = if by_target { (to, from) } else { (from, to) };
            neighbours[fill[block as usize] as usize] = neighbour;
            fill[block as usize] += 1;
        }
        self.begin = begin;
        self.neighbours = neighbours;
    }
}

#[derive(Debug, Default)]
pub struct Cfg {
    num_blocks: u32,
    start: Option<u32>,
    successors: Rows,
    predecessors: Rows,
    added: Vec<(u32, u32)>, // since the last finish()
}

impl Cfg {
    pub fn num_nodes(&self) -> usize {
        self.num_blocks as usize
    }
    pub fn start(&self) -> Option<u32> {
        self.start
    }
    /// The whole successor array: block b's are
    /// successors()[successor_range(b)].
    pub fn successors(&self) -> &[u32] {
        debug_assert!(self.added.is_empty(), "finish() the graph first");
        &self.successors.neighbours
    }
    pub fn successor_range(&self, block: u32) -> (u32, u32) {
        let block = block as usize;
        (self.successors.begin[block], self.successors.begin[block + 1])
    }
    pub fn in_edges(&self, block: u32) -> &[u32] {
        debug_assert!(self.added.is_empty(), "finish() the graph first");
        self.predecessors.row(block)
    }
}

impl GraphBuilder for Cfg {
    fn create_node(&mut self, name: u32) {
        if name >= self.num_blocks {
            self.num_blocks = name + 1;
        }
        if self.start.is_none() {
            self.start = Some(name);
        }
    }
    fn add_edge(&mut self, from: u32, to: u32) {
        self.create_node(from);
        self.create_node(to);
        self.added.push((from, to));
    }
    fn finish(&mut self) {
        if self.added.is_empty() && self.successors.begin.len() == self.num_nodes() + 1 {
            return;
        }
        let added = std::mem::take(&mut self.added); // the memory goes back
        self.successors.append(self.num_nodes(), &added, false);
        self.predecessors.append(self.num_nodes(), &added, true);
    }
}
