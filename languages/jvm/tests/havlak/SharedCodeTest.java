package havlak;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Objects;

/**
 * Unit tests of the JVM harness (languages/jvm/havlak), a self-checking
 * main without a framework (ctest: java.unit); exit status 1 on a failure.
 * What a user sees of a program, tests/conformance checks.
 */
public final class SharedCodeTest {
  private static int checks = 0;
  private static int failures = 0;

  private static void expect(String what, Object actual, Object expected) {
    checks++;
    if (!Objects.equals(actual, expected)) {
      failures++;
      System.err.println("FAIL " + what + ":\n  actual:   " + actual + "\n  expected: " + expected);
    }
  }

  /** The refusal's message, or "" when the command line is good. */
  private static String refusal(String... args) {
    try {
      Driver.parse(args);
      return "";
    } catch (Driver.Failure failure) {
      expect("status of " + String.join(" ", args), failure.status, 2);
      return failure.getMessage();
    }
  }

  private static void commandLine() throws Driver.Failure {
    Driver.Options options = Driver.parse(new String[] {"--scale=0.5", "--json"});
    expect("scale", options.scale, 0.5);
    expect("json", options.json, true);
    expect("scale as the next argument", Driver.parse(new String[] {"--scale", "2"}).scale, 2.0);
    expect("cfg", Driver.parse(new String[] {"--cfg=-"}).cfg, "-");
    expect("help", Driver.parse(new String[] {"-h"}).help, true);
    for (String scale : new String[] {"abc", "0", "-1", "nan", "NaN", "inf", "Infinity", "", "0.001",
        "400.5", "1e400"}) {
      expect("--scale=" + scale, refusal("--scale=" + scale).startsWith("--scale needs a number"),
          true);
    }
    expect("unknown", refusal("--bogus"), "unknown argument '--bogus' (see --help)");
    expect("stray", refusal("stray"), "unknown argument 'stray' (see --help)");
    expect("no value", refusal("--cfg"), "--cfg needs a value (see --help)");
    expect("no file", refusal("--cfg="), "--cfg needs a file name ('-': standard input) (see --help)");
    expect("both", refusal("--cfg=x", "--scale=1"),
        "--scale and --iterations do not apply to --cfg (see --help)");
    expect("iterations", Driver.parse(new String[] {"--iterations=0"}).iterations, 0);
    expect("iterations apart", Driver.parse(new String[] {"--iterations", "200"}).iterations, 200);
    for (String iterations : new String[] {"-1", "x", "1000001", "", "2.5"}) {
      expect("--iterations=" + iterations, refusal("--iterations=" + iterations),
          "--iterations needs a whole number from 0 to 1000000, not '" + iterations
              + "' (see --help)");
    }
    expect("iterations and cfg", refusal("--cfg=x", "--iterations=3"),
        "--scale and --iterations do not apply to --cfg (see --help)");
  }

  /** Counts what a graph builder is given. */
  private static final class Counter implements Builder {
    int blocks = 0;
    int edges = 0;

    @Override
    public void createNode(int block) { blocks = Math.max(blocks, block + 1); }

    @Override
    public void addEdge(int from, int to) {
      createNode(Math.max(from, to));
      edges++;
    }
  }

  private static void workload() {
    Workload canonical = new Workload(1);
    expect("canonical", canonical.canonical(), true);
    expect("more findings are not canonical", new Workload(1, 51).canonical(), false);
    expect("blocks", canonical.blocks(), 252013L);
    expect("loops", canonical.loops(), 76002L);
    Counter graph = new Counter();
    Workload.smallGraph(graph);
    expect("small graph", graph.blocks, 11);
    canonical.bigGraph(graph);
    expect("big graph", (long) graph.blocks, canonical.blocks());
    Workload small = new Workload(0.013);
    expect("lround", small.loopsPerTree, 1);
    expect("small-graph finds", small.smallGraphFinds, 195);
    expect("not canonical", small.canonical(), false);
    expect("half up", new Workload(0.025).loopsPerTree, 3);
  }

  private static CfgFile parse(String text) throws Exception {
    return CfgFile.parse(new BufferedReader(new StringReader(text)), "in.cfg");
  }

  private static String parseError(String text) {
    try {
      parse(text);
      return "";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static void cfgFile() throws Exception {
    CfgFile file = parse("# c\n7 100 # x\r\n\t100  4294967295\nblock 9\nstart 100\n");
    expect("blocks", file.blocks, 4);
    expect("edges", file.edges, 2);
    expect("the start first", file.id(0), 100L);
    expect("the others in order", file.id(1) + " " + file.id(2) + " " + file.id(3),
        "7 4294967295 9");
    expect("edges renumbered", file.from[0] + ">" + file.to[0] + " " + file.from[1] + ">"
        + file.to[1], "1>0 0>2");
    expect("leading zeros", parse("start 007\n7 0008\n").id(1), 8L);
    expect("empty", parseError(""), "in.cfg: no 'start ID' line");
    expect("second start", parseError("start 1\n1 2\nstart 2\n"),
        "in.cfg:3: a second start (the first is on line 1)");
    expect("unknown start", parseError("start 9\n1 2\n"),
        "in.cfg:1: start block 9 is in no edge or 'block' line");
    expect("past 32 bits", parseError("start 1\n1 4294967296\n"),
        "in.cfg:2: '4294967296' is not a block id (0 to 4294967295)");
    expect("negative", parseError("start 1\n-1 2\n"),
        "in.cfg:2: '-1' is not a block id (0 to 4294967295)");
    expect("three fields", parseError("start 1\n1 2 3\n"),
        "in.cfg:2: expected 'FROM TO', 'start ID' or 'block ID'");
    LoopForest.Builder forest = new LoopForest.Builder();
    forest.add(1, new int[] {2, 1}, false, LoopForest.NO_PARENT, 1, 0);
    expect("forest as JSON", forest.build().toJson("p", file), "{\"rung\":\"p\",\"blocks\":4,"
        + "\"edges\":2,\"loops\":[{\"header\":7,\"blocks\":[7,4294967295],\"reducible\":false,"
        + "\"parent\":null,\"depth\":1,\"nesting_level\":0}]}\n");
    expect("JSON string", Driver.quote("a\"\\\n"), "\"a\\\"\\\\\\u000a\"");
  }

  public static void main(String[] args) throws Exception {
    commandLine();
    workload();
    cfgFile();
    System.out.println(checks + " checks, " + failures + " failed");
    System.exit(failures == 0 ? 0 : 1);
  }
}
