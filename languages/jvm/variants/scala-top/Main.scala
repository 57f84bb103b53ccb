package scalatop

/**
 * scala-top: the C++ top rung's ideas (the last rung of ladder.json) in
 * Scala: Array[Int] everywhere, the CFG in compressed sparse rows, an iterative one-pass
 * search, the loop body as the union-find set, one loop graph refilled by
 * every finding. The command line, CFG files and reports are the Java
 * programs' harness (languages/jvm/havlak), called from Scala.
 */
final class Top extends havlak.Rung[Cfg, LoopStructureGraph]("scala-top",
    "the C++ top rung's ideas in Scala arrays: CSR graph, iterative one-pass search, " +
      "union-find as loop body, no per-finding allocation", true, false) {
  override def language(): String = "scala"
  override def newCfg(): Cfg = new Cfg
  override def newLoopGraph(): LoopStructureGraph = new LoopStructureGraph
  override def newFinder(): havlak.Rung.Finder[Cfg, LoopStructureGraph] = {
    val finder = new LoopFinder
    new havlak.Rung.Finder[Cfg, LoopStructureGraph] {
      override def findLoops(cfg: Cfg, lsg: LoopStructureGraph): Int = finder.findLoops(cfg, lsg)
    }
  }
}

object Main {
  def main(args: Array[String]): Unit = havlak.Driver.main(new Top, args)
}
