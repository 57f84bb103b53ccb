package scalahavlak1

import havlak.LoopForest
import scala.collection.mutable

/** One loop: a hash set of its blocks and one of its child loops. */
final class SimpleLoop(val counter: Int) {
  val basicBlocks = new mutable.HashSet[BasicBlock]
  val children = new mutable.HashSet[SimpleLoop]
  var parent: SimpleLoop = null
  var header: BasicBlock = null
  var isReducible = true
  var nestingLevel = 0
  var depthLevel = 0

  def addNode(block: BasicBlock): Unit = basicBlocks += block

  def setHeader(block: BasicBlock): Unit = {
    basicBlocks += block
    header = block
  }

  def setParent(p: SimpleLoop): Unit = {
    parent = p
    p.children += this
  }
}

/**
 * Hundt's loop structure graph: loop objects under an artificial root.
 *
 * {{{
 *   loop        nesting level   depth
 *   root        2               0
 *     loop-1    1               1
 *       loop-2  0               2
 *     loop-3    0               1
 * }}}
 */
final class LoopStructureGraph extends havlak.Rung.LoopGraph {
  private val loops = new mutable.ArrayBuffer[SimpleLoop]
  private var loopCounter = 0
  private val root = createNewLoop()

  /** A new loop, owned by the graph and counted in numLoops. */
  def createNewLoop(): SimpleLoop = {
    val loop = new SimpleLoop(loopCounter)
    loopCounter += 1
    loops += loop
    loop
  }

  override def numLoops(): Int = loops.size

  override def rootNestingLevel(): Int = root.nestingLevel

  override def calculateNestingLevel(): Unit = {
    for (loop <- loops if loop != root && loop.parent == null) loop.setParent(root)
    calculateNestingLevelRec(root, 0)
  }

  private def calculateNestingLevelRec(loop: SimpleLoop, depth: Int): Unit = {
    loop.depthLevel = depth
    for (child <- loop.children) {
      calculateNestingLevelRec(child, depth + 1)
      loop.nestingLevel = math.max(loop.nestingLevel, 1 + child.nestingLevel)
    }
  }

  override def toLoopForest(): LoopForest = {
    val forest = new LoopForest.Builder
    for (loop <- loops if loop != root) {
      val parent =
        if (loop.parent == null || loop.parent == root) LoopForest.NO_PARENT
        else loop.parent.header.name
      forest.add(loop.header.name, loop.basicBlocks.iterator.map(_.name).toArray,
        loop.isReducible, parent, loop.depthLevel, loop.nestingLevel)
    }
    forest.build()
  }
}
