package havlak;

import java.util.Arrays;

/**
 * A CFG as plain data, the one input every rung builds its own graph from
 * (the workload, CFG files, tests): blocks 0..numBlocks-1, the start
 * block, and the edges in insertion order (a block's successors are
 * searched in this order).
 */
public final class EdgeList implements Builder {
  public int numBlocks = 0;
  public int start = 0;
  private int[] from = new int[16];
  private int[] to = new int[16];
  private int edges = 0;

  @Override
  public void createNode(int block) {
    if (numBlocks == 0) start = block;
    if (block >= numBlocks) numBlocks = block + 1;
  }

  @Override
  public void addEdge(int source, int target) {
    createNode(source);
    createNode(target);
    if (edges == from.length) {
      from = Arrays.copyOf(from, edges * 2);
      to = Arrays.copyOf(to, edges * 2);
    }
    from[edges] = source;
    to[edges] = target;
    edges++;
  }

  public int numEdges() { return edges; }

  public int from(int edge) { return from[edge]; }

  public int to(int edge) { return to[edge]; }

  /**
   * Builds a rung's CFG: the start block first (the first block created, as
   * in Hundt's CFG), then every other block, then the edges in order.
   */
  public void replayInto(Builder cfg) {
    if (numBlocks > 0) {
      cfg.createNode(start);
      for (int block = 0; block < numBlocks; block++) cfg.createNode(block);
      for (int i = 0; i < edges; i++) cfg.addEdge(from[i], to[i]);
    }
    cfg.finish();
  }
}
