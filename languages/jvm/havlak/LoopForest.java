package havlak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical loop forest: for each loop (not the artificial root) its
 * header, its own blocks (ascending), whether it is reducible, its parent's
 * header, its depth (1 for outermost loops) and nesting level (0 for
 * innermost loops); loops ascending by header. Two rungs' forests are equal
 * exactly when they found the same loops.
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

    public Loop(int header, int[] blocks, boolean reducible, int parent, int depth,
        int nestingLevel) {
      this.header = header;
      this.blocks = blocks;
      this.reducible = reducible;
      this.parent = parent;
      this.depth = depth;
      this.nestingLevel = nestingLevel;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Loop)) return false;
      Loop o = (Loop) other;
      return header == o.header && Arrays.equals(blocks, o.blocks) && reducible == o.reducible
          && parent == o.parent && depth == o.depth && nestingLevel == o.nestingLevel;
    }

    @Override
    public int hashCode() { return header; }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      out.append("loop ").append(header).append(": depth ").append(depth).append(", nesting ")
          .append(nestingLevel).append(", ").append(reducible ? "reducible" : "irreducible")
          .append(", parent ").append(parent == NO_PARENT ? "none" : Integer.toString(parent))
          .append(", blocks");
      for (int block : blocks) out.append(' ').append(block);
      return out.toString();
    }
  }

  public final List<Loop> loops;

  private LoopForest(List<Loop> loops) { this.loops = loops; }

  /** Hundt's count: the loops plus the artificial root. */
  public int numLoopsWithRoot() { return loops.size() + 1; }

  @Override
  public boolean equals(Object other) {
    return other instanceof LoopForest && loops.equals(((LoopForest) other).loops);
  }

  @Override
  public int hashCode() { return loops.size(); }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Loop loop : loops) out.append(loop).append('\n');
    return out.toString();
  }

  /** Collects loops in any order and produces the canonical forest. */
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

  /**
   * "# java-top: 2 loops in loops.cfg (6 blocks, 7 edges), plus the
   * artificial root", then one line per loop with the file's block ids.
   * {@code input} is a byte string.
   */
  public String formatText(String rung, String input, CfgFile file) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(rung).append(": ").append(Text.count(loops.size(), "loop"))
        .append(" in ").append(Text.printable(input)).append(" (")
        .append(Text.count(file.graph.numBlocks, "block")).append(", ")
        .append(Text.count(file.graph.numEdges(), "edge"))
        .append("), plus the artificial root\n");
    for (Loop loop : loops) {
      out.append("loop ").append(file.id(loop.header)).append(": depth ").append(loop.depth)
          .append(", nesting ").append(loop.nestingLevel).append(", ")
          .append(loop.reducible ? "reducible" : "irreducible").append(", parent ");
      if (loop.parent == NO_PARENT) {
        out.append("none");
      } else {
        out.append(file.id(loop.parent));
      }
      out.append(", blocks");
      for (int block : loop.blocks) out.append(' ').append(file.id(block));
      out.append('\n');
    }
    return out.toString();
  }

  /** The same as one JSON record. */
  public String formatJson(String rung, String input, CfgFile file) {
    Json json = new Json();
    json.beginObject();
    json.key("rung").string(rung);
    json.key("input").string(input);
    json.key("blocks").integer(file.graph.numBlocks);
    json.key("edges").integer(file.graph.numEdges());
    json.key("loops").beginArray();
    for (Loop loop : loops) {
      json.beginObject();
      json.key("header").integer(file.id(loop.header));
      json.key("blocks").beginArray();
      for (int block : loop.blocks) json.integer(file.id(block));
      json.endArray();
      json.key("reducible").bool(loop.reducible);
      json.key("parent");
      if (loop.parent == NO_PARENT) {
        json.nul();
      } else {
        json.integer(file.id(loop.parent));
      }
      json.key("depth").integer(loop.depth);
      json.key("nesting_level").integer(loop.nestingLevel);
      json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.take() + "\n";
  }
}
