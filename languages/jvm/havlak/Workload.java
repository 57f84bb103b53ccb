package havlak;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Hundt's LoopTesterApp workload (havlak/workload.h; its shape and counts
 * are derived in scripts/havlak_tools/workload.py) at a scale, and its run
 * on one program: five phases, timed. The big graph reuses the small
 * graph's block numbers on purpose: the two are one CFG.
 */
public final class Workload {
  public static final double MIN_SCALE = 0.01;  // workload.py's range
  public static final double MAX_SCALE = 400;
  public static final int TREES = 10;
  public static final int ITERATIONS = 50;  // big-graph findings after the first, canonically
  public static final int MAX_ITERATIONS = 1_000_000;  // the C++ programs' kMaxIterations
  static final int SMALL_GRAPH_LOOPS = 4;   // with the artificial root
  static final int ROOT_NESTING_LEVEL = 5;  // the deepest loop's depth
  /** The phases in order: record keys (havlak/phases.inc) and titles. */
  static final String[] PHASES = {"small_graph_loops", "cfg_construction", "first_find",
      "repeated_finds", "nesting_levels"};
  static final String[] TITLES = {"small-graph loops", "CFG construction",
      "first loop finding", "repeated loop finding", "nesting levels"};

  public final double scale;
  public final int loopsPerTree;     // 100 * scale, rounded half up as C's lround
  public final int smallGraphFinds;  // 15000 * scale, at least 1
  public final int iterations;       // big-graph findings after the first

  public Workload(double scale) { this(scale, ITERATIONS); }

  public Workload(double scale, int iterations) {
    this.scale = scale;
    this.iterations = iterations;
    loopsPerTree = (int) Math.floor(100 * scale + 0.5);
    smallGraphFinds = Math.max(1, (int) Math.floor(15000 * scale + 0.5));
  }

  public boolean canonical() {
    return loopsPerTree == 100 && smallGraphFinds == 15000 && iterations == ITERATIONS;
  }

  /** Blocks 0..2, then per tree a block and per outer loop 1 + 25 * 10 + 1. */
  public long blocks() { return 3 + TREES * (1 + 252L * loopsPerTree); }

  /** 76 loops per outer loop, one fewer in all, the small graph's 2 and the root. */
  public long loops() { return 76L * TREES * loopsPerTree + 2; }

  /** Edges i -> i+1 for i in start .. start+n-1; returns start+n. */
  static int straight(Builder cfg, int start, int n) {
    for (int i = 0; i < n; i++) cfg.addEdge(start + i, start + i + 1);
    return start + n;
  }

  /** s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3. */
  static int diamond(Builder cfg, int s) {
    cfg.addEdge(s, s + 1);
    cfg.addEdge(s, s + 2);
    cfg.addEdge(s + 1, s + 3);
    cfg.addEdge(s + 2, s + 3);
    return s + 3;
  }

  /** Blocks from+1 .. from+10: a loop around two diamonds, each in a loop. Returns from+10. */
  static int baseLoop(Builder cfg, int from) {
    int header = straight(cfg, from, 1);
    int diamond1 = diamond(cfg, header);
    int d11 = straight(cfg, diamond1, 1);
    int diamond2 = diamond(cfg, d11);
    int footer = straight(cfg, diamond2, 1);
    cfg.addEdge(diamond2, d11);
    cfg.addEdge(diamond1, header);
    cfg.addEdge(footer, from);
    return straight(cfg, footer, 1);
  }

  /** Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2. */
  static void smallGraph(Builder cfg) {
    cfg.createNode(0);
    baseLoop(cfg, 0);
    cfg.createNode(1);
    cfg.addEdge(0, 2);
  }

  /**
   * The big graph as the workload's findings search it: the small graph, grown
   * and laid out (for JMH's benchmark, languages/jvm/jmh).
   */
  public void buildBigGraph(Builder cfg) {
    smallGraph(cfg);
    cfg.finish();
    bigGraph(cfg);
    cfg.finish();
  }

  /** Grows the small graph into the big one: trees of outer loops of 25 base loops. */
  void bigGraph(Builder cfg) {
    int n = 2;
    for (int tree = 0; tree < TREES; tree++) {
      cfg.createNode(n + 1);
      cfg.addEdge(2, n + 1);
      n = n + 1;
      for (int loop = 0; loop < loopsPerTree; loop++) {
        int top = n;
        n = straight(cfg, n, 1);
        for (int i = 0; i < 25; i++) n = baseLoop(cfg, n);
        int bottom = straight(cfg, n, 1);
        cfg.addEdge(n, top);
        n = bottom;
      }
      cfg.addEdge(n, 1);
    }
  }

  /** What a run found, what each phase took, and what it allocated. */
  public static final class Result {
    public final double[] seconds = new double[PHASES.length];
    /** Each repeated finding's wall seconds, in order: the steady state after the JIT's warm-up. */
    public final double[] repeatedFindSeconds;
    public int smallGraphLoops;        // the first small-graph finding's, with the root
    public long smallGraphLoopsTotal;  // summed over all small-graph findings
    public int loops;                  // the first big-graph finding's
    public long loopsTotal;            // summed over the repeated findings
    public int rootNestingLevel;
    public long allocatedBytes;        // by the workload's thread
    public long peakHeapBytes;         // the largest heap in use seen after a phase or finding

    Result(int iterations) { repeatedFindSeconds = new double[iterations]; }

    void sampleHeap() {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      peakHeapBytes = Math.max(peakHeapBytes, used);
    }

    /** Ends a phase begun at {@code start}; returns when the next one begins. */
    long lap(int phase, long start) {
      seconds[phase] = (System.nanoTime() - start) / 1e9;
      sampleHeap();
      return System.nanoTime();
    }
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /**
   * Runs the workload on {@code rung}, as the C++ RunWorkload does: every finding
   * but the first big-graph one (kept for the nesting levels) goes into one loop
   * graph when the program reuses its graph, else into a fresh one.
   */
  public <C extends Builder, G extends Rung.LoopGraph> Result run(Rung<C, G> rung) {
    Result result = new Result(iterations);
    long allocated = allocatedBytes();
    C cfg = rung.newCfg();
    Rung.Finder<C, G> finder = rung.newFinder();
    G reused = rung.reusesLoopGraph ? rung.newLoopGraph() : null;

    long start = System.nanoTime();
    smallGraph(cfg);
    cfg.finish();
    for (int i = 0; i < smallGraphFinds; i++) {
      int loops = finder.findLoops(cfg, reused != null ? reused : rung.newLoopGraph());
      if (i == 0) result.smallGraphLoops = loops;
      result.smallGraphLoopsTotal += loops;
    }
    start = result.lap(0, start);
    bigGraph(cfg);
    cfg.finish();
    start = result.lap(1, start);
    G first = rung.newLoopGraph();
    result.loops = finder.findLoops(cfg, first);
    start = result.lap(2, start);
    for (int i = 0; i < iterations; i++) {
      long each = System.nanoTime();
      result.loopsTotal += finder.findLoops(cfg, reused != null ? reused : rung.newLoopGraph());
      result.repeatedFindSeconds[i] = (System.nanoTime() - each) / 1e9;
      result.sampleHeap();
    }
    start = result.lap(3, start);
    first.calculateNestingLevel();
    result.lap(4, start);
    result.rootNestingLevel = first.rootNestingLevel();
    result.allocatedBytes = allocatedBytes() - allocated;
    return result;
  }

  /** What is wrong with a run's loop counts: nothing when they are the known ones. */
  public List<String> problems(Result result) {
    List<String> problems = new ArrayList<>();
    check(problems, "small-graph loops", result.smallGraphLoops, SMALL_GRAPH_LOOPS);
    check(problems, "small-graph loops, all findings", result.smallGraphLoopsTotal,
        (long) SMALL_GRAPH_LOOPS * smallGraphFinds);
    check(problems, "big-graph loops", result.loops, loops());
    check(problems, "big-graph loops, repeated findings", result.loopsTotal, loops() * iterations);
    check(problems, "root nesting level", result.rootNestingLevel, ROOT_NESTING_LEVEL);
    return problems;
  }

  private static void check(List<String> problems, String what, long actual, long expected) {
    if (actual != expected) problems.add(what + ": " + actual + ", expected " + expected);
  }
}
