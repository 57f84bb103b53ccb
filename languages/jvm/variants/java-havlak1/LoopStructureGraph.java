package havlak1;

import havlak.LoopForest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hundt's loop structure graph: every loop an object holding a hash set of
 * its blocks and one of its child loops, under an artificial root loop.
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
  /** One loop. */
  static final class SimpleLoop {
    final Set<Cfg.BasicBlock> basicBlocks = new HashSet<>();
    final Set<SimpleLoop> children = new HashSet<>();
    SimpleLoop parent;
    Cfg.BasicBlock header;
    boolean isReducible = true;
    final int counter;
    int nestingLevel;
    int depthLevel;

    SimpleLoop(int counter) { this.counter = counter; }

    void addNode(Cfg.BasicBlock block) { basicBlocks.add(block); }

    void setHeader(Cfg.BasicBlock block) {
      basicBlocks.add(block);
      header = block;
    }

    void setParent(SimpleLoop parent) {
      this.parent = parent;
      parent.children.add(this);
    }
  }

  private final List<SimpleLoop> loops = new ArrayList<>();
  private final SimpleLoop root;
  private int loopCounter = 0;

  LoopStructureGraph() { root = createNewLoop(); }

  /** A new loop, owned by the graph and counted in numLoops. */
  SimpleLoop createNewLoop() {
    SimpleLoop loop = new SimpleLoop(loopCounter++);
    loops.add(loop);
    return loop;
  }

  @Override
  public int numLoops() { return loops.size(); }

  @Override
  public int rootNestingLevel() { return root.nestingLevel; }

  @Override
  public void calculateNestingLevel() {
    for (SimpleLoop loop : loops) {
      if (loop != root && loop.parent == null) loop.setParent(root);
    }
    calculateNestingLevelRec(root, 0);
  }

  private void calculateNestingLevelRec(SimpleLoop loop, int depth) {
    loop.depthLevel = depth;
    for (SimpleLoop child : loop.children) {
      calculateNestingLevelRec(child, depth + 1);
      loop.nestingLevel = Math.max(loop.nestingLevel, 1 + child.nestingLevel);
    }
  }

  @Override
  public LoopForest toLoopForest() {
    LoopForest.Builder forest = new LoopForest.Builder();
    for (SimpleLoop loop : loops) {
      if (loop == root) continue;
      int[] blocks = new int[loop.basicBlocks.size()];
      int i = 0;
      for (Cfg.BasicBlock block : loop.basicBlocks) blocks[i++] = block.name;
      int parent = loop.parent == null || loop.parent == root
          ? LoopForest.NO_PARENT : loop.parent.header.name;
      forest.add(loop.header.name, blocks, loop.isReducible, parent, loop.depthLevel,
          loop.nestingLevel);
    }
    return forest.build();
  }
}
