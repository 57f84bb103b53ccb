//! Hundt's control-flow graph: an ordered map from block number to a block
//! holding vectors of its in- and out-edges, and every edge kept in a list.
//! Where the C++ holds pointers to blocks, Rust holds their numbers and
//! looks them up in the map: the idiomatic way to a graph without shared
//! ownership, and the same map lookups Hundt's design is about.

use havlak::GraphBuilder;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct BasicBlock {
    pub in_edges: Vec<u32>,
    pub out_edges: Vec<u32>,
}

// Hundt's CFG keeps every edge object although no one reads it back: its
// cost is part of the bottom program's memory (rustc 1.63 did not warn).
#[allow(dead_code)]
#[derive(Debug)]
pub struct BasicBlockEdge {
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Default)]
pub struct Cfg {
    pub blocks: BTreeMap<u32, BasicBlock>,
    pub edges: Vec<BasicBlockEdge>,
    pub start: Option<u32>,
}

impl Cfg {
    pub fn num_nodes(&self) -> usize {
        self.blocks.len()
    }
}

impl GraphBuilder for Cfg {
    /// The first block created is the start block.
    fn create_node(&mut self, name: u32) {
        self.blocks.entry(name).or_default();
        if self.start.is_none() {
            self.start = Some(name);
        }
    }

    /// Creates both ends if they are new.
    fn add_edge(&mut self, from: u32, to: u32) {
        self.create_node(from);
        self.create_node(to);
        self.edges.push(BasicBlockEdge { from, to });
        self.blocks.get_mut(&from).unwrap().out_edges.push(to);
        self.blocks.get_mut(&to).unwrap().in_edges.push(from);
    }
}
