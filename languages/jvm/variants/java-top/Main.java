package top;

import havlak.Rung;

/**
 * java-top: the C++ top rung's ideas (the last rung of ladder.json) as fast
 * as the JVM allows. Int arrays only: the CFG in compressed sparse rows, the finder's
 * bookkeeping kept from call to call, an iterative search, the loop body as
 * the union-find set, one pass, and one loop graph refilled by every
 * finding.
 */
public final class Main {
  private Main() {}

  static final class Top extends Rung<Cfg, LoopStructureGraph> {
    Top() {
      super("java-top", "the C++ top rung's ideas in int arrays: CSR graph, iterative "
          + "one-pass search, union-find as loop body, no per-finding allocation", true, false);
    }

    @Override
    public Cfg newCfg() { return new Cfg(); }

    @Override
    public LoopStructureGraph newLoopGraph() { return new LoopStructureGraph(); }

    @Override
    public Finder<Cfg, LoopStructureGraph> newFinder() {
      LoopFinder finder = new LoopFinder();
      return finder::findLoops;
    }
  }

  public static void main(String[] args) {
    havlak.Driver.main(new Top(), args);
  }
}
