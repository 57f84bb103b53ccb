//! The findings that callgrind and perf count (`--count-findings=N`, for
//! `make bench`'s instructions and cache misses per block): the benchmarks'
//! 64,516-block graph (one tree of 256 outer loops), one finding that grows
//! whatever the program keeps from call to call, then N findings inside
//! `measured_findings`, the one function callgrind collects in. The twin
//! of the C++ rungs' bench/instructions.cc.

use crate::workload::{build_big_graph, build_small_graph, find_discarding_graph, WorkloadSpec};
use crate::{GraphBuilder, Rung};

/// The graph the counts are taken on.
pub const COUNTED_SPEC: WorkloadSpec =
    WorkloadSpec { trees: 1, loops_per_tree: 256, small_graph_finds: 0, big_graph_finds: 0 };
/// --count-findings's range.
pub const MAX_COUNTED_FINDINGS: u32 = 1000;

#[inline(never)]
fn measured_findings<R: Rung>(finder: &mut R::Finder, cfg: &R::Cfg, reused: &mut R::LoopGraph, findings: u32) -> i32 {
    let mut loops = 0;
    for _ in 0..findings {
        loops = find_discarding_graph::<R>(finder, cfg, reused);
    }
    loops
}

/// Builds the graph, finds its loops once untimed, then `findings` times
/// in measured_findings; returns the loops of the last finding.
pub fn count_findings<R: Rung>(findings: u32) -> i32 {
    let mut cfg = R::Cfg::default();
    build_small_graph(&mut cfg);
    build_big_graph(&COUNTED_SPEC, &mut cfg);
    cfg.finish();
    let (mut finder, mut reused) = (R::Finder::default(), R::LoopGraph::default());
    find_discarding_graph::<R>(&mut finder, &cfg, &mut reused);
    measured_findings::<R>(&mut finder, &cfg, &mut reused, findings)
}
