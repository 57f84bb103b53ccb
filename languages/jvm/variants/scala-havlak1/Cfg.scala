package scalahavlak1

import scala.collection.mutable

/**
 * Hundt's Scala control-flow graph: a mutable hash map from block name to a
 * block object holding buffers of its in- and out-edges, and every edge an
 * object too.
 */
final class BasicBlock(val name: Int) {
  val inEdges = new mutable.ArrayBuffer[BasicBlock](2)
  val outEdges = new mutable.ArrayBuffer[BasicBlock](2)
  override def toString: String = "BB#" + name
}

/** An edge of the CFG; making one links its ends. */
final class BasicBlockEdge(cfg: Cfg, fromName: Int, toName: Int) {
  val from: BasicBlock = cfg.node(fromName)
  val to: BasicBlock = cfg.node(toName)
  from.outEdges += to
  to.inEdges += from
}

final class Cfg extends havlak.Builder {
  val basicBlockMap = new mutable.HashMap[Int, BasicBlock]
  private val edgeList = new mutable.ListBuffer[BasicBlockEdge]
  /** The first block created; null in an empty graph. */
  var startNode: BasicBlock = null

  /** The block named `name`, created if new. */
  def node(name: Int): BasicBlock =
    basicBlockMap.getOrElseUpdate(name, {
      val block = new BasicBlock(name)
      if (startNode == null) startNode = block
      block
    })

  override def createNode(name: Int): Unit = node(name)

  override def addEdge(from: Int, to: Int): Unit = edgeList += new BasicBlockEdge(this, from, to)

  def numNodes: Int = basicBlockMap.size
}
