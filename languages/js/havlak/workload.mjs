// Hundt's LoopTesterApp workload (havlak/workload.h) against any graph
// builder, and its run in five timed phases (havlak/workload_runner.h),
// as languages/rust/havlak/src/workload.rs has them. The big graph reuses
// the small graph's block numbers on purpose: the two are one CFG.

import { performance } from 'node:perf_hooks';

// The --scale range, scripts/havlak_tools/workload.py's.
export const MIN_SCALE = 0.01;
export const MAX_SCALE = 400;
// --iterations's most, the C++ programs' kMaxIterations.
export const MAX_ITERATIONS = 1_000_000;
const BASE_LOOPS_PER_LOOP = 25;
// Loops of every small-graph finding, counting the artificial root.
export const SMALL_GRAPH_LOOPS = 4;
// The deepest loop's depth in the big graph: the root's nesting level.
export const BIG_GRAPH_LOOP_DEPTH = 5;

// The phases in the order they run: [the record's key, a title].
export const PHASES = [
  ['small_graph_loops', 'small-graph loops'],
  ['cfg_construction', 'CFG construction'],
  ['first_find', 'first loop finding'],
  ['repeated_finds', 'repeated loop finding'],
  ['nesting_levels', 'nesting levels'],
];

export class WorkloadSpec {
  constructor(trees, loopsPerTree, smallGraphFinds, bigGraphFinds) {
    this.trees = trees;
    this.loopsPerTree = loopsPerTree;
    this.smallGraphFinds = smallGraphFinds;
    this.bigGraphFinds = bigGraphFinds; // after the first big-graph finding
  }

  // `scale` multiplies the loops per tree (100) and the small-graph
  // findings (15000), rounded half away from zero like C's lround (scales
  // are positive, so Math.round does that).
  static scaled(scale) {
    return new WorkloadSpec(10, Math.round(100 * scale),
                            Math.max(1, Math.round(15000 * scale)), 50);
  }

  // The canonical, citable workload.
  isCanonical() {
    const canonical = WorkloadSpec.scaled(1);
    return this.trees === canonical.trees &&
        this.loopsPerTree === canonical.loopsPerTree &&
        this.smallGraphFinds === canonical.smallGraphFinds &&
        this.bigGraphFinds === canonical.bigGraphFinds;
  }

  // Blocks 0..2, then per tree its first block and per outer loop a top
  // block, 25 base loops of 10 blocks and a bottom block.
  bigGraphBlocks() {
    return 3 + this.trees * (1 + this.loopsPerTree * (2 + 10 * BASE_LOOPS_PER_LOOP));
  }

  // 76 per outer loop, one fewer in the first tree (its first base loop
  // is the small graph's), plus the loops at blocks 0 and 1 and the root.
  expectedLoops() {
    return (3 * BASE_LOOPS_PER_LOOP + 1) * this.trees * this.loopsPerTree - 1 + 2 + 1;
  }
}

// Edges i -> i+1 for i in start .. start+n-1; returns start+n.
function buildStraight(cfg, start, n) {
  for (let i = 0; i < n; i++) cfg.addEdge(start + i, start + i + 1);
  return start + n;
}

// s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3.
function buildDiamond(cfg, start) {
  cfg.addEdge(start, start + 1);
  cfg.addEdge(start, start + 2);
  cfg.addEdge(start + 1, start + 3);
  cfg.addEdge(start + 2, start + 3);
  return start + 3;
}

// Hundt's base loop: blocks from+1 .. from+10 and three loops; returns
// from+10, the block after the footer.
function buildBaseLoop(cfg, from) {
  const header = buildStraight(cfg, from, 1);
  const diamond1 = buildDiamond(cfg, header);
  const d11 = buildStraight(cfg, diamond1, 1);
  const diamond2 = buildDiamond(cfg, d11);
  const footer = buildStraight(cfg, diamond2, 1);
  cfg.addEdge(diamond2, d11);
  cfg.addEdge(diamond1, header);
  cfg.addEdge(footer, from);
  return buildStraight(cfg, footer, 1);
}

// Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2.
export function buildSmallGraph(cfg) {
  cfg.createNode(0);
  buildBaseLoop(cfg, 0);
  cfg.createNode(1);
  cfg.addEdge(0, 2);
}

// Grows the small graph (already in `cfg`) into the big one.
export function buildBigGraph(spec, cfg) {
  let n = 2;
  for (let tree = 0; tree < spec.trees; tree++) {
    cfg.createNode(n + 1);
    cfg.addEdge(2, n + 1);
    n += 1;
    for (let outer = 0; outer < spec.loopsPerTree; outer++) {
      const top = n;
      n = buildStraight(cfg, n, 1);
      for (let base = 0; base < BASE_LOOPS_PER_LOOP; base++) n = buildBaseLoop(cfg, n);
      const bottom = buildStraight(cfg, n, 1);
      cfg.addEdge(n, top);
      n = bottom;
    }
    cfg.addEdge(n, 1);
  }
}

const seconds = (since) => (performance.now() - since) / 1000;

// Runs the workload with `program` (see driver.mjs). Every finding but the
// first on the big graph (kept for the nesting levels) goes into a fresh
// loop graph, or into one reused graph when the program can refill it.
// Returns plain data (it crosses from a Worker by postMessage).
export function runWorkload(program, spec) {
  const result = {
    seconds: [0, 0, 0, 0, 0], // of each of PHASES
    smallGraphLoops: 0,
    smallGraphLoopsTotal: 0,
    loops: 0,
    loopsTotal: 0, // over the repeated findings only
    rootNestingLevel: 0,
    // Each repeated finding's wall seconds, in order: the steady state,
    // with the first ones still warming up (V8 compiles as it runs).
    repeatedFindSeconds: new Float64Array(spec.bigGraphFinds),
  };
  const cfg = program.newCfg();
  const finder = program.newFinder();
  const reused = program.newLoopGraph();
  const findDiscardingGraph = () => program.findLoops(
      finder, cfg, program.reusesLoopGraph ? reused : program.newLoopGraph());

  let watch = performance.now();
  buildSmallGraph(cfg);
  cfg.finish();
  for (let i = 0; i < spec.smallGraphFinds; i++) {
    const loops = findDiscardingGraph();
    if (i === 0) result.smallGraphLoops = loops;
    result.smallGraphLoopsTotal += loops;
  }
  result.seconds[0] = seconds(watch);

  watch = performance.now();
  buildBigGraph(spec, cfg);
  cfg.finish();
  result.seconds[1] = seconds(watch);

  const first = program.newLoopGraph();
  watch = performance.now();
  result.loops = program.findLoops(finder, cfg, first);
  result.seconds[2] = seconds(watch);

  watch = performance.now();
  for (let i = 0; i < spec.bigGraphFinds; i++) {
    const each = performance.now();
    result.loopsTotal += findDiscardingGraph();
    result.repeatedFindSeconds[i] = seconds(each);
  }
  result.seconds[3] = seconds(watch);

  watch = performance.now();
  first.calculateNestingLevel();
  result.seconds[4] = seconds(watch);
  result.rootNestingLevel = first.rootNestingLevel();
  return result;
}

// What is wrong with the run's loop counts, one line per problem.
export function checkLoopCounts(spec, result) {
  const checks = [
    ['small-graph loops', result.smallGraphLoops, SMALL_GRAPH_LOOPS],
    ['small-graph loops, all findings', result.smallGraphLoopsTotal,
     SMALL_GRAPH_LOOPS * spec.smallGraphFinds],
    ['big-graph loops', result.loops, spec.expectedLoops()],
    ['big-graph loops, repeated findings', result.loopsTotal,
     spec.expectedLoops() * spec.bigGraphFinds],
    ['root nesting level', result.rootNestingLevel, BIG_GRAPH_LOOP_DEPTH],
  ];
  return checks.filter(([, got, want]) => got !== want)
      .map(([what, got, want]) => `${what}: ${got}, expected ${want}`);
}
