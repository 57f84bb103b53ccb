//! Runs Hundt's workload on one program, timing each phase
//! (havlak/workload_runner.h), and what a program gives it (havlak/rung.h).

use crate::edge_list::{replay_into, EdgeList, GraphBuilder};
use crate::forest::LoopForest;
use crate::measure::Stopwatch;
use crate::workload::{build_big_graph, build_small_graph, WorkloadSpec};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    SmallGraphLoops,
    CfgConstruction,
    FirstFind,
    RepeatedFinds,
    NestingLevels,
}

pub const PHASES: [Phase; 5] =
    [Phase::SmallGraphLoops, Phase::CfgConstruction, Phase::FirstFind, Phase::RepeatedFinds, Phase::NestingLevels];

impl Phase {
    /// For people.
    pub fn title(self) -> &'static str {
        match self {
            Phase::SmallGraphLoops => "small-graph loops",
            Phase::CfgConstruction => "CFG construction",
            Phase::FirstFind => "first loop finding",
            Phase::RepeatedFinds => "repeated loop finding",
            Phase::NestingLevels => "nesting levels",
        }
    }
    /// For machines.
    pub fn key(self) -> &'static str {
        match self {
            Phase::SmallGraphLoops => "small_graph_loops",
            Phase::CfgConstruction => "cfg_construction",
            Phase::FirstFind => "first_find",
            Phase::RepeatedFinds => "repeated_finds",
            Phase::NestingLevels => "nesting_levels",
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct PhaseTime {
    pub wall_seconds: f64,
    pub finds: i32,
}

#[derive(Clone, Debug, Default)]
pub struct WorkloadResult {
    pub phases: [PhaseTime; 5],
    pub small_graph_loops: i32,
    pub small_graph_loops_total: i64,
    pub big_graph_loops: i32,
    /// The repeated findings only.
    pub big_graph_loops_total: i64,
    pub root_nesting_level: i32,
    pub stopped_after_first_find: bool,
}

impl WorkloadResult {
    pub fn phase(&self, phase: Phase) -> &PhaseTime {
        &self.phases[phase as usize]
    }
    fn set(&mut self, phase: Phase, wall_seconds: f64, finds: i32) {
        self.phases[phase as usize] = PhaseTime { wall_seconds, finds };
    }
}

/// Told between loop findings of the two long phases (the progress line).
pub trait Observer {
    fn progress(&mut self, _phase: Phase, _done: i32, _total: i32) {}
}

/// Every finding but the first on the big graph (kept for the nesting
/// levels) goes into a fresh loop graph, or, with `reuse_loop_graph`, into
/// one graph the program clears and refills.
pub fn run_workload<R: Rung>(spec: &WorkloadSpec, reuse_loop_graph: bool, observer: &mut dyn Observer) -> WorkloadResult {
    let mut result = WorkloadResult::default();
    let mut cfg = R::Cfg::default();
    let mut finder = R::Finder::default();
    let mut reused = R::LoopGraph::default();
    let reuse = R::REUSES_LOOP_GRAPH && reuse_loop_graph;
    let mut find_discarding_graph = |finder: &mut R::Finder, cfg: &R::Cfg| -> i32 {
        if reuse {
            R::find_loops(finder, cfg, &mut reused)
        } else {
            let mut fresh = R::LoopGraph::default();
            R::find_loops(finder, cfg, &mut fresh)
        }
    };

    let watch = Stopwatch::new();
    build_small_graph(&mut cfg);
    cfg.finish();
    let finds = spec.small_graph_finds;
    for i in 0..finds {
        let loops = find_discarding_graph(&mut finder, &cfg);
        if i == 0 {
            result.small_graph_loops = loops;
        }
        result.small_graph_loops_total += loops as i64;
        observer.progress(Phase::SmallGraphLoops, i + 1, finds);
    }
    result.set(Phase::SmallGraphLoops, watch.seconds(), finds);

    let watch = Stopwatch::new();
    build_big_graph(spec, &mut cfg);
    cfg.finish();
    result.set(Phase::CfgConstruction, watch.seconds(), 0);

    let mut first = R::LoopGraph::default();
    let watch = Stopwatch::new();
    result.big_graph_loops = R::find_loops(&mut finder, &cfg, &mut first);
    result.set(Phase::FirstFind, watch.seconds(), 1);

    let watch = Stopwatch::new();
    let finds = spec.big_graph_finds;
    for i in 0..finds {
        result.big_graph_loops_total += find_discarding_graph(&mut finder, &cfg) as i64;
        observer.progress(Phase::RepeatedFinds, i + 1, finds);
    }
    result.set(Phase::RepeatedFinds, watch.seconds(), finds);

    let watch = Stopwatch::new();
    first.calculate_nesting_level();
    result.set(Phase::NestingLevels, watch.seconds(), 0);
    result.root_nesting_level = first.root_nesting_level();
    result
}

/// The canonical loop forest R finds in `graph`, nesting levels included.
pub fn find_loop_forest<R: Rung>(graph: &EdgeList) -> LoopForest {
    let mut cfg = R::Cfg::default();
    replay_into(graph, &mut cfg);
    let mut finder = R::Finder::default();
    let mut lsg = R::LoopGraph::default();
    R::find_loops(&mut finder, &cfg, &mut lsg);
    lsg.calculate_nesting_level();
    lsg.to_loop_forest()
}
