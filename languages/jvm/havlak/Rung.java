package havlak;

/**
 * What a rung gives the shared main program (Driver): its name and idea,
 * and how to make its CFG, its loop finder and its loop structure graph.
 *
 * @param <C> the rung's CFG
 * @param <G> the rung's loop structure graph
 */
public abstract class Rung<C extends Builder, G extends Rung.LoopGraph> {
  /** A rung's loop structure graph. */
  public interface LoopGraph {
    /** The loops found plus the artificial root. */
    int numLoops();

    /** Links outermost loops to the root, then sets depths and nesting levels. */
    void calculateNestingLevel();

    /** The root's nesting level, after calculateNestingLevel. */
    int rootNestingLevel();

    /** The canonical forest; requires calculateNestingLevel. */
    LoopForest toLoopForest();
  }

  /** Finds the loops of a CFG into a loop graph; returns lsg.numLoops(). */
  public interface Finder<C, G> {
    int findLoops(C cfg, G lsg);
  }

  public final String name;  // "java-top": unique among all languages' rungs
  public final String idea;
  /** FindLoops clears the graph it is given, so one graph can serve every call. */
  public final boolean reusesLoopGraph;
  /** The search recurses, one frame per block of the longest path. */
  public final boolean recursive;

  protected Rung(String name, String idea, boolean reusesLoopGraph, boolean recursive) {
    this.name = name;
    this.idea = idea;
    this.reusesLoopGraph = reusesLoopGraph;
    this.recursive = recursive;
  }

  /** The language the rung is written in, for the JSON record: "java", "scala". */
  public String language() { return "java"; }

  public abstract C newCfg();

  public abstract G newLoopGraph();

  public abstract Finder<C, G> newFinder();
}
