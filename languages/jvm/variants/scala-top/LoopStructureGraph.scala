package scalatop

import havlak.LoopForest
import java.util.Arrays

/**
 * The loop structure graph in flat arrays: loop i (0 is the artificial
 * root) is an entry in three arrays (header, parent, reducibility), and one
 * array maps each block to its innermost loop. A loop is always created
 * after the loops inside it, so depths and nesting levels take one pass
 * each. clear() keeps the storage: one graph serves every finding.
 */
final class LoopStructureGraph extends havlak.Rung.LoopGraph {
  import LoopStructureGraph._

  private var loops = 0
  private var header = new Array[Int](16)
  private var parent = new Array[Int](16)
  private var reducible = new Array[Boolean](16)
  private var depth = new Array[Int](0)
  private var nestingLevel = new Array[Int](0)
  private var levelsComputed = false
  private var blockLoop = new Array[Int](0)
  private var blocks = 0
  clear(0)

  /** Forgets every loop but the root; `numBlocks` blocks, none in a loop. */
  def clear(numBlocks: Int): Unit = {
    loops = 0
    levelsComputed = false
    push(NoLoop, true)  // the root
    if (blockLoop.length < numBlocks) blockLoop = new Array[Int](numBlocks)
    Arrays.fill(blockLoop, 0, numBlocks, NoLoop)
    blocks = numBlocks
  }

  private def push(block: Int, isReducible: Boolean): Int = {
    if (loops == header.length) {
      header = Arrays.copyOf(header, loops * 2)
      parent = Arrays.copyOf(parent, loops * 2)
      reducible = Arrays.copyOf(reducible, loops * 2)
    }
    header(loops) = block
    parent(loops) = NoLoop
    reducible(loops) = isReducible
    loops += 1
    loops - 1
  }

  /** A new loop headed by `block`, which joins it; its index. */
  def createNewLoop(block: Int, isReducible: Boolean): Int = {
    val loop = push(block, isReducible)
    blockLoop(block) = loop
    loop
  }

  def addNode(loop: Int, block: Int): Unit = blockLoop(block) = loop
  def setParent(loop: Int, parentLoop: Int): Unit = parent(loop) = parentLoop
  def markIrreducible(loop: Int): Unit = reducible(loop) = false
  def parentOf(loop: Int): Int = parent(loop)
  def headerOf(loop: Int): Int = header(loop)
  def loopOf(block: Int): Int = blockLoop(block)

  override def numLoops(): Int = loops

  override def calculateNestingLevel(): Unit = {
    var loop = 1
    while (loop < loops) {
      if (parent(loop) == NoLoop) parent(loop) = Root
      loop += 1
    }
    if (nestingLevel.length < loops) {
      nestingLevel = new Array[Int](loops)
      depth = new Array[Int](loops)
    }
    Arrays.fill(nestingLevel, 0, loops, 0)
    loop = 1
    while (loop < loops) {  // children before their parent
      val p = parent(loop)
      nestingLevel(p) = math.max(nestingLevel(p), nestingLevel(loop) + 1)
      loop += 1
    }
    depth(Root) = 0
    loop = loops - 1
    while (loop >= 1) {  // parents after their children
      depth(loop) = depth(parent(loop)) + 1
      loop -= 1
    }
    levelsComputed = true
  }

  override def rootNestingLevel(): Int = if (levelsComputed) nestingLevel(Root) else 0

  override def toLoopForest(): LoopForest = {
    val own = Array.fill(loops)(Array.newBuilder[Int])
    for (block <- 0 until blocks if blockLoop(block) != NoLoop) own(blockLoop(block)) += block
    val forest = new LoopForest.Builder
    for (loop <- 1 until loops) {
      val p = parent(loop)
      forest.add(header(loop), own(loop).result(), reducible(loop),
        if (p == Root || p == NoLoop) LoopForest.NO_PARENT else header(p), depth(loop),
        nestingLevel(loop))
    }
    forest.build()
  }
}

object LoopStructureGraph {
  final val Root = 0
  final val NoLoop = -1
}
