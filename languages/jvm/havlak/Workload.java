package havlak;

/**
 * Hundt's LoopTesterApp workload (Scala Days 2011, as in Cox's "Profiling
 * Go Programs"), the same shape as havlak/workload.h, written against any
 * Builder. The big graph reuses the small graph's block numbers on purpose:
 * the two are one CFG.
 */
public final class Workload {
  public static final int BASE_LOOPS_PER_LOOP = 25;
  public static final int SMALL_GRAPH_BLOCKS = 11;
  /** Loops of the small graph, counting the artificial root. */
  public static final int SMALL_GRAPH_LOOPS = 4;
  /** The deepest loop's depth in the big graph: the root's nesting level. */
  public static final int BIG_GRAPH_LOOP_DEPTH = 5;

  public final int trees;
  public final int loopsPerTree;
  public final int smallGraphFinds;
  public final int bigGraphFinds;  // after the first finding on the big graph

  public Workload(int trees, int loopsPerTree, int smallGraphFinds, int bigGraphFinds) {
    this.trees = trees;
    this.loopsPerTree = loopsPerTree;
    this.smallGraphFinds = smallGraphFinds;
    this.bigGraphFinds = bigGraphFinds;
  }

  /** The canonical, citable workload. */
  public static Workload canonical() {
    return new Workload(10, 100, 15000, 50);
  }

  /**
   * {@code scale} multiplies the loops per tree (100) and the small-graph
   * finds (15000), rounded as C's lround; the repeated big-graph finds are
   * given separately.
   */
  public static Workload scaled(double scale, int bigGraphFinds) {
    return new Workload(10, (int) lround(100 * scale),
        Math.max(1, (int) lround(15000 * scale)), bigGraphFinds);
  }

  /** C's lround: halves away from zero. */
  static long lround(double x) {
    return (long) (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));
  }

  public boolean isCanonical() {
    Workload c = canonical();
    return trees == c.trees && loopsPerTree == c.loopsPerTree
        && smallGraphFinds == c.smallGraphFinds && bigGraphFinds == c.bigGraphFinds;
  }

  /**
   * Per tree: its first block, then per loop a top block, 25 base loops of
   * 10 new blocks each, and a bottom block; blocks 0..2 come before.
   */
  public long bigGraphBlocks() {
    final long blocksPerLoop = 1 + BASE_LOOPS_PER_LOOP * 10 + 1;
    return 3 + (long) trees * (1 + loopsPerTree * blocksPerLoop);
  }

  /**
   * 3 loops per base loop and 1 around each chain of 25: 76 per outer loop;
   * one fewer in the first tree, plus the loops at blocks 0 and 1, plus the
   * artificial root (derived in tests/workload_test.cc).
   */
  public long expectedBigGraphLoops() {
    final long loopsPerOuterLoop = 3 * BASE_LOOPS_PER_LOOP + 1;
    return loopsPerOuterLoop * trees * loopsPerTree - 1 + 2 + 1;
  }

  /** Edges i -> i+1 for i in start .. start+n-1; returns start+n. */
  public static int buildStraight(Builder cfg, int start, int n) {
    for (int i = 0; i < n; i++) cfg.addEdge(start + i, start + i + 1);
    return start + n;
  }

  /** s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3. */
  public static int buildDiamond(Builder cfg, int start) {
    cfg.addEdge(start, start + 1);
    cfg.addEdge(start, start + 2);
    cfg.addEdge(start + 1, start + 3);
    cfg.addEdge(start + 2, start + 3);
    return start + 3;
  }

  /**
   * Hundt's base loop: blocks from+1 .. from+10 and three loops, one around
   * each diamond and one around both. Returns from+10.
   */
  public static int buildBaseLoop(Builder cfg, int from) {
    int header = buildStraight(cfg, from, 1);
    int diamond1 = buildDiamond(cfg, header);
    int d11 = buildStraight(cfg, diamond1, 1);
    int diamond2 = buildDiamond(cfg, d11);
    int footer = buildStraight(cfg, diamond2, 1);
    cfg.addEdge(diamond2, d11);
    cfg.addEdge(diamond1, header);
    cfg.addEdge(footer, from);
    return buildStraight(cfg, footer, 1);
  }

  /** Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2. */
  public static void buildSmallGraph(Builder cfg) {
    cfg.createNode(0);
    buildBaseLoop(cfg, 0);
    cfg.createNode(1);
    cfg.addEdge(0, 2);
  }

  /** Grows the small graph (already in {@code cfg}) into the big one. */
  public void buildBigGraph(Builder cfg) {
    int n = 2;
    for (int tree = 0; tree < trees; tree++) {
      cfg.createNode(n + 1);
      cfg.addEdge(2, n + 1);
      n = n + 1;
      for (int loop = 0; loop < loopsPerTree; loop++) {
        int top = n;
        n = buildStraight(cfg, n, 1);
        for (int i = 0; i < BASE_LOOPS_PER_LOOP; i++) n = buildBaseLoop(cfg, n);
        int bottom = buildStraight(cfg, n, 1);
        cfg.addEdge(n, top);
        n = bottom;
      }
      cfg.addEdge(n, 1);
    }
  }
}
