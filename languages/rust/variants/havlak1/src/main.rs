//! rust-havlak1: our C++ havlak1 (Hundt's map-heavy design) as idiomatic
//! Rust writes it, with the standard collections. README.md says how it
//! maps onto the C++ and what its profile shows.

mod cfg;
mod loop_finder;
mod loop_structure_graph;

struct Rung;

impl havlak::Rung for Rung {
    const NAME: &'static str = "rust-havlak1";
    const IDEA: &'static str = "Hundt's map-heavy design in idiomatic Rust: BTreeMap, BTreeSet, recursion";
    // The depth-first search recurses, one call deeper per block of a
    // chain, and so do the nesting levels, per loop of a nest.
    const RECURSIVE: bool = true;
    type Cfg = cfg::Cfg;
    type LoopGraph = loop_structure_graph::LoopStructureGraph;
    // Hundt's entry point builds a new finder on every call.
    type Finder = ();
    fn find_loops(_: &mut (), cfg: &cfg::Cfg, lsg: &mut Self::LoopGraph) -> i32 {
        loop_finder::find_havlak_loops(cfg, lsg)
    }
}

fn main() {
    std::process::exit(havlak::driver::rung_main::<Rung>());
}
