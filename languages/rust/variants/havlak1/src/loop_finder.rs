//! Havlak's loop recognition ("Nesting of reducible and irreducible
//! loops", TOPLAS 1997) in Hundt's design: maps and sets of the standard
//! library, built afresh on every call, and a recursive depth-first search.

use crate::cfg::Cfg;
use crate::loop_structure_graph::LoopStructureGraph;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Union-find after Tarjan (1983): each node points towards the header of
/// the outermost loop found so far that contains it. Nodes are indexed by
/// preorder number and point to each other by index.
#[derive(Clone, Debug, Default)]
struct UnionFindNode {
    parent: usize,
    block: Option<u32>, // None: not reached by the search
    lp: Option<usize>,  // the loop this node heads, if any
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockType {
    NonHeader,   // a plain block
    Reducible,   // header of a reducible loop
    SelfLoop,    // header of a one-block loop
    Irreducible, // header of an irreducible loop
    Dead,        // not reachable from the start
}

const UNVISITED: i64 = -1;

/// One call's worth of bookkeeping, named as in Havlak's paper. Blocks are
/// identified by preorder number from step b on.
struct HavlakLoopFinder<'a> {
    cfg: &'a Cfg,
    number: BTreeMap<u32, i64>, // block -> preorder number
    nodes: Vec<UnionFindNode>,  // by preorder number
    last: Vec<usize>,           // the last preorder number in each subtree
    header: Vec<usize>,         // the innermost loop header of each block
    types: Vec<BlockType>,
    back_preds: Vec<Vec<usize>>,
    non_back_preds: Vec<BTreeSet<usize>>,
}

impl<'a> HavlakLoopFinder<'a> {
    // With preorder numbers, w is an ancestor of v in the search's spanning
    // tree iff v lies in w's subtree range [w, last[w]].
    fn is_ancestor(&self, w: usize, v: usize) -> bool {
        w <= v && v <= self.last[w]
    }

    /// Numbers the blocks reachable from `block` in preorder, starting with
    /// `current`; returns the last number used. One call deeper per block.
    fn dfs(&mut self, block: u32, current: usize) -> usize {
        self.nodes[current] = UnionFindNode { parent: current, block: Some(block), lp: None };
        // Every block is in the map (step a): a lookup, as std::map's
        // operator[] is in the C++.
        *self.number.get_mut(&block).expect("a block of the graph") = current as i64;
        let mut last_id = current;
        let cfg = self.cfg;
        for &target in &cfg.blocks[&block].out_edges {
            if self.number[&target] == UNVISITED {
                last_id = self.dfs(target, last_id + 1);
            }
        }
        self.last[current] = last_id;
        last_id
    }

    /// The set's representative, with path compression: every node passed
    /// on the way is pointed straight at it.
    fn find_set(&mut self, start: usize) -> usize {
        let mut path = Vec::new();
        let mut node = start;
        while node != self.nodes[node].parent {
            let parent = self.nodes[node].parent;
            if parent != self.nodes[parent].parent {
                path.push(node);
            }
            node = parent;
        }
        for on_path in path {
            self.nodes[on_path].parent = node;
        }
        node
    }

    fn find_loops(&mut self, lsg: &mut LoopStructureGraph) -> i32 {
        let start = match self.cfg.start {
            Some(start) => start,
            None => return lsg.loops.len() as i32,
        };
        let size = self.cfg.num_nodes();
        self.nodes = vec![UnionFindNode::default(); size];
        self.last = vec![0; size];
        self.header = vec![0; size];
        self.types = vec![BlockType::NonHeader; size];
        self.back_preds = vec![Vec::new(); size];
        self.non_back_preds = vec![BTreeSet::new(); size];

        // Step a: number the blocks in preorder; unreached blocks keep
        // UNVISITED. O(N log N) with the map.
        for &name in self.cfg.blocks.keys() {
            self.number.insert(name, UNVISITED);
        }
        self.dfs(start, 0);

        // Step b: split each reached block's incoming edges into back edges
        // (from a descendant, following Tarjan) and the rest. O(E log N).
        let cfg = self.cfg;
        for w in 0..size {
            self.header[w] = 0;
            self.types[w] = BlockType::NonHeader;
            let block_w = match self.nodes[w].block {
                Some(block) => block,
                None => {
                    self.types[w] = BlockType::Dead;
                    continue;
                }
            };
            for &block_v in &cfg.blocks[&block_w].in_edges {
                let v = self.number[&block_v];
                if v == UNVISITED {
                    continue; // an edge from a dead block
                }
                let v = v as usize;
                if self.is_ancestor(w, v) {
                    self.back_preds[w].push(v);
                } else {
                    self.non_back_preds[w].insert(v);
                }
            }
        }
        self.header[0] = 0; // the start block is the root of all other loops

        // Step c: visit the blocks in reverse preorder, so inner loop
        // headers come before the headers of loops around them. For a
        // header w, chase backwards from the sources of its back edges,
        // collecting the loop body P (node_pool). Every candidate is looked
        // for in P linearly, so a body of p blocks costs O(p^2) here.
        for w in (0..size).rev() {
            let block_w = match self.nodes[w].block {
                Some(block) => block,
                None => continue,
            };

            // Step d: P starts as the loops (or blocks) the back edges
            // come from.
            let mut node_pool: Vec<usize> = Vec::new();
            for i in 0..self.back_preds[w].len() {
                let v = self.back_preds[w][i];
                if v != w {
                    let set = self.find_set(v);
                    node_pool.push(set);
                } else {
                    self.types[w] = BlockType::SelfLoop;
                }
            }
            let mut worklist: VecDeque<usize> = node_pool.iter().copied().collect();
            if !node_pool.is_empty() {
                self.types[w] = BlockType::Reducible;
            }

            while let Some(x) = worklist.pop_front() {
                // Step e, Havlak's change to Tarjan: a predecessor outside
                // w's subtree is a second entry into the loop, which makes
                // it irreducible; it is remembered as an entry to w itself.
                // (x is never w: w joins no set before its own loop.)
                let preds = std::mem::take(&mut self.non_back_preds[x]);
                for &y in &preds {
                    let ydash = self.find_set(y);
                    if !self.is_ancestor(w, ydash) {
                        self.types[w] = BlockType::Irreducible;
                        self.non_back_preds[w].insert(ydash);
                    } else if ydash != w && !node_pool.contains(&ydash) {
                        worklist.push_back(ydash);
                        node_pool.push(ydash);
                    }
                }
                self.non_back_preds[x] = preds;
            }

            // Collapse the loop body into w and record the loop. Nested
            // loops join as children, other blocks as the loop's own.
            if !node_pool.is_empty() || self.types[w] == BlockType::SelfLoop {
                let lp = lsg.create_new_loop();
                lsg.set_header(lp, block_w);
                lsg.loops[lp].is_reducible = self.types[w] != BlockType::Irreducible;
                self.nodes[w].lp = Some(lp);
                for &node in &node_pool {
                    self.header[node] = w;
                    self.nodes[node].parent = w; // union
                    match self.nodes[node].lp {
                        Some(inner) => lsg.set_parent(inner, lp),
                        None => {
                            let block = self.nodes[node].block.expect("a reached block");
                            lsg.loops[lp].basic_blocks.insert(block);
                        }
                    }
                }
            }
        }
        lsg.loops.len() as i32
    }
}

/// Fills `lsg` with the loops of `cfg`; returns its number of loops,
/// counting the artificial root. A new finder, maps and all, every call.
pub fn find_havlak_loops(cfg: &Cfg, lsg: &mut LoopStructureGraph) -> i32 {
    HavlakLoopFinder {
        cfg,
        number: BTreeMap::new(),
        nodes: Vec::new(),
        last: Vec::new(),
        header: Vec::new(),
        types: Vec::new(),
        back_preds: Vec::new(),
        non_back_preds: Vec::new(),
    }
    .find_loops(lsg)
}
