package havlak;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;

/**
 * CFGs in a text file, read and written, in the C++ rungs' format and with
 * their messages (havlak/cfg_file.cc):
 *
 * <pre>
 *   # A loop and an exit. Comments run from '#' to the end of the line.
 *   start 10        the start block, exactly once
 *   10 11           an edge from block 10 to block 11
 *   11 10
 *   block 99        a block without edges (optional)
 * </pre>
 *
 * Block ids are whole numbers from 0 to 4294967295; the reader numbers the
 * blocks densely, the start block first and the others in order of first
 * mention, and keeps their ids for printing. Lines are at most 4096 bytes;
 * a NUL byte is refused anywhere, comments included. The reader streams: it
 * reads 256 KiB at a time and checks each line as soon as it is complete,
 * so /dev/zero fails at its first line and memory follows the graph.
 */
public final class CfgFile {
  public static final int MAX_LINE_BYTES = 4096;
  private static final long MAX_ID = 4294967295L;
  private static final int READ_BYTES = 1 << 18;

  /** The graph, and the file's id of each dense block (as unsigned ints). */
  public final EdgeList graph;
  public final int[] ids;

  private CfgFile(EdgeList graph, int[] ids) {
    this.graph = graph;
    this.ids = ids;
  }

  /** The file's id of block b, as the file wrote it. */
  public long id(int block) { return ids[block] & 0xffffffffL; }

  /** A CFG that could not be read: one line naming the input (a byte string). */
  public static final class BadCfg extends Exception {
    private static final long serialVersionUID = 1L;

    public BadCfg(String message) { super(message, null, false, false); }
  }

  private static boolean isSpace(int c) { return c == ' ' || c == '\t' || c == '\r'; }

  private static boolean isControl(int c) { return c < 0x20 || c == 0x7f; }

  private static String excerpt(byte[] text, int begin, int end) {
    final int shown = 40;
    if (end - begin <= shown) return latin1(text, begin, end);
    return latin1(text, begin, begin + shown) + "...";
  }

  private static String latin1(byte[] bytes, int begin, int end) {
    return new String(bytes, begin, end - begin, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static String badByte(int c) {
    return String.format("byte 0x%02x: this is not a text CFG", c);
  }

  /** The parser, fed the input a part at a time. */
  static final class Parser {
    private final String name;
    private final byte[] partial = new byte[MAX_LINE_BYTES + 1];
    private int partialLength = 0;
    private String error = null;
    private long lineNumber = 0;
    // What the lines name, in order: edges, and 'block' lines, which come
    // before the edge at the same index.
    private int[] edges = new int[64];  // from, to pairs
    private int edgeCount = 0;
    private long[] blocks = new long[8];  // (edge index << 32) | id
    private int blockCount = 0;
    private boolean hasStart = false;
    private int start = 0;
    private long startLine = 0;
    private long maxId = 0;
    private boolean anyContent = false;
    private final int[] tokenBegin = new int[3];
    private final int[] tokenEnd = new int[3];

    Parser(String name) { this.name = name; }

    private boolean fail(String message) {
      error = name + ":" + lineNumber + ": " + message;
      return false;
    }

    /** The next part of the input; false once it is known to be bad. */
    boolean feed(byte[] bytes, int offset, int length) {
      if (error != null) return false;
      int end = offset + length;
      while (offset < end) {
        int newline = -1;
        for (int i = offset; i < end; i++) {
          if (bytes[i] == '\n') {
            newline = i;
            break;
          }
        }
        int contentEnd = newline < 0 ? end : newline;
        if (newline < 0 || partialLength > 0) {
          // Keep one byte past the limit: enough to tell the line is too long.
          int room = MAX_LINE_BYTES + 1 - partialLength;
          int take = Math.min(room, contentEnd - offset);
          System.arraycopy(bytes, offset, partial, partialLength, take);
          partialLength += take;
          if (partialLength > MAX_LINE_BYTES) return tooLong(partial, 0, partialLength);
          if (newline < 0) return true;
          offset = newline + 1;
          if (!line(partial, 0, partialLength)) return false;
          partialLength = 0;
          continue;
        }
        if (contentEnd - offset > MAX_LINE_BYTES) return tooLong(bytes, offset, contentEnd);
        int begin = offset;
        offset = newline + 1;
        if (!line(bytes, begin, contentEnd)) return false;
      }
      return true;
    }

    /** A byte that is not text says more than the length. */
    private boolean tooLong(byte[] text, int begin, int end) {
      lineNumber++;
      end = Math.min(end, begin + MAX_LINE_BYTES + 1);
      int hash = end;
      for (int i = begin; i < end; i++) {
        if (text[i] == '#') {
          hash = i;
          break;
        }
      }
      for (int i = begin; i < end; i++) {
        int c = text[i] & 0xff;
        if (c == 0 || (i < hash && isControl(c) && !isSpace(c))) return fail(badByte(c));
      }
      return fail("line longer than " + MAX_LINE_BYTES + " bytes");
    }

    private boolean line(byte[] text, int begin, int end) {
      lineNumber++;
      if (lineNumber == 1 && end - begin >= 3 && (text[begin] & 0xff) == 0xEF
          && (text[begin + 1] & 0xff) == 0xBB && (text[begin + 2] & 0xff) == 0xBF) {
        begin += 3;
      }
      // At most 3 fields, up to a comment. Control bytes are refused before
      // the comment, and NUL anywhere.
      int count = 0;
      for (int i = begin; i < end; ) {
        int c = text[i] & 0xff;
        if (c == '#') {
          for (int j = i; j < end; j++) {
            if (text[j] == 0) return fail(badByte(0));
          }
          break;
        }
        if (isSpace(c)) {
          i++;
          continue;
        }
        if (isControl(c)) return fail(badByte(c));
        int tokenStart = i;
        while (i < end) {
          int d = text[i] & 0xff;
          if (isSpace(d) || d == '#' || isControl(d)) break;
          i++;
        }
        if (count == 3) return fail("too many fields");
        tokenBegin[count] = tokenStart;
        tokenEnd[count] = i;
        count++;
      }
      if (count == 0) return true;
      anyContent = true;
      if (count == 2 && (is(text, 0, "start") || is(text, 0, "block"))) {
        long id = parseId(text, tokenBegin[1], tokenEnd[1]);
        if (id < 0) return false;
        maxId = Math.max(maxId, id);
        if (is(text, 0, "block")) {
          if (blockCount == blocks.length) blocks = Arrays.copyOf(blocks, blockCount * 2);
          blocks[blockCount++] = ((long) edgeCount << 32) | id;
        } else if (hasStart) {
          return fail("a second start block (the first is on line " + startLine + ")");
        } else {
          hasStart = true;
          start = (int) id;
          startLine = lineNumber;
        }
        return true;
      }
      if (count != 2) {
        return fail("expected an edge 'FROM TO', 'start ID' or 'block ID', got '"
            + excerpt(text, begin, end) + "'");
      }
      long from = parseId(text, tokenBegin[0], tokenEnd[0]);
      if (from < 0) return false;
      long to = parseId(text, tokenBegin[1], tokenEnd[1]);
      if (to < 0) return false;
      maxId = Math.max(maxId, Math.max(from, to));
      if (2 * edgeCount == edges.length) edges = Arrays.copyOf(edges, edges.length * 2);
      edges[2 * edgeCount] = (int) from;
      edges[2 * edgeCount + 1] = (int) to;
      edgeCount++;
      return true;
    }

    private boolean is(byte[] text, int token, String word) {
      int begin = tokenBegin[token];
      if (tokenEnd[token] - begin != word.length()) return false;
      for (int i = 0; i < word.length(); i++) {
        if (text[begin + i] != word.charAt(i)) return false;
      }
      return true;
    }

    /** A block id, or -1 after failing with the message. */
    private long parseId(byte[] text, int begin, int end) {
      long value = 0;
      boolean digits = end > begin && end - begin <= 10;
      for (int i = begin; digits && i < end; i++) {
        int digit = (text[i] & 0xff) - '0';
        digits = digit >= 0 && digit <= 9;
        value = value * 10 + digit;
      }
      if (!digits || value > MAX_ID) {
        fail("'" + excerpt(text, begin, end)
            + "' is not a block id (a whole number from 0 to 4294967295)");
        return -1;
      }
      return value;
    }

    /** The end of the input: the graph, or the first error. */
    CfgFile finish() throws BadCfg {
      if (error == null && partialLength > 0) line(partial, 0, partialLength);
      if (error != null) throw new BadCfg(error);
      if (!hasStart) {
        throw new BadCfg(name + (anyContent
            ? ": no start block: a 'start ID' line is missing"
            : ": empty: no start block and no edges"));
      }
      DenseNumbers numbers =
          new DenseNumbers(Math.max(maxId, start & 0xffffffffL), edgeCount + blockCount);
      numbers.number(start);  // the start is block 0
      EdgeList graph = new EdgeList();
      boolean startNamed = false;
      int block = 0;
      for (int i = 0; i <= edgeCount; i++) {
        for (; block < blockCount && (blocks[block] >>> 32) == i; block++) {
          int id = (int) blocks[block];
          startNamed = startNamed || id == start;
          numbers.number(id);
        }
        if (i == edgeCount) break;
        int from = edges[2 * i];
        int to = edges[2 * i + 1];
        startNamed = startNamed || from == start || to == start;
        int denseFrom = numbers.number(from);
        int denseTo = numbers.number(to);
        graph.addEdge(denseFrom, denseTo);
      }
      if (!startNamed) {
        throw new BadCfg(name + ":" + startLine + ": start block " + (start & 0xffffffffL)
            + " is not in the graph: no edge or 'block' line names it");
      }
      // Block 0 (the start) exists, and the blocks without edges too.
      graph.createNode(0);
      graph.createNode(numbers.count - 1);
      graph.start = 0;
      return new CfgFile(graph, Arrays.copyOf(numbers.ids, numbers.count));
    }
  }

  /**
   * Dense block numbers for ids, in order of first mention: an array when
   * the ids are dense enough, a hash map otherwise, so a file naming block
   * 4,000,000,000 costs what its lines cost.
   */
  private static final class DenseNumbers {
    private int[] vector;  // id -> number + 1; 0: none
    private final HashMap<Integer, Integer> map;
    int[] ids = new int[16];
    int count = 0;

    DenseNumbers(long maxId, long mentions) {
      if (maxId <= 4 * mentions + 1024) {
        vector = new int[(int) maxId + 1];
        map = null;
      } else {
        map = new HashMap<>();
      }
    }

    int number(int id) {
      if (vector != null) {
        int slot = vector[id];
        if (slot != 0) return slot - 1;
        vector[id] = count + 1;
      } else {
        Integer slot = map.get(id);
        if (slot != null) return slot;
        map.put(id, count);
      }
      if (count == ids.length) ids = Arrays.copyOf(ids, count * 2);
      ids[count] = id;
      return count++;
    }
  }

  /** Parses {@code text}, named {@code name} (a byte string) in errors. */
  public static CfgFile parse(byte[] text, String name) throws BadCfg {
    Parser parser = new Parser(name);
    parser.feed(text, 0, text.length);
    return parser.finish();
  }

  /**
   * Reads and parses the file at {@code path}; "-" is standard input. The
   * path is named in errors with control bytes escaped.
   */
  public static CfgFile read(String path) throws BadCfg {
    boolean standardInput = path.equals("-");
    String name = standardInput ? "<stdin>" : Text.printable(Text.bytesOf(path));
    InputStream in;
    if (standardInput) {
      if (!StandardInput.isOpen()) throw new BadCfg("cannot read " + name + ": standard input is closed");
      in = new FileInputStream(java.io.FileDescriptor.in);
    } else {
      try {
        in = new FileInputStream(path);
      } catch (IOException e) {
        throw new BadCfg("cannot read " + name + ": " + Text.reason(e));
      }
    }
    Parser parser = new Parser(name);
    byte[] buffer = new byte[READ_BYTES];
    try {
      while (true) {
        int read = in.read(buffer);
        if (read <= 0) break;
        if (!parser.feed(buffer, 0, read)) break;
      }
    } catch (IOException e) {
      throw new BadCfg("cannot read " + name + ": " + Text.reason(e));
    } finally {
      if (!standardInput) {
        try {
          in.close();
        } catch (IOException e) {
          // Read already: nothing lost.
        }
      }
    }
    return parser.finish();
  }

  /**
   * The file for {@code graph}, whose block b has id {@code ids[b]} (or b
   * itself when ids is null), after {@code comment} lines (each gets '# ').
   */
  public static String format(EdgeList graph, int[] ids, String comment) {
    StringBuilder out = new StringBuilder(16 + graph.numEdges() * 16);
    for (int begin = 0; begin < comment.length(); ) {
      int end = comment.indexOf('\n', begin);
      if (end < 0) end = comment.length();
      out.append("# ").append(comment, begin, end).append('\n');
      begin = end + 1;
    }
    if (graph.numBlocks == 0) return out.toString();
    out.append("start ").append(id(ids, graph.start)).append('\n');
    boolean[] hasEdge = new boolean[graph.numBlocks];
    hasEdge[graph.start] = true;
    for (int i = 0; i < graph.numEdges(); i++) {
      int from = graph.from(i);
      int to = graph.to(i);
      hasEdge[from] = hasEdge[to] = true;
      out.append(id(ids, from)).append(' ').append(id(ids, to)).append('\n');
    }
    for (int block = 0; block < graph.numBlocks; block++) {
      if (!hasEdge[block]) out.append("block ").append(id(ids, block)).append('\n');
    }
    return out.toString();
  }

  private static long id(int[] ids, int block) {
    return ids == null ? block : ids[block] & 0xffffffffL;
  }
}
