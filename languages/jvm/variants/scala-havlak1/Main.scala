package scalahavlak1

/**
 * scala-havlak1: Hundt's Scala design. Mutable hash maps and sets of
 * objects, list buffers, a recursive depth-first search, a fresh finder and
 * loop graph for every finding. The command line, CFG files and reports
 * are the Java programs' harness (languages/jvm/havlak), called from Scala.
 */
final class Havlak1 extends havlak.Rung[Cfg, LoopStructureGraph]("scala-havlak1",
    "Hundt's Scala design: mutable hash maps and sets of objects, list buffers, recursion",
    false, true) {
  override def language(): String = "scala"
  override def newCfg(): Cfg = new Cfg
  override def newLoopGraph(): LoopStructureGraph = new LoopStructureGraph
  override def newFinder(): havlak.Rung.Finder[Cfg, LoopStructureGraph] =
    new havlak.Rung.Finder[Cfg, LoopStructureGraph] {
      override def findLoops(cfg: Cfg, lsg: LoopStructureGraph): Int =
        new HavlakLoopFinder(cfg, lsg).findLoops()
    }
}

object Main {
  def main(args: Array[String]): Unit = havlak.Driver.main(new Havlak1, args)
}
