package havlak;

/**
 * Runs Hundt's workload on one rung, timing each phase, as the C++
 * RunWorkload does (havlak/workload_runner.h).
 */
public final class Workloads {
  private Workloads() {}

  /** The phases, in order. */
  public enum Phase {
    SMALL_GRAPH_LOOPS("small-graph loops", "small_graph_loops"),
    CFG_CONSTRUCTION("CFG construction", "cfg_construction"),
    FIRST_FIND("first loop finding", "first_find"),
    REPEATED_FINDS("repeated loop finding", "repeated_finds"),
    NESTING_LEVELS("nesting levels", "nesting_levels");

    public final String title;  // for people
    public final String key;    // for machines

    Phase(String title, String key) {
      this.title = title;
      this.key = key;
    }
  }

  /** What one run found, and how long each phase took. */
  public static final class Result {
    public final double[] wallSeconds = new double[Phase.values().length];
    public final int[] finds = new int[Phase.values().length];
    // Loops (with the root) of the first finding, and summed over all.
    public int smallGraphLoops;
    public long smallGraphLoopsTotal;
    public int bigGraphLoops;
    public long bigGraphLoopsTotal;  // the repeated findings only
    /** The artificial root's nesting level in the first big-graph result. */
    public int rootNestingLevel;
    /** Set when the observer stopped the run after the first big-graph finding. */
    public boolean stoppedAfterFirstFind;

    void set(Phase phase, double seconds, int findings) {
      wallSeconds[phase.ordinal()] = seconds;
      finds[phase.ordinal()] = findings;
    }
  }

  /** Watches a run. */
  public interface Observer {
    /** Between loop findings of the two long phases. */
    default void progress(Phase phase, int done, int total) {}

    /** After the first finding on the big graph; false stops the run there. */
    default boolean continueAfterFirstFind() { return true; }
  }

  /**
   * Every finding but the first on the big graph (kept for the nesting
   * levels) goes into a fresh loop graph, or, with {@code reuse} (rungs that
   * reuse their loop graph), into one graph the rung clears and refills.
   */
  public static <C extends Builder, G extends Rung.LoopGraph> Result run(
      Rung<C, G> rung, Workload spec, boolean reuse, Observer observer) {
    Result result = new Result();
    C cfg = rung.newCfg();
    Rung.Finder<C, G> finder = rung.newFinder();
    G reused = rung.reusesLoopGraph && reuse ? rung.newLoopGraph() : null;

    double start = Measure.now();
    Workload.buildSmallGraph(cfg);
    cfg.finish();
    int finds = spec.smallGraphFinds;
    for (int i = 0; i < finds; i++) {
      int loops = finder.findLoops(cfg, reused != null ? reused : rung.newLoopGraph());
      if (i == 0) result.smallGraphLoops = loops;
      result.smallGraphLoopsTotal += loops;
      observer.progress(Phase.SMALL_GRAPH_LOOPS, i + 1, finds);
    }
    result.set(Phase.SMALL_GRAPH_LOOPS, Measure.now() - start, finds);

    start = Measure.now();
    spec.buildBigGraph(cfg);
    cfg.finish();
    result.set(Phase.CFG_CONSTRUCTION, Measure.now() - start, 0);

    G first = rung.newLoopGraph();
    start = Measure.now();
    result.bigGraphLoops = finder.findLoops(cfg, first);
    result.set(Phase.FIRST_FIND, Measure.now() - start, 1);
    if (!observer.continueAfterFirstFind()) {
      result.stoppedAfterFirstFind = true;
      return result;
    }

    start = Measure.now();
    finds = spec.bigGraphFinds;
    for (int i = 0; i < finds; i++) {
      result.bigGraphLoopsTotal +=
          finder.findLoops(cfg, reused != null ? reused : rung.newLoopGraph());
      observer.progress(Phase.REPEATED_FINDS, i + 1, finds);
    }
    result.set(Phase.REPEATED_FINDS, Measure.now() - start, finds);

    start = Measure.now();
    first.calculateNestingLevel();
    result.set(Phase.NESTING_LEVELS, Measure.now() - start, 0);
    result.rootNestingLevel = first.rootNestingLevel();
    return result;
  }

  /** The canonical loop forest the rung finds in {@code graph}, nesting levels included. */
  public static <C extends Builder, G extends Rung.LoopGraph> LoopForest findForest(
      Rung<C, G> rung, EdgeList graph) {
    C cfg = rung.newCfg();
    graph.replayInto(cfg);
    G lsg = rung.newLoopGraph();
    rung.newFinder().findLoops(cfg, lsg);
    lsg.calculateNestingLevel();
    return lsg.toLoopForest();
  }
}
