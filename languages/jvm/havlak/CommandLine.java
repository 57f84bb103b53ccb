package havlak;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line every rung shares: the C++ rungs' flags, ranges,
 * messages and rules (havlak/command_line.cc), parsed by hand.
 *
 * <pre>
 *   CommandLine.Parsed parsed = CommandLine.parse(args);
 *   if (parsed.error != null) { ... print it, exit 2 ... }
 * </pre>
 */
public final class CommandLine {
  private CommandLine() {}

  public static final double MIN_SCALE = 0.01;
  public static final double MAX_SCALE = 400;
  public static final int MAX_ITERATIONS = 1_000_000;

  /** The options; strings are byte strings (Text.bytesOf) but for paths. */
  public static final class Options {
    public double scale = 1.0;
    public int iterations = 50;  // big-graph findings after the first
    public boolean json = false;
    public String cpuprofile = "";   // "": no JFR recording
    public String heapprofile = "";  // "": no heap dump
    public Boolean reuseLoopGraph = null;  // null: the rung's default
    public String cfg = "";      // a CFG file; "-": standard input
    public String dumpCfg = "";  // where to write the graph instead
    public boolean help = false;
    /** The flags given, by name ("scale"), for rules between flags. */
    public final Set<String> given = new HashSet<>();
  }

  public static final class Parsed {
    public final Options options = new Options();
    /** One line, without the program name (a byte string); null if valid. */
    public String error;
  }

  private interface Apply {
    /** An error message, or null when the value is good. */
    String apply(String value, Options options);
  }

  private static final class Flag {
    final String name;
    final boolean takesValue;
    final String valueName;
    final String help;
    final Apply apply;

    Flag(String name, boolean takesValue, String valueName, String help, Apply apply) {
      this.name = name;
      this.takesValue = takesValue;
      this.valueName = valueName;
      this.help = help;
      this.apply = apply;
    }
  }

  private static String quoted(String text) {
    return "'" + Text.printable(Text.bytesOf(text)) + "'";
  }

  // std::from_chars' grammar for doubles: no '+', no hex, no spaces.
  private static final Pattern DECIMAL =
      Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  /** A finite double; too large or too small reads as Double.MAX_VALUE. */
  static Double parseNumber(String text) {
    if (!DECIMAL.matcher(text).matches()) return null;  // inf and nan too
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) return Double.MAX_VALUE;
    if (value == 0 && text.matches("-?[0.]*[1-9].*")) {
      String mantissa = text.split("[eE]")[0];
      if (mantissa.matches(".*[1-9].*")) return Double.MAX_VALUE;  // underflow
    }
    return value;
  }

  /** A whole number; too large for 64 bits reads as Long.MAX_VALUE. */
  static Long parseInteger(String text) {
    if (!INTEGER.matcher(text).matches()) return null;
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static final List<Flag> FLAGS = List.of(
      new Flag("scale", true, "S",
          "workload size: multiplies the 100 loops per tree and the 15000\n"
              + "small-graph findings (default 1, the canonical workload)",
          (value, options) -> {
            Double scale = parseNumber(value);
            if (scale == null) return quoted(value) + " is not a number";
            if (scale < MIN_SCALE || scale > MAX_SCALE) {
              return Text.bytesOf(value) + " is out of range (0.01 to 400)";
            }
            options.scale = scale;
            return null;
          }),
      new Flag("iterations", true, "N",
          "loop findings on the big graph after the first (default 50)",
          (value, options) -> {
            Long iterations = parseInteger(value);
            if (iterations == null) return quoted(value) + " is not a whole number";
            if (iterations < 0 || iterations > MAX_ITERATIONS) {
              return Text.bytesOf(value) + " is out of range (0 to " + MAX_ITERATIONS + ")";
            }
            options.iterations = (int) (long) iterations;
            return null;
          }),
      new Flag("json", false, "", "print one JSON record of the run instead of the report",
          (value, options) -> {
            options.json = value.equals("true");
            return null;
          }),
      new Flag("cpuprofile", true, "FILE",
          "write a JFR recording (Java Flight Recorder, 'profile' settings)\n"
              + "of the run to FILE; read it with jfr print or jfr summary",
          (value, options) -> {
            if (value.isEmpty()) return "needs a file name";
            options.cpuprofile = value;
            return null;
          }),
      new Flag("heapprofile", true, "FILE",
          "write a heap dump (hprof, live objects) to FILE after the first\n"
              + "finding on the big graph, then stop",
          (value, options) -> {
            if (value.isEmpty()) return "needs a file name";
            options.heapprofile = value;
            return null;
          }),
      new Flag("reuse-loop-graph", false, "",
          // usage() adds whether this program can, and its default.
          "refill one loop graph in every finding but the first big-graph one",
          (value, options) -> {
            options.reuseLoopGraph = value.equals("true");
            return null;
          }),
      new Flag("cfg", true, "FILE",
          "find the loops of the CFG in FILE ('-': standard input) and print\n"
              + "them, instead of running the workload (format: README.md)",
          (value, options) -> {
            if (value.isEmpty()) return "needs a file name ('-' for stdin)";
            options.cfg = value;
            return null;
          }),
      new Flag("dump-cfg", true, "FILE",
          "write the workload's graph (or --cfg's) to FILE in the same\n"
              + "format ('-': standard output), then stop",
          (value, options) -> {
            if (value.isEmpty()) return "needs a file name";
            options.dumpCfg = value;
            return null;
          }),
      new Flag("help", false, "", "print this help and exit",
          (value, options) -> {
            options.help = value.equals("true");
            return null;
          }));

  private static Flag find(String name) {
    for (Flag flag : FLAGS) {
      if (flag.name.equals(name)) return flag;
    }
    return null;
  }

  /**
   * Flags take their value as --flag=value or --flag value; boolean flags
   * also accept =true and =false. A next argument starting with "--" is a
   * forgotten value.
   */
  public static Parsed parse(String[] args) {
    Parsed parsed = new Parsed();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h")) arg = "--help";
      if (!arg.startsWith("--") || arg.length() == 2) {
        parsed.error = "unexpected argument " + quoted(arg);
        return parsed;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      Flag flag = find(name);
      if (flag == null) {
        parsed.error = "unknown flag " + quoted("--" + name);
        return parsed;
      }
      String flagName = "--" + name;
      if (parsed.options.given.contains(flag.name)) {
        parsed.error = flagName + ": given more than once";
        return parsed;
      }
      if (flag.takesValue && value == null) {
        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
          parsed.error = flagName + " needs a value";
          return parsed;
        }
        value = args[++i];
      }
      if (!flag.takesValue) {
        if (value == null) value = "true";
        if (!value.equals("true") && !value.equals("false")) {
          parsed.error = flagName + ": " + quoted(value) + " is not true or false";
          return parsed;
        }
      }
      String error = flag.apply.apply(value, parsed.options);
      if (error != null) {
        parsed.error = flagName + ": " + error;
        return parsed;
      }
      parsed.options.given.add(flag.name);
    }
    return parsed;
  }

  /**
   * The --help text, with {@code summary} as the first line; {@code reusesLoopGraph} says
   * whether the program can take --reuse-loop-graph.
   */
  public static String usage(String program, String summary, boolean reusesLoopGraph) {
    Workload canonical = Workload.canonical();
    StringBuilder out = new StringBuilder();
    out.append(program).append(": ").append(summary).append("\n\n")
        .append("Usage: ").append(program).append(" [flags]\n\n")
        .append("Runs Hundt's LoopTesterApp workload: ").append(canonical.smallGraphFinds)
        .append(" loop findings on a small\n")
        .append("graph, then a big graph of ").append(canonical.bigGraphBlocks())
        .append(" blocks built and searched for\n")
        .append("loops 1 + ").append(canonical.bigGraphFinds)
        .append(" times, then the nesting levels of the first result.\n")
        .append("Prints the loop counts (checked against the known ones), the time\n")
        .append("of each phase and the peak resident memory.\n\nFlags:\n");
    final int helpColumn = 24;
    for (Flag flag : FLAGS) {
      String head = "  --" + flag.name + (flag.takesValue ? "=" + flag.valueName : "");
      out.append(head);
      int column = head.length();
      String help = flag.help;
      if (flag.name.equals("reuse-loop-graph")) {
        help += reusesLoopGraph
            ? "\n(default true, like Cox's -reuseloopgraph)"
            : "\n(not this rung: its finder fills a fresh graph every time)";
      }
      for (String line : help.split("\n")) {
        if (column >= helpColumn) {
          out.append('\n');
          column = 0;
        }
        out.append(" ".repeat(helpColumn - column)).append(line);
        column = helpColumn + line.length();
      }
      out.append('\n');
    }
    out.append("\n--cfg=- reads standard input, --dump-cfg=- writes standard output.\n")
        .append("An output FILE that is a regular file (or a new one) is replaced\n")
        .append("whole once complete, a symbolic link's target likewise; a device\n")
        .append("or FIFO is written in place. Nothing is left behind on a failure\n")
        .append("or Ctrl-C. Each flag is given at most once.\n")
        .append("\nThe JVM: JAVA_OPTS passes options to it (the collector, say\n")
        .append("JAVA_OPTS=-XX:+UseParallelGC; the default is G1).\n")
        .append("\nExit status: 0 the run finished and its loop counts are right;\n")
        .append("1 a loop count is wrong; 2 a bad command line or CFG file; 3 a\n")
        .append("file could not be written or the profiler failed; 4 a resource\n")
        .append("limit: no memory, or no stack for a recursive rung on a graph\n")
        .append("this large.\n");
    return out.toString();
  }
}
