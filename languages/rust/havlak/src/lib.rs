//! What the two Rust Havlak programs share: Hundt's workload and its
//! phases (`workload`), CFG files (`cfg_file`), the canonical loop forest
//! (below), the counting allocator and the main program with its command
//! line, report and JSON record (`driver`). A program brings its CFG, loop
//! finder and loop structure graph through [`Rung`], and its `main` is
//!
//! ```ignore
//! fn main() {
//!     std::process::exit(havlak::driver::rung_main::<MyRung>());
//! }
//! ```
//!
//! A thin harness: what the C++ harness and the runner already do once
//! (--dump-cfg, profilers, output files, signals, closed streams) is not
//! repeated here; `tests/conformance` is its contract.

/// `{"key":value,...}`, each value Display'd as it is: JSON already.
macro_rules! json_object {
    ($($key:literal: $value:expr),* $(,)?) => {
        format!("{{{}}}", [$(format!("\"{}\":{}", $key, $value)),*].join(","))
    };
}

mod alloc_count;
pub mod cfg_file;
pub mod counted;
pub mod driver;
pub mod workload;

/// Hundt's graph-builder interface: adding an edge creates both ends if
/// they are new, and the first block ever created is the start.
pub trait GraphBuilder {
    fn create_node(&mut self, block: u32);
    fn add_edge(&mut self, from: u32, to: u32);
    /// Lays out the edges added so far, for a CFG built in two steps; called
    /// after each batch of edges and before finding loops.
    fn finish(&mut self) {}
}

/// What a program's loop structure graph answers.
pub trait LoopGraph: Default {
    /// Links outermost loops to the root, then sets depths and nesting levels.
    fn calculate_nesting_level(&mut self);
    /// The loops found, plus the artificial root.
    fn num_loops(&self) -> i32;
    fn root_nesting_level(&self) -> i32;
    /// Requires calculate_nesting_level().
    fn to_loop_forest(&self) -> LoopForest;
}

/// One program: its name, its idea, its CFG, finder and loop graph.
pub trait Rung {
    const NAME: &'static str;
    const IDEA: &'static str;
    /// find_loops clears the graph it is given, so one can serve every call.
    const REUSES_LOOP_GRAPH: bool = false;
    /// The search or the loop graph recurses (one call per block of a
    /// chain, or per loop of a nest): run on a stack sized for the graph.
    const RECURSIVE: bool = false;
    type Cfg: GraphBuilder + Default;
    type LoopGraph: LoopGraph;
    type Finder: Default;
    /// Fills `lsg` with the loops of `cfg`; returns lsg's num_loops().
    fn find_loops(finder: &mut Self::Finder, cfg: &Self::Cfg, lsg: &mut Self::LoopGraph) -> i32;
}

/// One loop of the canonical forest, which compares equal between two
/// programs exactly when they found the same loops.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForestLoop {
    pub header: u32,
    /// The loop's own blocks (its header, and every block whose innermost
    /// loop it is).
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
    /// One loop per header, ascending by header, blocks ascending; no root.
    pub loops: Vec<ForestLoop>,
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
    pub fn build(mut self) -> LoopForest {
        self.forest.loops.sort_unstable_by_key(|lp| lp.header);
        self.forest
    }
}
