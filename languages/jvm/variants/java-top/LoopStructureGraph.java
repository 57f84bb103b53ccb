package top;

import havlak.LoopForest;
import java.util.Arrays;

/**
 * The loop structure graph in flat arrays. Loop i (0 is the artificial
 * root) is an entry in three arrays (header, parent, reducibility), and one
 * array maps each block to its innermost loop, which also says what each
 * loop's own blocks are. Depths and nesting levels are computed in one pass
 * over the parents, because a loop is always created after the loops inside
 * it. clear() keeps the storage, so one graph serves every finding.
 *
 * <pre>
 *   loop        nesting level   depth
 *   root        2               0
 *     loop-1    1               1
 *       loop-2  0               2
 *     loop-3    0               1
 * </pre>
 */
final class LoopStructureGraph implements havlak.Rung.LoopGraph {
  static final int ROOT = 0;
  static final int NO_LOOP = -1;

  private int numLoops;
  private int[] header = new int[16];   // a block; the root's is NO_LOOP
  private int[] parent = new int[16];
  private boolean[] reducible = new boolean[16];
  private int[] depth = new int[0];          // filled by calculateNestingLevel
  private int[] nestingLevel = new int[0];   // filled by calculateNestingLevel
  private boolean levelsComputed = false;
  private int[] blockLoop = new int[0];
  private int numBlocks;

  LoopStructureGraph() { clear(0); }

  /**
   * Forgets every loop but the root and makes the block map cover
   * {@code blocks} blocks, none in a loop. Keeps the storage.
   */
  void clear(int blocks) {
    numLoops = 0;
    levelsComputed = false;
    // The root, with the fields of a loop, so that loops can point to it.
    push(NO_LOOP, true);
    if (blockLoop.length < blocks) blockLoop = new int[blocks];
    Arrays.fill(blockLoop, 0, blocks, NO_LOOP);
    numBlocks = blocks;
  }

  private int push(int block, boolean isReducible) {
    if (numLoops == header.length) {
      int capacity = numLoops * 2;
      header = Arrays.copyOf(header, capacity);
      parent = Arrays.copyOf(parent, capacity);
      reducible = Arrays.copyOf(reducible, capacity);
    }
    header[numLoops] = block;
    parent[numLoops] = NO_LOOP;
    reducible[numLoops] = isReducible;
    return numLoops++;
  }

  /** A new loop headed by {@code block}, which joins it. Returns its index. */
  int createNewLoop(int block, boolean isReducible) {
    int loop = push(block, isReducible);
    blockLoop[block] = loop;
    return loop;
  }

  /** {@code block} joins {@code loop}: the loop is its innermost one. */
  void addNode(int loop, int block) { blockLoop[block] = loop; }

  void setParent(int loop, int parentLoop) { parent[loop] = parentLoop; }

  void markIrreducible(int loop) { reducible[loop] = false; }

  int parent(int loop) { return parent[loop]; }

  int header(int loop) { return header[loop]; }

  /** The innermost loop holding {@code block} so far, or NO_LOOP. */
  int loopOf(int block) { return blockLoop[block]; }

  @Override
  public int numLoops() { return numLoops; }

  @Override
  public void calculateNestingLevel() {
    for (int loop = 1; loop < numLoops; loop++) {
      if (parent[loop] == NO_LOOP) parent[loop] = ROOT;
    }
    // Children come before their parent, so each nesting level is final
    // before it is passed up.
    if (nestingLevel.length < numLoops) {
      nestingLevel = new int[numLoops];
      depth = new int[numLoops];
    }
    Arrays.fill(nestingLevel, 0, numLoops, 0);
    for (int loop = 1; loop < numLoops; loop++) {
      int p = parent[loop];
      nestingLevel[p] = Math.max(nestingLevel[p], nestingLevel[loop] + 1);
    }
    // Parents come after their children: set depths from the end.
    depth[ROOT] = 0;
    for (int loop = numLoops - 1; loop >= 1; loop--) depth[loop] = depth[parent[loop]] + 1;
    levelsComputed = true;
  }

  @Override
  public int rootNestingLevel() { return levelsComputed ? nestingLevel[ROOT] : 0; }

  @Override
  public LoopForest toLoopForest() {
    int[] sizes = new int[numLoops];
    for (int block = 0; block < numBlocks; block++) {
      if (blockLoop[block] != NO_LOOP) sizes[blockLoop[block]]++;
    }
    int[][] blocks = new int[numLoops][];
    for (int loop = 0; loop < numLoops; loop++) blocks[loop] = new int[sizes[loop]];
    Arrays.fill(sizes, 0);
    for (int block = 0; block < numBlocks; block++) {
      int loop = blockLoop[block];
      if (loop != NO_LOOP) blocks[loop][sizes[loop]++] = block;
    }
    LoopForest.Builder forest = new LoopForest.Builder();
    for (int loop = 1; loop < numLoops; loop++) {
      int p = parent[loop];
      forest.add(header[loop], blocks[loop], reducible[loop],
          p == ROOT || p == NO_LOOP ? LoopForest.NO_PARENT : header[p], depth[loop],
          nestingLevel[loop]);
    }
    return forest.build();
  }
}
