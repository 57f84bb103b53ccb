package havlak1;

import havlak.Rung;

/**
 * java-havlak1: Hundt's Java design. Hash maps and sets of objects, linked
 * lists, a recursive depth-first search, a fresh finder with all its
 * bookkeeping and a fresh loop graph for every finding. README.md says why
 * it is the bottom of the Java ladder.
 */
public final class Main {
  private Main() {}

  static final class Havlak1 extends Rung<Cfg, LoopStructureGraph> {
    Havlak1() {
      super("java-havlak1", "Hundt's Java design: hash maps and sets of objects, linked lists,"
          + " recursion", false, true);
    }

    @Override
    public Cfg newCfg() { return new Cfg(); }

    @Override
    public LoopStructureGraph newLoopGraph() { return new LoopStructureGraph(); }

    @Override
    public Finder<Cfg, LoopStructureGraph> newFinder() {
      return (cfg, lsg) -> new HavlakLoopFinder(cfg, lsg).findLoops();
    }
  }

  public static void main(String[] args) {
    havlak.Driver.main(new Havlak1(), args);
  }
}
