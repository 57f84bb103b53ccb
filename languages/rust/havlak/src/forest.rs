//! The canonical loop forest (havlak/loop_forest.h): what a program found,
//! as one value that compares equal between two programs exactly when they
//! found the same loops; and its `--cfg` output, text and JSON
//! (havlak/forest_output.cc).

use crate::edge_list::EdgeList;
use crate::json::JsonWriter;
use crate::text::{count, printable_name};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForestLoop {
    pub header: u32,
    /// The loop's own blocks (its header, and every block whose innermost
    /// loop it is), ascending.
    pub blocks: Vec<u32>,
    pub reducible: bool,
    /// The header of the enclosing loop; None for an outermost loop.
    pub parent: Option<u32>,
    /// 1 for outermost loops.
    pub depth: i32,
    /// 0 for innermost loops.
    pub nesting_level: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoopForest {
    /// One loop per header, ascending by header; no artificial root.
    pub loops: Vec<ForestLoop>,
}

impl LoopForest {
    /// Hundt's count: the loops plus the artificial root.
    pub fn num_loops_with_root(&self) -> usize {
        self.loops.len() + 1
    }
}

/// Collects loops in any order and sorts them into the canonical forest.
#[derive(Default)]
pub struct LoopForestBuilder {
    forest: LoopForest,
}

impl LoopForestBuilder {
    pub fn add(&mut self, mut lp: ForestLoop) {
        lp.blocks.sort_unstable();
        self.forest.loops.push(lp);
    }
    /// Requires distinct headers.
    pub fn build(mut self) -> LoopForest {
        self.forest.loops.sort_unstable_by_key(|lp| lp.header);
        debug_assert!(
            self.forest.loops.windows(2).all(|pair| pair[0].header != pair[1].header),
            "a block heads at most one loop"
        );
        self.forest
    }
}

/// What `--cfg` prints about: the program, the input as named on the
/// command line, the graph, the file's ids of its blocks, the loops.
pub struct ForestReport<'a> {
    pub rung: &'a str,
    pub input: &'a [u8],
    pub graph: &'a EdgeList,
    pub ids: &'a [u32],
    pub forest: &'a LoopForest,
}

/// "loop 5: depth 2, nesting 0, reducible, parent 1, blocks 5 6 7 8" per
/// loop, after one line naming the input.
pub fn format_forest_text(report: &ForestReport) -> Vec<u8> {
    let id = |block: u32| report.ids[block as usize].to_string();
    let mut out = Vec::new();
    out.extend_from_slice(
        format!("# {}: {} in ", report.rung, count(report.forest.loops.len() as i64, "loop")).as_bytes(),
    );
    out.extend_from_slice(&printable_name(report.input));
    out.extend_from_slice(
        format!(
            " ({}, {}), plus the artificial root\n",
            count(report.graph.num_blocks as i64, "block"),
            count(report.graph.edges.len() as i64, "edge")
        )
        .as_bytes(),
    );
    let mut line = String::new();
    for lp in &report.forest.loops {
        line.clear();
        line.push_str(&format!(
            "loop {}: depth {}, nesting {}, {}, parent {}, blocks",
            id(lp.header),
            lp.depth,
            lp.nesting_level,
            if lp.reducible { "reducible" } else { "irreducible" },
            lp.parent.map_or_else(|| "none".to_string(), id)
        ));
        for &block in &lp.blocks {
            line.push(' ');
            line.push_str(&id(block));
        }
        line.push('\n');
        out.extend_from_slice(line.as_bytes());
    }
    out
}

pub fn format_forest_json(report: &ForestReport) -> Vec<u8> {
    let id = |block: u32| report.ids[block as usize] as i64;
    let mut json = JsonWriter::new();
    json.begin_object();
    json.key("rung").string(report.rung.as_bytes());
    json.key("input").string(report.input);
    json.key("blocks").integer(report.graph.num_blocks as i64);
    json.key("edges").integer(report.graph.edges.len() as i64);
    json.key("loops").begin_array();
    for lp in &report.forest.loops {
        json.begin_object();
        json.key("header").integer(id(lp.header));
        json.key("blocks").begin_array();
        for &block in &lp.blocks {
            json.integer(id(block));
        }
        json.end_array();
        json.key("reducible").boolean(lp.reducible);
        json.key("parent");
        match lp.parent {
            Some(parent) => json.integer(id(parent)),
            None => json.null(),
        };
        json.key("depth").integer(lp.depth as i64);
        json.key("nesting_level").integer(lp.nesting_level as i64);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    let mut out = json.take();
    out.push(b'\n');
    out
}
