package top;

import java.util.Arrays;

/**
 * The control-flow graph in flat arrays: every block's successors are one
 * range of a single int array, and so are its predecessors (compressed
 * sparse rows). No object per block or edge: two offset arrays and two
 * edge arrays hold the whole graph.
 *
 * addEdge records an edge; finish() lays the recorded edges out in the
 * rows, keeping each block's edges in the order they were added (the
 * depth-first search follows that order). Finding loops needs a finished
 * graph.
 */
final class Cfg implements havlak.Builder {
  static final int NO_BLOCK = -1;

  private int numBlocks = 0;
  private int start = NO_BLOCK;
  // Block b's successors are successors[successorBegin[b] .. successorBegin[b + 1]).
  int[] successorBegin = {0};
  int[] successors = new int[0];
  int[] predecessorBegin = {0};
  int[] predecessors = new int[0];
  // Edges added since the last finish(), as (from, to) pairs.
  private int[] added = new int[64];
  private int addedCount = 0;

  @Override
  public void createNode(int name) {
    if (name >= numBlocks) numBlocks = name + 1;
    if (start == NO_BLOCK) start = name;
  }

  @Override
  public void addEdge(int from, int to) {
    createNode(from);
    createNode(to);
    if (2 * addedCount == added.length) added = Arrays.copyOf(added, added.length * 2);
    added[2 * addedCount] = from;
    added[2 * addedCount + 1] = to;
    addedCount++;
  }

  int numNodes() { return numBlocks; }

  /** NO_BLOCK for an empty graph. */
  int start() { return start; }

  /** Lays out the edges added since the last call. O(N + E). */
  @Override
  public void finish() {
    if (addedCount == 0 && successorBegin.length == numBlocks + 1) return;
    int[][] rows = append(successorBegin, successors, 0);
    successorBegin = rows[0];
    successors = rows[1];
    rows = append(predecessorBegin, predecessors, 1);
    predecessorBegin = rows[0];
    predecessors = rows[1];
    added = new int[64];  // give the memory back: the graph is laid out
    addedCount = 0;
  }

  /**
   * Appends the added edges after each block's existing neighbours, in
   * order: by source (side 0) or by target (side 1).
   */
  private int[][] append(int[] begin, int[] neighbours, int side) {
    int oldBlocks = begin.length - 1;
    int[] newBegin = new int[numBlocks + 1];
    for (int block = 0; block < oldBlocks; block++) {
      newBegin[block + 1] = begin[block + 1] - begin[block];
    }
    for (int i = 0; i < addedCount; i++) newBegin[added[2 * i + side] + 1]++;
    for (int block = 0; block < numBlocks; block++) newBegin[block + 1] += newBegin[block];
    int[] newNeighbours = new int[newBegin[numBlocks]];
    int[] fill = Arrays.copyOf(newBegin, numBlocks);
    for (int block = 0; block < oldBlocks; block++) {
      for (int i = begin[block]; i < begin[block + 1]; i++) {
        newNeighbours[fill[block]++] = neighbours[i];
      }
    }
    for (int i = 0; i < addedCount; i++) {
      int block = added[2 * i + side];
      newNeighbours[fill[block]++] = added[2 * i + 1 - side];
    }
    return new int[][] {newBegin, newNeighbours};
  }
}
