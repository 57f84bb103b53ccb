package scalatop

/**
 * The control-flow graph in flat arrays (compressed sparse rows): block
 * b's successors are successors(successorBegin(b) until successorBegin(b + 1)),
 * its predecessors likewise. addEdge records an edge; finish() lays the
 * recorded edges out, each block's in the order they were added.
 */
final class Cfg extends havlak.Builder {
  private var blocks = 0
  var start: Int = Cfg.NoBlock
  var successorBegin: Array[Int] = Array(0)
  var successors: Array[Int] = new Array[Int](0)
  var predecessorBegin: Array[Int] = Array(0)
  var predecessors: Array[Int] = new Array[Int](0)
  private var added = new Array[Int](64)  // (from, to) pairs since finish()
  private var addedCount = 0

  override def createNode(name: Int): Unit = {
    if (name >= blocks) blocks = name + 1
    if (start == Cfg.NoBlock) start = name
  }

  override def addEdge(from: Int, to: Int): Unit = {
    createNode(from)
    createNode(to)
    if (2 * addedCount == added.length) added = java.util.Arrays.copyOf(added, added.length * 2)
    added(2 * addedCount) = from
    added(2 * addedCount + 1) = to
    addedCount += 1
  }

  def numNodes: Int = blocks

  /** Lays out the edges added since the last call. O(N + E). */
  override def finish(): Unit = {
    if (addedCount == 0 && successorBegin.length == blocks + 1) return
    val (sb, s) = append(successorBegin, successors, 0)
    successorBegin = sb
    successors = s
    val (pb, p) = append(predecessorBegin, predecessors, 1)
    predecessorBegin = pb
    predecessors = p
    added = new Array[Int](64)
    addedCount = 0
  }

  /** The added edges after each block's existing neighbours, by source (0) or target (1). */
  private def append(begin: Array[Int], neighbours: Array[Int], side: Int): (Array[Int], Array[Int]) = {
    val oldBlocks = begin.length - 1
    val newBegin = new Array[Int](blocks + 1)
    var block = 0
    while (block < oldBlocks) {
      newBegin(block + 1) = begin(block + 1) - begin(block)
      block += 1
    }
    var i = 0
    while (i < addedCount) {
      newBegin(added(2 * i + side) + 1) += 1
      i += 1
    }
    block = 0
    while (block < blocks) {
      newBegin(block + 1) += newBegin(block)
      block += 1
    }
    val newNeighbours = new Array[Int](newBegin(blocks))
    val fill = java.util.Arrays.copyOf(newBegin, blocks)
    block = 0
    while (block < oldBlocks) {
      var j = begin(block)
      while (j < begin(block + 1)) {
        newNeighbours(fill(block)) = neighbours(j)
        fill(block) += 1
        j += 1
      }
      block += 1
    }
    i = 0
    while (i < addedCount) {
      val b = added(2 * i + side)
      newNeighbours(fill(b)) = added(2 * i + 1 - side)
      fill(b) += 1
      i += 1
    }
    (newBegin, newNeighbours)
  }
}

object Cfg {
  final val NoBlock = -1
}
