//! The loop structure graph in flat arrays. Loop i (0 is the artificial
//! root) is a 12-byte record (header, parent, reducibility), and one array
//! maps each block to its innermost loop, which also says what each loop's
//! own blocks are. Depths and nesting levels get arrays of their own when
//! they are computed, in one pass over the parents, because a loop is
//! always created after the loops inside it.

use havlak::{ForestLoop, LoopForest, LoopForestBuilder};

pub const ROOT: u32 = 0;
pub const NO_LOOP: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Loop {
    header: u32, // the root's is NO_LOOP
    parent: u32,
    reducible: bool,
}

#[derive(Debug)]
pub struct LoopStructureGraph {
    loops: Vec<Loop>,
    depth: Vec<i32>,
    nesting_level: Vec<i32>,
    block_loop: Vec<u32>,
}

impl Default for LoopStructureGraph {
    fn default() -> Self {
        let mut lsg = LoopStructureGraph { loops: Vec::new(), depth: Vec::new(), nesting_level: Vec::new(), block_loop: Vec::new() };
        lsg.clear(0);
        lsg
    }
}

impl LoopStructureGraph {
    /// Forgets every loop but the root and makes the block map cover
    /// `num_blocks` blocks, none in a loop. Keeps the storage.
    pub fn clear(&mut self, num_blocks: usize) {
        self.loops.clear();
        self.loops.push(Loop { header: NO_LOOP, parent: NO_LOOP, reducible: true });
        self.depth.clear();
        self.nesting_level.clear();
        self.block_loop.clear();
        self.block_loop.resize(num_blocks, NO_LOOP);
    }

    /// A new loop headed by `header`, which joins it. Returns its index.
    pub fn create_new_loop(&mut self, header: u32, reducible: bool) -> u32 {
        let lp = self.loops.len() as u32;
        self.loops.push(Loop { header, parent: NO_LOOP, reducible });
        self.block_loop[header as usize] = lp;
        lp
    }
    /// `block` joins `lp`: the loop is its innermost one.
    pub fn add_node(&mut self, lp: u32, block: u32) {
        self.block_loop[block as usize] = lp;
    }
    pub fn set_parent(&mut self, lp: u32, parent: u32) {
        self.loops[lp as usize].parent = parent;
    }
    pub fn mark_irreducible(&mut self, lp: u32) {
        self.loops[lp as usize].reducible = false;
    }
    pub fn parent(&self, lp: u32) -> u32 {
        self.loops[lp as usize].parent
    }
    pub fn header(&self, lp: u32) -> u32 {
        self.loops[lp as usize].header
    }
    /// The innermost loop holding `block` so far, or NO_LOOP.
    pub fn loop_of(&self, block: u32) -> u32 {
        self.block_loop[block as usize]
    }
    pub fn len(&self) -> usize {
        self.loops.len()
    }
}

impl havlak::LoopGraph for LoopStructureGraph {
    fn calculate_nesting_level(&mut self) {
        for record in &mut self.loops[1..] {
            if record.parent == NO_LOOP {
                record.parent = ROOT;
            }
        }
        // Children come before their parent, so each nesting level is
        // final before it is passed up.
        self.nesting_level.clear();
        self.nesting_level.resize(self.loops.len(), 0);
        for lp in 1..self.loops.len() {
            let parent = self.loops[lp].parent as usize;
            self.nesting_level[parent] = self.nesting_level[parent].max(self.nesting_level[lp] + 1);
        }
        // Parents come after their children: depths from the end.
        self.depth.clear();
        self.depth.resize(self.loops.len(), 0);
        for lp in (1..self.loops.len()).rev() {
            self.depth[lp] = self.depth[self.loops[lp].parent as usize] + 1;
        }
    }

    fn num_loops(&self) -> i32 {
        self.loops.len() as i32
    }

    fn root_nesting_level(&self) -> i32 {
        self.nesting_level.first().copied().unwrap_or(0)
    }

    fn to_loop_forest(&self) -> LoopForest {
        let mut blocks: Vec<Vec<u32>> = vec![Vec::new(); self.loops.len()];
        for (block, &lp) in self.block_loop.iter().enumerate() {
            if lp != NO_LOOP {
                blocks[lp as usize].push(block as u32);
            }
        }
        let mut forest = LoopForestBuilder::default();
        for (lp, own_blocks) in blocks.into_iter().enumerate().skip(1) {
            let record = self.loops[lp];
            forest.add(ForestLoop {
                header: record.header,
                blocks: own_blocks,
                reducible: record.reducible,
                parent: if record.parent == ROOT || record.parent == NO_LOOP {
                    None
                } else {
                    Some(self.loops[record.parent as usize].header)
                },
                depth: self.depth[lp],
                nesting_level: self.nesting_level[lp],
            });
        }
        forest.build()
    }
}
