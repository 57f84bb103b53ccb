//! rust-top: the C++ top rung's ideas in safe Rust. Flat arrays of u32,
//! the CFG in compressed sparse rows, one iterative depth-first search in
//! which each block is a candidate header the moment it is finished,
//! union-find as the loop body, Ramalingam's fix, no allocation per
//! finding, and one loop graph refilled by every finding. README.md says
//! what its profile shows.

mod cfg;
mod loop_finder;
mod loop_structure_graph;

struct Rung;

impl havlak::Rung for Rung {
    const NAME: &'static str = "rust-top";
    const IDEA: &'static str = "the C++ top rung's one-pass search in safe Rust: flat u32 arrays, no allocation per finding";
    // find_loops clears the graph it is given, so one can serve every call.
    const REUSES_LOOP_GRAPH: bool = true;
    type Cfg = cfg::Cfg;
    type LoopGraph = loop_structure_graph::LoopStructureGraph;
    type Finder = loop_finder::LoopFinder;
    fn find_loops(finder: &mut Self::Finder, cfg: &cfg::Cfg, lsg: &mut Self::LoopGraph) -> i32 {
        finder.find_loops(cfg, lsg)
    }
}

fn main() {
    std::process::exit(havlak::driver::rung_main::<Rung>());
}
