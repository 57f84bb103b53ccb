package havlak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The loops a program found, without the artificial root: each loop's
 * header, its own blocks (not its inner loops'), whether it is reducible,
 * its parent's header, its depth (1 for outermost loops) and nesting level
 * (0 for innermost loops); by header, blocks ascending.
 */
public final class LoopForest {
  public static final int NO_PARENT = -1;

  /** One loop. */
  public static final class Loop {
    public final int header;
    public final int[] blocks;
    public final boolean reducible;
    public final int parent;
    public final int depth;
    public final int nestingLevel;

    Loop(int header, int[] blocks, boolean reducible, int parent, int depth, int nestingLevel) {
      this.header = header;
      this.blocks = blocks;
      this.reducible = reducible;
      this.parent = parent;
      this.depth = depth;
      this.nestingLevel = nestingLevel;
    }
  }

  public final List<Loop> loops;

  private LoopForest(List<Loop> loops) { this.loops = loops; }

  /** Collects loops in any order. */
  public static final class Builder {
    private final List<Loop> loops = new ArrayList<>();

    /** One loop, its blocks in any order (the array is sorted in place). */
    public void add(int header, int[] blocks, boolean reducible, int parent, int depth,
        int nestingLevel) {
      Arrays.sort(blocks);
      loops.add(new Loop(header, blocks, reducible, parent, depth, nestingLevel));
    }

    public LoopForest build() {
      loops.sort(Comparator.comparingInt(loop -> loop.header));
      return new LoopForest(loops);
    }
  }

  /** One line a loop, block ids as the file wrote them. */
  String toText(String program, CfgFile file) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(program).append(": ").append(loops.size()).append(" loops in ")
        .append(file.blocks).append(" blocks and ").append(file.edges)
        .append(" edges, plus the artificial root\n");
    for (Loop loop : loops) {
      out.append("loop ").append(file.id(loop.header)).append(": depth ").append(loop.depth)
          .append(", nesting ").append(loop.nestingLevel)
          .append(loop.reducible ? ", reducible" : ", irreducible").append(", parent ")
          .append(loop.parent == NO_PARENT ? "none" : Long.toString(file.id(loop.parent)))
          .append(", blocks");
      for (int block : loop.blocks) out.append(' ').append(file.id(block));
      out.append('\n');
    }
    return out.toString();
  }

  /** The same as one JSON object. */
  String toJson(String program, CfgFile file) {
    StringBuilder out = new StringBuilder();
    out.append("{\"rung\":").append(Driver.quote(program)).append(",\"blocks\":")
        .append(file.blocks).append(",\"edges\":").append(file.edges).append(",\"loops\":[");
    for (Loop loop : loops) {
      out.append(loop == loops.get(0) ? "" : ",").append("{\"header\":")
          .append(file.id(loop.header)).append(",\"blocks\":[");
      for (int i = 0; i < loop.blocks.length; i++) {
        out.append(i == 0 ? "" : ",").append(file.id(loop.blocks[i]));
      }
      out.append("],\"reducible\":").append(loop.reducible).append(",\"parent\":")
          .append(loop.parent == NO_PARENT ? "null" : Long.toString(file.id(loop.parent)))
          .append(",\"depth\":").append(loop.depth).append(",\"nesting_level\":")
          .append(loop.nestingLevel).append('}');
    }
    return out.append("]}\n").toString();
  }
}
