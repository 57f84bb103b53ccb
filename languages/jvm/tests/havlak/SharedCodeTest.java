package havlak;

import java.nio.charset.StandardCharsets;

/**
 * Unit tests of the shared Java code (java/havlak), a self-checking main
 * (no test framework): each check prints its failure, and the exit status
 * is the number of failures (0: all passed). ctest runs it as java.unit.
 */
public final class SharedCodeTest {
  private static int failures = 0;
  private static int checks = 0;

  private static void expect(String what, Object actual, Object expected) {
    checks++;
    if (!java.util.Objects.equals(actual, expected)) {
      failures++;
      System.err.println("FAIL " + what + ":\n  actual:   " + actual + "\n  expected: " + expected);
    }
  }

  private static String parseError(String... args) {
    return CommandLine.parse(args).error;
  }

  private static void commandLine() {
    CommandLine.Options options = CommandLine.parse(new String[] {"--scale=0.5", "--iterations",
        "3", "--json", "--reuse-loop-graph=false", "--cfg=x.cfg"}).options;
    expect("scale", options.scale, 0.5);
    expect("iterations", options.iterations, 3);
    expect("json", options.json, true);
    expect("reuse", options.reuseLoopGraph, false);
    expect("cfg", options.cfg, "x.cfg");
    expect("given", options.given.size(), 5);
    expect("not a number", parseError("--scale=abc"), "--scale: 'abc' is not a number");
    expect("plus sign", parseError("--scale=+1"), "--scale: '+1' is not a number");
    expect("inf", parseError("--scale=inf"), "--scale: 'inf' is not a number");
    expect("hex", parseError("--scale=0x10"), "--scale: '0x10' is not a number");
    expect("too small", parseError("--scale=0.001"), "--scale: 0.001 is out of range (0.01 to 400)");
    expect("overflow", parseError("--scale=1e400"), "--scale: 1e400 is out of range (0.01 to 400)");
    expect("underflow", parseError("--scale=1e-400"),
        "--scale: 1e-400 is out of range (0.01 to 400)");
    expect("leading dot", CommandLine.parse(new String[] {"--scale=.5"}).options.scale, 0.5);
    expect("whole number", parseError("--iterations=1.5"),
        "--iterations: '1.5' is not a whole number");
    expect("huge integer", parseError("--iterations=99999999999999999999"),
        "--iterations: 99999999999999999999 is out of range (0 to 1000000)");
    expect("negative", parseError("--iterations=-1"), "--iterations: -1 is out of range (0 to 1000000)");
    expect("boolean", parseError("--json=yes"), "--json: 'yes' is not true or false");
    expect("unknown", parseError("--bogus"), "unknown flag '--bogus'");
    expect("stray", parseError("stray"), "unexpected argument 'stray'");
    expect("bare dashes", parseError("--"), "unexpected argument '--'");
    expect("forgotten value", parseError("--cfg", "--json"), "--cfg needs a value");
    expect("value at the end", parseError("--scale"), "--scale needs a value");
    expect("twice", parseError("--json", "--json"), "--json: given more than once");
    expect("empty file name", parseError("--cfg="), "--cfg: needs a file name ('-' for stdin)");
    expect("-h", CommandLine.parse(new String[] {"-h"}).options.help, true);
    expect("escaped", parseError("--scale=a\nb"), "--scale: 'a\\nb' is not a number");
    String usage = CommandLine.usage("java-top", "idea", true);
    expect("usage first line", usage.substring(0, usage.indexOf('\n')), "java-top: idea");
    expect("usage lists flags", usage.contains("  --reuse-loop-graph    refill"), true);
    expect("usage's workload", usage.contains("15000 loop findings on a small\ngraph, then a big "
        + "graph of 252013 blocks built and searched for\nloops 1 + 50 times"), true);
    expect("usage: a rung that reuses", usage.contains("(default true, like Cox's"), true);
    String bottom = CommandLine.usage("java-havlak1", "idea", false);
    expect("usage: a rung that cannot reuse",
        bottom.contains("(not this rung: its finder fills a fresh graph every time)"), true);
  }

  private static void workload() {
    Workload canonical = Workload.scaled(1, 50);
    expect("canonical", canonical.isCanonical(), true);
    expect("blocks", canonical.bigGraphBlocks(), 252013L);
    expect("loops", canonical.expectedBigGraphLoops(), 76002L);
    EdgeList graph = new EdgeList();
    Workload.buildSmallGraph(graph);
    expect("small graph blocks", graph.numBlocks, Workload.SMALL_GRAPH_BLOCKS);
    canonical.buildBigGraph(graph);
    expect("big graph blocks", (long) graph.numBlocks, canonical.bigGraphBlocks());
    Workload small = Workload.scaled(0.013, 2);
    expect("lround", small.loopsPerTree, 1);
    expect("small finds", small.smallGraphFinds, 195);
    expect("not canonical", small.isCanonical(), false);
    expect("lround half", Workload.lround(2.5), 3L);
  }

  private static String readError(String text) {
    try {
      CfgFile.parse(text.getBytes(StandardCharsets.ISO_8859_1), "in.cfg");
      return null;
    } catch (CfgFile.BadCfg e) {
      return e.getMessage();
    }
  }

  private static void cfgFile() throws CfgFile.BadCfg {
    CfgFile file = CfgFile.parse(
        "\u00ef\u00bb\u00bf# c\nstart 100\n100 200 # x\n200 100\r\nblock 7\n4000000000 100\n"
            .getBytes(StandardCharsets.ISO_8859_1), "in.cfg");
    expect("blocks", file.graph.numBlocks, 4);
    expect("edges", file.graph.numEdges(), 3);
    expect("id of the start", file.id(0), 100L);
    expect("a large id", file.id(3), 4000000000L);
    expect("format", CfgFile.format(file.graph, file.ids, "a\nb"),
        "# a\n# b\nstart 100\n100 200\n200 100\n4000000000 100\nblock 7\n");
    expect("empty", readError(""), "in.cfg: empty: no start block and no edges");
    expect("no start", readError("1 2\n"), "in.cfg: no start block: a 'start ID' line is missing");
    expect("second start", readError("start 1\n1 2\nstart 2\n"),
        "in.cfg:3: a second start block (the first is on line 1)");
    expect("unknown start", readError("start 9\n1 2\n"),
        "in.cfg:1: start block 9 is not in the graph: no edge or 'block' line names it");
    expect("past 32 bits", readError("start 1\n1 4294967296\n"),
        "in.cfg:2: '4294967296' is not a block id (a whole number from 0 to 4294967295)");
    expect("three fields", readError("start 1\n1 2 3\n"),
        "in.cfg:2: expected an edge 'FROM TO', 'start ID' or 'block ID', got '1 2 3'");
    expect("four fields", readError("start 1\n1 2 3 4\n"), "in.cfg:2: too many fields");
    expect("nul in a comment", readError("start 1\n1 2 # \u0000\n"),
        "in.cfg:2: byte 0x00: this is not a text CFG");
    expect("control byte", readError("start 1\n1\u0001 2\n"),
        "in.cfg:2: byte 0x01: this is not a text CFG");
    expect("long line", readError("start 1\n" + "1".repeat(5000) + "\n"),
        "in.cfg:2: line longer than 4096 bytes");
    expect("line of 4096 bytes", readError("start 1\n1 2\n" + " ".repeat(4093) + "1 2\n"), null);
    expect("zeros", readError("\u0000".repeat(10000)), "in.cfg:1: byte 0x00: this is not a text CFG");
    // Streaming: a line split across parts reads as one.
    CfgFile.Parser parser = new CfgFile.Parser("s");
    byte[] text = "start 1\n1 2\n2 1\n".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < text.length; i++) parser.feed(text, i, 1);
    expect("streamed edges", parser.finish().graph.numEdges(), 2);
  }

  private static void output() {
    expect("printable", Text.printable("a\\b\nc\u001b"), "a\\\\b\\nc\\x1b");
    expect("count", Text.count(1, "block") + " " + Text.count(2, "edge"), "1 block 2 edges");
    expect("%g", Text.formatG(0.013), "0.013");
    expect("%g whole", Text.formatG(2), "2");
    expect("%g long", Text.formatG(1.0 / 3), "0.333333");
    expect("json number", new Json().number(0.02).take(), "0.02");
    expect("json whole", new Json().number(1).take(), "1");
    expect("json exponent", new Json().number(1.5e-7).take(), "1.5e-07");
    Json json = new Json();
    json.beginObject().key("a").beginArray().integer(1).string("x\"\u0001").endArray()
        .key("b").nul().endObject();
    expect("json", json.take(), "{\"a\":[1,\"x\\\"\\u0001\"],\"b\":null}");
    LoopForest.Builder builder = new LoopForest.Builder();
    builder.add(5, new int[] {7, 5, 6}, true, 1, 2, 0);
    builder.add(1, new int[] {1}, false, LoopForest.NO_PARENT, 1, 1);
    LoopForest forest = builder.build();
    expect("forest", forest.toString(), "loop 1: depth 1, nesting 1, irreducible, parent none, "
        + "blocks 1\nloop 5: depth 2, nesting 0, reducible, parent 1, blocks 5 6 7\n");
  }

  public static void main(String[] args) throws Exception {
    commandLine();
    workload();
    cfgFile();
    output();
    System.out.println(checks + " checks, " + failures + " failed");
    System.exit(failures == 0 ? 0 : 1);
  }
}
