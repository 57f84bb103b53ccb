package scalahavlak1

import scala.collection.mutable

/**
 * Union-find after Tarjan (1983): each node points towards the header of
 * the outermost loop found so far that contains it.
 */
final class UnionFindNode {
  var parent: UnionFindNode = null
  var bb: BasicBlock = null  // null: not reached by the depth-first search
  var loop: SimpleLoop = null  // the loop this node heads, if any
  var dfsNumber = 0

  def initNode(block: BasicBlock, number: Int): Unit = {
    parent = this
    bb = block
    dfsNumber = number
    loop = null
  }

  /**
   * The set's representative, with path compression: every node passed on
   * the way is pointed straight at it, remembered in a list.
   */
  def findSet(): UnionFindNode = {
    var nodeList = List[UnionFindNode]()
    var node = this
    while (node != node.parent) {
      if (node.parent != node.parent.parent) nodeList = node :: nodeList
      node = node.parent
    }
    nodeList.foreach(_.parent = node)
    node
  }

  /** Joins this node's set to `other`'s. No ranks. */
  def union(other: UnionFindNode): Unit = parent = other
}

/**
 * Havlak's loop recognition ("Nesting of reducible and irreducible loops",
 * TOPLAS 1997) as Hundt wrote it in Scala: the loop nesting forest of a
 * CFG, reducible and irreducible loops alike. A finder is made for each
 * finding and builds all of its bookkeeping afresh, named as in Havlak's
 * paper; blocks are identified by preorder number from step b on.
 */
final class HavlakLoopFinder(cfg: Cfg, lsg: LoopStructureGraph) {
  private object BasicBlockClass extends Enumeration {
    val BB_NONHEADER, BB_REDUCIBLE, BB_SELF, BB_IRREDUCIBLE, BB_DEAD = Value
  }
  import BasicBlockClass._

  private val Unvisited = Int.MaxValue
  private val number = new mutable.HashMap[BasicBlock, Int]

  /** w is an ancestor of v in the DFS tree iff v lies in [w, last(w)]. */
  private def isAncestor(w: Int, v: Int, last: Array[Int]): Boolean = w <= v && v <= last(w)

  /** Numbers the blocks reachable from `block` in preorder from `current`. */
  private def doDFS(block: BasicBlock, nodes: Array[UnionFindNode], last: Array[Int],
      current: Int): Int = {
    nodes(current).initNode(block, current)
    number(block) = current
    var lastId = current
    for (target <- block.outEdges) {
      if (number(target) == Unvisited) lastId = doDFS(target, nodes, last, lastId + 1)
    }
    last(number(block)) = lastId
    lastId
  }

  /** Finds the loops and adds them to the loop graph; returns lsg.numLoops. */
  def findLoops(): Int = {
    if (cfg.startNode == null) return lsg.numLoops()
    val size = cfg.numNodes
    val nonBackPreds = Array.fill(size)(new mutable.HashSet[Int])
    val backPreds = Array.fill(size)(new mutable.ListBuffer[Int])
    val header = new Array[Int](size)
    val types = Array.fill(size)(BB_NONHEADER)
    val last = new Array[Int](size)
    val nodes = Array.fill(size)(new UnionFindNode)

    // Step a: number the blocks in preorder; unreached blocks keep Unvisited.
    for (bb <- cfg.basicBlockMap.values) number(bb) = Unvisited
    doDFS(cfg.startNode, nodes, last, 0)

    // Step b: split each reached block's incoming edges into back edges
    // (from a depth-first descendant) and the rest.
    for (w <- 0 until size) {
      header(w) = 0
      val nodeW = nodes(w).bb
      if (nodeW == null) {
        types(w) = BB_DEAD
      } else {
        for (nodeV <- nodeW.inEdges) {
          val v = number(nodeV)
          if (v != Unvisited) {  // else an edge from a dead block
            if (isAncestor(w, v, last)) backPreds(w) += v else nonBackPreds(w) += v
          }
        }
      }
    }

    // Step c: the blocks in reverse preorder, inner loop headers before the
    // headers of loops around them. The loop body P (nodePool) is searched
    // for every candidate: O(p^2) for a body of p blocks.
    for (w <- (size - 1) to 0 by -1) {
      val nodeW = nodes(w).bb
      if (nodeW != null) {
        // Step d: P starts as the loops (or blocks) the back edges come from.
        val nodePool = new mutable.ListBuffer[UnionFindNode]
        for (v <- backPreds(w)) {
          if (v != w) nodePool += nodes(v).findSet() else types(w) = BB_SELF
        }
        val workList = new mutable.ListBuffer[UnionFindNode]
        workList ++= nodePool
        if (nodePool.nonEmpty) types(w) = BB_REDUCIBLE

        while (workList.nonEmpty) {
          val x = workList.remove(0)
          // Step e: a predecessor outside w's subtree is a second entry into
          // the loop, which makes it irreducible.
          for (y <- nonBackPreds(x.dfsNumber)) {
            val ydash = nodes(y).findSet()
            if (!isAncestor(w, ydash.dfsNumber, last)) {
              types(w) = BB_IRREDUCIBLE
              nonBackPreds(w) += ydash.dfsNumber
            } else if (ydash.dfsNumber != w && !nodePool.contains(ydash)) {
              workList += ydash
              nodePool += ydash
            }
          }
        }

        // Collapse the loop body into w and record the loop: nested loops
        // join as children, other blocks as the loop's own blocks.
        if (nodePool.nonEmpty || types(w) == BB_SELF) {
          val loop = lsg.createNewLoop()
          loop.setHeader(nodeW)
          loop.isReducible = types(w) != BB_IRREDUCIBLE
          nodes(w).loop = loop
          for (node <- nodePool) {
            header(node.dfsNumber) = w
            node.union(nodes(w))
            if (node.loop != null) node.loop.setParent(loop) else loop.addNode(node.bb)
          }
        }
      }
    }
    lsg.numLoops()
  }
}
