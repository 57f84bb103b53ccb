package scalatop

import java.util.Arrays

/**
 * Havlak's loop recognition with Ramalingam's fix in one iterative
 * depth-first search, as the C++ top rung does it: each block is
 * a candidate header when the search finishes it; a cross edge is seen from
 * its source; an entry into a loop from outside its header's subtree comes
 * from a block on the search's path and is delivered when that block is
 * finished. Int arrays indexed by block number, kept from call to call: a
 * finding on a graph no bigger than an earlier one allocates nothing.
 * Written with while loops: Scala's `for` over a range is a closure call.
 */
final class LoopFinder {
  import LoopFinder._
  import LoopStructureGraph.{NoLoop, Root}

  private var capacity = 0
  private var number = new Array[Int](0)     // preorder number; Unvisited if not yet
  private var last = new Array[Int](0)       // the last number in the block's subtree
  private var unionFind = new Array[Int](0)  // each block's union-find parent
  private var entriesHead = new Array[Int](0)  // entries of a block, a list; -1: none
  private var entriesNext = new Array[Int](16)
  private var entriesNode = new Array[Int](16)
  private var entryCount = 0
  private var blocksWithEntries = new Array[Int](16)
  private var blocksWithEntriesCount = 0
  // The loop body P, also its work list; its blocks are in w's union-find
  // set already, so P needs no membership test.
  private var pool = new Array[Int](0)
  private var irreducibleUp = new Array[Int](16)
  private var irreducibleUpSize = 0
  private var walked = new Array[Int](16)
  // The search's path: block, next successor, row end, deferred entries.
  private var stackBlock = new Array[Int](0)
  private var stackNext = new Array[Int](0)
  private var stackEnd = new Array[Int](0)
  private var stackDeferred = new Array[Int](0)
  private var stackSize = 0
  private var deferredNext = new Array[Int](16)
  private var deferredHeader = new Array[Int](16)
  private var deferredCount = 0

  private def reset(size: Int): Unit = {
    if (capacity < size) {
      number = new Array[Int](size)
      last = new Array[Int](size)
      unionFind = new Array[Int](size)
      entriesHead = new Array[Int](size)
      Arrays.fill(entriesHead, -1)
      pool = new Array[Int](size)
      stackBlock = new Array[Int](size)
      stackNext = new Array[Int](size)
      stackEnd = new Array[Int](size)
      stackDeferred = new Array[Int](size)
      capacity = size
    }
    Arrays.fill(number, 0, size, Unvisited)
    irreducibleUpSize = 0
  }

  /** Tarjan's union-find with path compression, no ranks. */
  private def findSet(start: Int): Int = {
    val parent = unionFind
    var root = start
    while (parent(root) != root) root = parent(root)
    var v = start
    while (parent(v) != root) {
      val next = parent(v)
      parent(v) = root
      v = next
    }
    root
  }

  private def addEntry(x: Int, v: Int): Unit = {
    if (entriesHead(x) == -1) {
      if (blocksWithEntriesCount == blocksWithEntries.length) {
        blocksWithEntries = Arrays.copyOf(blocksWithEntries, blocksWithEntriesCount * 2)
      }
      blocksWithEntries(blocksWithEntriesCount) = x
      blocksWithEntriesCount += 1
    }
    if (entryCount == entriesNode.length) {
      entriesNext = Arrays.copyOf(entriesNext, entryCount * 2)
      entriesNode = Arrays.copyOf(entriesNode, entryCount * 2)
    }
    entriesNext(entryCount) = entriesHead(x)
    entriesNode(entryCount) = v
    entriesHead(x) = entryCount
    entryCount += 1
  }

  /**
   * Marks loops from `start` upward irreducible while their headers'
   * numbers are above `minNumber`, each once (shortcuts past those marked
   * before); returns the first loop not marked.
   */
  private def markIrreducible(start: Int, minNumber: Int, lsg: LoopStructureGraph): Int = {
    val loops = lsg.numLoops()
    if (irreducibleUpSize < loops) {
      if (irreducibleUp.length < loops) {
        irreducibleUp = Arrays.copyOf(irreducibleUp, math.max(loops, 2 * irreducibleUp.length))
      }
      Arrays.fill(irreducibleUp, irreducibleUpSize, loops, NoShortcut)
      irreducibleUpSize = loops
    }
    var loop = start
    var walkedCount = 0
    while (loop > Root && number(lsg.headerOf(loop)) > minNumber) {
      lsg.markIrreducible(loop)
      if (walkedCount == walked.length) walked = Arrays.copyOf(walked, walkedCount * 2)
      walked(walkedCount) = loop
      walkedCount += 1
      loop = if (irreducibleUp(loop) != NoShortcut) irreducibleUp(loop) else lsg.parentOf(loop)
    }
    if (walkedCount > 0) {
      val outermost = walked(walkedCount - 1)
      var i = 0
      while (i < walkedCount) {
        irreducibleUp(walked(i)) = outermost
        i += 1
      }
      irreducibleUp(outermost) = NoShortcut
    }
    loop
  }

  /** A cross edge into finished loops: they are irreducible, and take `source` in. */
  private def crossEdge(source: Int, target: Int, lsg: LoopStructureGraph): Unit = {
    val outermost = findSet(target)
    if (outermost != target) {
      var loop = lsg.loopOf(target)
      if (lsg.headerOf(loop) == target) loop = lsg.parentOf(loop)
      markIrreducible(loop, Int.MinValue, lsg)
      addEntry(outermost, source)
    }
  }

  /** An entry into w's loop from `entry`, on the path: delivered when it is finished. */
  private def deferEntry(w: Int, entry: Int): Unit = {
    val wanted = number(entry)
    var low = 0
    var high = stackSize
    while (low < high) {
      val middle = (low + high) >>> 1
      if (number(stackBlock(middle)) < wanted) low = middle + 1 else high = middle
    }
    if (deferredCount == deferredNext.length) {
      deferredNext = Arrays.copyOf(deferredNext, deferredCount * 2)
      deferredHeader = Arrays.copyOf(deferredHeader, deferredCount * 2)
    }
    deferredNext(deferredCount) = stackDeferred(low)
    deferredHeader(deferredCount) = w
    stackDeferred(low) = deferredCount
    deferredCount += 1
  }

  /** Havlak's step e for header w, whose back edges put `initial` blocks in P. */
  private def collectLoop(cfg: Cfg, w: Int, initial: Int, lsg: LoopStructureGraph): Unit = {
    val pool = this.pool
    val number = this.number
    val last = this.last
    val unionFind = this.unionFind
    val predecessorBegin = cfg.predecessorBegin
    val predecessors = cfg.predecessors
    val first = number(w)
    val wLast = last(w)
    val anyEntries = entryCount > 0
    var poolSize = initial
    var irreducible = false
    var next = 0
    while (next < poolSize) {
      val x = pool(next)
      val xFirst = number(x)
      val xLast = last(x)
      var i = predecessorBegin(x)
      val end = predecessorBegin(x + 1)
      while (i < end) {
        val u = predecessors(i)
        val uNumber = number(u)
        if (uNumber != Unvisited && (uNumber < xFirst || uNumber > xLast)) {
          val ydash = findSet(u)
          val yNumber = number(ydash)
          if (yNumber >= first && yNumber <= wLast) {
            if (ydash != w) {
              unionFind(ydash) = w
              pool(poolSize) = ydash
              poolSize += 1
            }
          } else {
            irreducible = true
            deferEntry(w, ydash)
          }
        }
        i += 1
      }
      if (anyEntries) {
        var entry = entriesHead(x)
        while (entry != -1) {
          val ydash = findSet(entriesNode(entry))
          val yNumber = number(ydash)
          if (yNumber >= first && yNumber <= wLast) {
            if (ydash != w) {
              unionFind(ydash) = w
              pool(poolSize) = ydash
              poolSize += 1
            }
          } else {
            irreducible = true
            deferEntry(w, ydash)
          }
          entry = entriesNext(entry)
        }
      }
      next += 1
    }
    val loop = lsg.createNewLoop(w, !irreducible)
    var i = 0
    while (i < poolSize) {
      val block = pool(i)
      val inner = lsg.loopOf(block)
      if (inner != NoLoop) lsg.setParent(inner, loop) else lsg.addNode(loop, block)
      i += 1
    }
  }

  /** Replaces what `lsg` held with the loops of `cfg`; lsg.numLoops(). */
  def findLoops(cfg: Cfg, lsg: LoopStructureGraph): Int = {
    lsg.clear(cfg.numNodes)
    if (cfg.start == Cfg.NoBlock) return lsg.numLoops()
    reset(cfg.numNodes)
    val number = this.number
    val last = this.last
    val unionFind = this.unionFind
    val pool = this.pool
    val successorBegin = cfg.successorBegin
    val successors = cfg.successors
    val predecessorBegin = cfg.predecessorBegin
    val predecessors = cfg.predecessors

    var nextNumber = 0
    var block = cfg.start
    number(block) = nextNumber
    nextNumber += 1
    last(block) = Open
    unionFind(block) = block
    var next = successorBegin(block)
    var end = successorBegin(block + 1)
    var deferred = -1
    var searching = true
    while (searching) {
      val currentNumber = number(block)
      var target = -1
      while (target == -1 && next != end) {
        val candidate = successors(next)
        val targetNumber = number(candidate)
        if (targetNumber == Unvisited) {
          target = candidate
        } else if (targetNumber < currentNumber && last(candidate) != Open) {
          crossEdge(block, candidate, lsg)
        }
        next += 1
      }
      if (target != -1) {
        stackBlock(stackSize) = block
        stackNext(stackSize) = next
        stackEnd(stackSize) = end
        stackDeferred(stackSize) = deferred
        stackSize += 1
        block = target
        number(block) = nextNumber
        nextNumber += 1
        last(block) = Open
        unionFind(block) = block
        next = successorBegin(block)
        end = successorBegin(block + 1)
        deferred = -1
      } else {
        // Finished: w's whole subtree is numbered and done.
        val w = block
        val wLast = nextNumber - 1
        last(w) = wLast
        var d = deferred
        while (d != -1) {
          val header = deferredHeader(d)
          markIrreducible(lsg.parentOf(lsg.loopOf(header)), currentNumber, lsg)
          addEntry(findSet(header), w)
          d = deferredNext(d)
        }
        // Step d: P starts as the loops (or blocks) the back edges come from.
        var poolSize = 0
        var selfLoop = false
        var i = predecessorBegin(w)
        val stop = predecessorBegin(w + 1)
        while (i < stop) {
          val v = predecessors(i)
          val vNumber = number(v)
          if (vNumber >= currentNumber && vNumber <= wLast) {
            if (v == w) {
              selfLoop = true
            } else {
              val loop = findSet(v)
              if (loop != w) {
                unionFind(loop) = w
                pool(poolSize) = loop
                poolSize += 1
              }
            }
          }
          i += 1
        }
        if (poolSize > 0) collectLoop(cfg, w, poolSize, lsg)
        else if (selfLoop) lsg.createNewLoop(w, true)

        if (stackSize == 0) {
          searching = false
        } else {
          stackSize -= 1
          block = stackBlock(stackSize)
          next = stackNext(stackSize)
          end = stackEnd(stackSize)
          deferred = stackDeferred(stackSize)
        }
      }
    }

    var i = 0
    while (i < blocksWithEntriesCount) {
      entriesHead(blocksWithEntries(i)) = -1
      i += 1
    }
    blocksWithEntriesCount = 0
    entryCount = 0
    deferredCount = 0
    lsg.numLoops()
  }
}

object LoopFinder {
  final val Unvisited = -1
  final val Open = Int.MaxValue
  final val NoShortcut = -2
}
