package havlak;

/**
 * What a program gives the harness (Driver): its name and idea, and how to
 * make its CFG, its loop finder and its loop structure graph.
 *
 * @param <C> the program's CFG
 * @param <G> the program's loop structure graph
 */
public abstract class Rung<C extends Builder, G extends Rung.LoopGraph> {
  /** A loop structure graph. */
  public interface LoopGraph {
    /** The loops found plus the artificial root. */
    int numLoops();

    /** Links outermost loops to the root, then sets depths and nesting levels. */
    void calculateNestingLevel();

    /** The root's nesting level, after calculateNestingLevel. */
    int rootNestingLevel();

    /** The loops found, after calculateNestingLevel. */
    LoopForest toLoopForest();
  }

  /** Finds the loops of a CFG into a loop graph; returns lsg.numLoops(). */
  public interface Finder<C, G> {
    int findLoops(C cfg, G lsg);
  }

  public final String name;  // "java-top"
  public final String idea;
  /** The finder clears the graph it is given, so one graph can serve every finding. */
  public final boolean reusesLoopGraph;
  /** The search recurses, one frame per block of the longest path: it needs a large stack. */
  public final boolean recursive;

  protected Rung(String name, String idea, boolean reusesLoopGraph, boolean recursive) {
    this.name = name;
    this.idea = idea;
    this.reusesLoopGraph = reusesLoopGraph;
    this.recursive = recursive;
  }

  /** The record's "language": "java", or "scala". */
  public String language() { return "java"; }

  public abstract C newCfg();

  public abstract G newLoopGraph();

  public abstract Finder<C, G> newFinder();
}
