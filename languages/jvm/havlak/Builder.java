package havlak;

/**
 * Hundt's interface for building a CFG: adding an edge creates both ends if
 * they are new, and the first block ever created is the start block.
 */
public interface Builder {
  void createNode(int block);

  void addEdge(int from, int to);

  /** Lays out the edges added so far; a graph built in one step has nothing to do. */
  default void finish() {}
}
