//! Hundt's loop structure graph: every loop holding an ordered set of its
//! blocks and an ordered set of its child loops, under an artificial root.
//! Loops live in one vector and name each other by index (the C++ holds
//! pointers; Rust's owner of a graph with back links is an arena).
//!
//!   loop        nesting level   depth
//!   root        2               0
//!     loop-1    1               1
//!       loop-2  0               2
//!     loop-3    0               1

use havlak::{ForestLoop, LoopForest, LoopForestBuilder};
use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct SimpleLoop {
    pub basic_blocks: BTreeSet<u32>,
    pub children: BTreeSet<usize>,
    pub parent: Option<usize>,
    pub header: Option<u32>,
    pub is_reducible: bool,
    pub nesting_level: i32,
    pub depth_level: i32,
}

#[derive(Debug)]
pub struct LoopStructureGraph {
    pub loops: Vec<SimpleLoop>,
}

pub const ROOT: usize = 0;

impl Default for LoopStructureGraph {
    fn default() -> Self {
        let mut lsg = LoopStructureGraph { loops: Vec::new() };
        lsg.create_new_loop();
        lsg
    }
}

impl LoopStructureGraph {
    /// A new loop, counted in num_loops; returns its index.
    pub fn create_new_loop(&mut self) -> usize {
        self.loops.push(SimpleLoop { is_reducible: true, ..Default::default() });
        self.loops.len() - 1
    }

    pub fn set_header(&mut self, lp: usize, block: u32) {
        self.loops[lp].basic_blocks.insert(block);
        self.loops[lp].header = Some(block);
    }

    pub fn set_parent(&mut self, lp: usize, parent: usize) {
        self.loops[lp].parent = Some(parent);
        self.loops[parent].children.insert(lp);
    }

    // Recursive, one call per level of the nest. Returns lp's nesting level.
    fn calculate_nesting_level_rec(&mut self, lp: usize, depth: i32) -> i32 {
        self.loops[lp].depth_level = depth;
        let children = std::mem::take(&mut self.loops[lp].children);
        let mut level = self.loops[lp].nesting_level;
        for &child in &children {
            level = level.max(1 + self.calculate_nesting_level_rec(child, depth + 1));
        }
        self.loops[lp].children = children;
        self.loops[lp].nesting_level = level;
        level
    }
}

impl havlak::LoopGraph for LoopStructureGraph {
    fn calculate_nesting_level(&mut self) {
        for lp in 1..self.loops.len() {
            if self.loops[lp].parent.is_none() {
                self.set_parent(lp, ROOT);
            }
        }
        self.calculate_nesting_level_rec(ROOT, 0);
    }

    fn num_loops(&self) -> i32 {
        self.loops.len() as i32
    }

    fn root_nesting_level(&self) -> i32 {
        self.loops[ROOT].nesting_level
    }

    fn to_loop_forest(&self) -> LoopForest {
        let mut forest = LoopForestBuilder::default();
        for lp in &self.loops[1..] {
            forest.add(ForestLoop {
                header: lp.header.expect("every loop has a header"),
                blocks: lp.basic_blocks.iter().copied().collect(),
                reducible: lp.is_reducible,
                parent: lp.parent.filter(|&parent| parent != ROOT).and_then(|parent| self.loops[parent].header),
                depth: lp.depth_level,
                nesting_level: lp.nesting_level,
            });
        }
        forest.build()
    }
}
