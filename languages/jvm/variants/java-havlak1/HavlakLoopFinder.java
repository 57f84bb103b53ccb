package havlak1;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Havlak's loop recognition ("Nesting of reducible and irreducible loops",
 * TOPLAS 1997) as Hundt wrote it in Java: it finds the loop nesting forest
 * of a CFG, reducible and irreducible loops alike. A finder is made for
 * each finding and builds all of its bookkeeping afresh, named as in
 * Havlak's paper; blocks are identified by preorder number from step b on.
 */
final class HavlakLoopFinder {
  /**
   * Union-find after Tarjan (1983): each node points towards the header of
   * the outermost loop found so far that contains it.
   */
  static final class UnionFindNode {
    private UnionFindNode parent;
    private Cfg.BasicBlock bb;  // null: not reached by the depth-first search
    private LoopStructureGraph.SimpleLoop loop;  // the loop this node heads, if any
    private int dfsNumber;

    void initNode(Cfg.BasicBlock bb, int dfsNumber) {
      this.parent = this;
      this.bb = bb;
      this.dfsNumber = dfsNumber;
      this.loop = null;
    }

    /**
     * The set's representative, with path compression: every node passed
     * on the way is pointed straight at it, remembered in a list.
     */
    UnionFindNode findSet() {
      List<UnionFindNode> nodeList = new ArrayList<>();
      UnionFindNode node = this;
      while (node != node.parent) {
        if (node.parent != node.parent.parent) nodeList.add(node);
        node = node.parent;
      }
      for (UnionFindNode iter : nodeList) iter.parent = node;
      return node;
    }

    /** Joins this node's set to {@code other}'s. No ranks. */
    void union(UnionFindNode other) { parent = other; }
  }

  private enum BasicBlockClass {
    BB_NONHEADER,    // a plain block
    BB_REDUCIBLE,    // header of a reducible loop
    BB_SELF,         // header of a one-block loop
    BB_IRREDUCIBLE,  // header of an irreducible loop
    BB_DEAD,         // not reachable from the start
  }

  private static final int UNVISITED = Integer.MAX_VALUE;

  private final Cfg cfg;
  private final LoopStructureGraph lsg;
  private final Map<Cfg.BasicBlock, Integer> number = new HashMap<>();

  HavlakLoopFinder(Cfg cfg, LoopStructureGraph lsg) {
    this.cfg = cfg;
    this.lsg = lsg;
  }

  /**
   * With preorder numbers, w is an ancestor of v in the depth-first
   * spanning tree iff v lies in w's subtree range [w, last[w]].
   */
  private static boolean isAncestor(int w, int v, int[] last) {
    return w <= v && v <= last[w];
  }

  /**
   * Numbers the blocks reachable from {@code currentNode} in preorder,
   * starting with {@code current}; returns the last number used.
   */
  private int doDFS(Cfg.BasicBlock currentNode, UnionFindNode[] nodes, int[] last, int current) {
    nodes[current].initNode(currentNode, current);
    number.put(currentNode, current);
    int lastId = current;
    for (Cfg.BasicBlock target : currentNode.outEdges) {
      if (number.get(target) == UNVISITED) lastId = doDFS(target, nodes, last, lastId + 1);
    }
    last[number.get(currentNode)] = lastId;
    return lastId;
  }

  /** Finds the loops and adds them to the loop graph; returns lsg.numLoops(). */
  int findLoops() {
    if (cfg.getStartBasicBlock() == null) return lsg.numLoops();
    int size = cfg.getNumNodes();
    List<Set<Integer>> nonBackPreds = new ArrayList<>(size);
    List<List<Integer>> backPreds = new ArrayList<>(size);
    int[] header = new int[size];
    BasicBlockClass[] type = new BasicBlockClass[size];
    int[] last = new int[size];
    UnionFindNode[] nodes = new UnionFindNode[size];
    for (int i = 0; i < size; i++) {
      nonBackPreds.add(new HashSet<>());
      backPreds.add(new ArrayList<>());
      nodes[i] = new UnionFindNode();
    }

    // Step a: number the blocks in preorder; unreached blocks keep UNVISITED.
    for (Cfg.BasicBlock bb : cfg.getBasicBlocks()) number.put(bb, UNVISITED);
    doDFS(cfg.getStartBasicBlock(), nodes, last, 0);

    // Step b: split each reached block's incoming edges into back edges
    // (from a depth-first descendant, following Tarjan) and the rest.
    for (int w = 0; w < size; w++) {
      header[w] = 0;
      type[w] = BasicBlockClass.BB_NONHEADER;
      Cfg.BasicBlock nodeW = nodes[w].bb;
      if (nodeW == null) {
        type[w] = BasicBlockClass.BB_DEAD;
        continue;
      }
      for (Cfg.BasicBlock nodeV : nodeW.inEdges) {
        int v = number.get(nodeV);
        if (v == UNVISITED) continue;  // an edge from a dead block
        if (isAncestor(w, v, last)) {
          backPreds.get(w).add(v);
        } else {
          nonBackPreds.get(w).add(v);
        }
      }
    }
    header[0] = 0;  // the start block is the root of all other loops

    // Step c: the blocks in reverse preorder, so inner loop headers come
    // before the headers of loops around them. For a header w, chase
    // backwards from the sources of its back edges, collecting the loop
    // body P (nodePool). Every candidate is looked for in P: a body of p
    // blocks costs O(p^2) here.
    for (int w = size - 1; w >= 0; w--) {
      Cfg.BasicBlock nodeW = nodes[w].bb;
      if (nodeW == null) continue;

      // Step d: P starts as the loops (or blocks) the back edges come from.
      LinkedList<UnionFindNode> nodePool = new LinkedList<>();
      for (int v : backPreds.get(w)) {
        if (v != w) {
          nodePool.add(nodes[v].findSet());
        } else {
          type[w] = BasicBlockClass.BB_SELF;
        }
      }
      LinkedList<UnionFindNode> workList = new LinkedList<>(nodePool);
      if (!nodePool.isEmpty()) type[w] = BasicBlockClass.BB_REDUCIBLE;

      while (!workList.isEmpty()) {
        UnionFindNode x = workList.removeFirst();

        // Step e, Havlak's change to Tarjan: a predecessor outside w's
        // subtree is a second entry into the loop, which makes it
        // irreducible; it is remembered as an entry to w itself.
        for (int y : nonBackPreds.get(x.dfsNumber)) {
          UnionFindNode ydash = nodes[y].findSet();
          if (!isAncestor(w, ydash.dfsNumber, last)) {
            type[w] = BasicBlockClass.BB_IRREDUCIBLE;
            nonBackPreds.get(w).add(ydash.dfsNumber);
          } else if (ydash.dfsNumber != w && !nodePool.contains(ydash)) {
            workList.add(ydash);
            nodePool.add(ydash);
          }
        }
      }

      // Collapse the loop body into w and record the loop. Nested loops
      // join as children, other blocks as the loop's own blocks.
      if (!nodePool.isEmpty() || type[w] == BasicBlockClass.BB_SELF) {
        LoopStructureGraph.SimpleLoop loop = lsg.createNewLoop();
        loop.setHeader(nodeW);
        loop.isReducible = type[w] != BasicBlockClass.BB_IRREDUCIBLE;
        nodes[w].loop = loop;
        for (UnionFindNode node : nodePool) {
          header[node.dfsNumber] = w;
          node.union(nodes[w]);
          if (node.loop != null) {
            node.loop.setParent(loop);
          } else {
            loop.addNode(node.bb);
          }
        }
      }
    }
    return lsg.numLoops();
  }
}
