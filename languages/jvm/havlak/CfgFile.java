package havlak;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringTokenizer;

/**
 * A CFG file (docs/cfg-files.md): "start ID" once, an edge "FROM TO" a line,
 * "block ID" for a block without edges, '#' comments; ids 0 to 4294967295.
 * The blocks are numbered densely, the start block 0 and the others in order
 * of first mention; the edges keep the file's order, which is the order a
 * search follows a block's successors in.
 */
public final class CfgFile {
  int blocks;
  int edges;
  int[] from = new int[64];
  int[] to = new int[64];
  private long[] ids = new long[64];  // the file's id of each block

  private CfgFile() {}

  /** The file's id of a block. */
  public long id(int block) { return ids[block]; }

  /** Reads the CFG file at {@code path}; "-" is standard input. */
  public static CfgFile read(String path) throws IOException, ParseException {
    boolean stdin = path.equals("-");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        stdin ? System.in : new FileInputStream(path), StandardCharsets.UTF_8))) {
      return parse(in, stdin ? "standard input" : path);
    }
  }

  /** The longest line a CFG file may hold: a stream that is not one fails in its first line. */
  static final int MAX_LINE = 4096;

  /** The next line without its '\n', or null at the end; no line longer than MAX_LINE. */
  private static String readLine(BufferedReader in, String name, int lineNumber)
      throws IOException, ParseException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\n') return line.toString();
      if (line.length() == MAX_LINE) {
        throw bad(name, lineNumber, "a line longer than " + MAX_LINE + " characters: not a CFG");
      }
      line.append((char) c);
    }
    return line.length() > 0 ? line.toString() : null;
  }

  /** Parses a CFG; errors name {@code name} and the line. */
  public static CfgFile parse(BufferedReader in, String name) throws IOException, ParseException {
    CfgFile cfg = new CfgFile();
    Map<Long, Integer> numbers = new HashMap<>();
    long start = -1;
    int startLine = 0;
    int lineNumber = 0;
    for (String line; (line = readLine(in, name, lineNumber + 1)) != null; ) {
      lineNumber++;
      int comment = line.indexOf('#');
      StringTokenizer fields =
          new StringTokenizer(comment < 0 ? line : line.substring(0, comment), " \t\r");
      if (!fields.hasMoreTokens()) continue;
      if (fields.countTokens() != 2) {
        throw bad(name, lineNumber, "expected 'FROM TO', 'start ID' or 'block ID'");
      }
      String first = fields.nextToken();
      long second = id(fields.nextToken(), name, lineNumber);
      if (first.equals("start")) {
        if (start >= 0) {
          throw bad(name, lineNumber, "a second start (the first is on line " + startLine + ")");
        }
        start = second;
        startLine = lineNumber;
      } else if (first.equals("block")) {
        cfg.number(numbers, second);
      } else {
        int source = cfg.number(numbers, id(first, name, lineNumber));
        cfg.addEdge(source, cfg.number(numbers, second));
      }
    }
    if (start < 0) throw new ParseException(name + ": no 'start ID' line", 0);
    Integer s = numbers.get(start);
    if (s == null) {
      throw bad(name, startLine, "start block " + start + " is in no edge or 'block' line");
    }
    // Renumber: the start block first, the others in order of first mention.
    for (int e = 0; e < cfg.edges; e++) {
      cfg.from[e] = startFirst(cfg.from[e], s);
      cfg.to[e] = startFirst(cfg.to[e], s);
    }
    System.arraycopy(cfg.ids, 0, cfg.ids, 1, s);
    cfg.ids[0] = start;
    return cfg;
  }

  private static int startFirst(int block, int start) {
    return block == start ? 0 : block < start ? block + 1 : block;
  }

  private int number(Map<Long, Integer> numbers, long id) {
    Integer number = numbers.putIfAbsent(id, blocks);
    if (number != null) return number;
    if (blocks == ids.length) ids = Arrays.copyOf(ids, 2 * blocks);
    ids[blocks] = id;
    return blocks++;
  }

  private void addEdge(int source, int target) {
    if (edges == from.length) {
      from = Arrays.copyOf(from, 2 * edges);
      to = Arrays.copyOf(to, 2 * edges);
    }
    from[edges] = source;
    to[edges++] = target;
  }

  private static long id(String token, String name, int line) throws ParseException {
    long value = 0;
    for (int i = 0; i < token.length() && value <= 4294967295L; i++) {
      char c = token.charAt(i);
      value = c >= '0' && c <= '9' ? 10 * value + c - '0' : Long.MAX_VALUE;
    }
    if (value > 4294967295L) {
      String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
      throw bad(name, line, "'" + shown + "' is not a block id (0 to 4294967295)");
    }
    return value;
  }

  private static ParseException bad(String name, int line, String message) {
    return new ParseException(name + ":" + line + ": " + message, line);
  }

  /** The loops {@code rung} finds in this CFG, with their nesting levels. */
  public <C extends Builder, G extends Rung.LoopGraph> LoopForest findLoops(Rung<C, G> rung) {
    C cfg = rung.newCfg();
    for (int block = 0; block < blocks; block++) cfg.createNode(block);  // the start first
    for (int e = 0; e < edges; e++) cfg.addEdge(from[e], to[e]);
    cfg.finish();
    G lsg = rung.newLoopGraph();
    rung.newFinder().findLoops(cfg, lsg);
    lsg.calculateNestingLevel();
    return lsg.toLoopForest();
  }
}
