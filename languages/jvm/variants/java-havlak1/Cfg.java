package havlak1;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hundt's control-flow graph: a hash map from block name to a block object
 * holding lists of its in- and out-edges, and every edge an object too.
 */
final class Cfg implements havlak.Builder {
  /** A block of the CFG. */
  static final class BasicBlock {
    final int name;
    final List<BasicBlock> inEdges = new ArrayList<>(2);
    final List<BasicBlock> outEdges = new ArrayList<>(2);

    BasicBlock(int name) { this.name = name; }

    @Override
    public String toString() { return "BB#" + name; }
  }

  /** An edge of the CFG; making one links its ends. */
  static final class BasicBlockEdge {
    final BasicBlock from;
    final BasicBlock to;

    BasicBlockEdge(Cfg cfg, int fromName, int toName) {
      from = cfg.node(fromName);
      to = cfg.node(toName);
      from.outEdges.add(to);
      to.inEdges.add(from);
    }
  }

  private final Map<Integer, BasicBlock> basicBlockMap = new HashMap<>();
  private final List<BasicBlockEdge> edgeList = new ArrayList<>();
  private BasicBlock startNode;  // the first block created; null in an empty graph

  /** The block named {@code name}, created if new. */
  BasicBlock node(int name) {
    BasicBlock block = basicBlockMap.get(name);
    if (block == null) {
      block = new BasicBlock(name);
      basicBlockMap.put(name, block);
      if (startNode == null) startNode = block;
    }
    return block;
  }

  @Override
  public void createNode(int name) { node(name); }

  @Override
  public void addEdge(int from, int to) { edgeList.add(new BasicBlockEdge(this, from, to)); }

  int getNumNodes() { return basicBlockMap.size(); }

  BasicBlock getStartBasicBlock() { return startNode; }

  Iterable<BasicBlock> getBasicBlocks() { return basicBlockMap.values(); }
}
