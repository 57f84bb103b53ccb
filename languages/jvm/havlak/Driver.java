package havlak;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * The main program of every JVM program: runs the workload (or finds the
 * loops of a CFG file), checks the loop counts and prints a report, or with
 * --json one record for the runner (scripts/havlak_tools/records.py).
 * Exit status: 0 done, 1 a wrong loop count, 2 a bad command line or CFG
 * file, 4 out of memory or stack; a failure is one line on stderr.
 */
public final class Driver {
  /** A recursive search's stack: this much per block (Scala 3's scala-havlak1 needs it). */
  static final long STACK_BYTES_PER_BLOCK = 1024;
  static final long MIN_STACK_BYTES = 64L << 20;

  private Driver() {}

  /** A run that ends with {@code status} and one line. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static final class Options {
    double scale = 1;
    boolean scaleGiven;
    int iterations = Workload.ITERATIONS;
    boolean iterationsGiven;
    boolean json;
    boolean help;
    String cfg;  // null: run the workload
  }

  /**
   * --scale=S, --iterations=N, --json, --cfg=FILE, --help; a value may also follow as the
   * next argument.
   */
  static Options parse(String[] args) throws Failure {
    Options options = new Options();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int equals = flag.indexOf('=');
      if (flag.startsWith("--") && equals > 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        options.help = true;
      } else if (flag.equals("--json") && value == null) {
        options.json = true;
      } else if (flag.equals("--scale") || flag.equals("--cfg") || flag.equals("--iterations")) {
        if (value == null && i + 1 == args.length) throw usage(flag + " needs a value");
        if (value == null) value = args[++i];
        if (flag.equals("--cfg")) {
          if (value.isEmpty()) throw usage("--cfg needs a file name ('-': standard input)");
          options.cfg = value;
        } else if (flag.equals("--iterations")) {
          options.iterations = iterations(value);
          options.iterationsGiven = true;
        } else {
          options.scale = scale(value);
          options.scaleGiven = true;
        }
      } else {
        throw usage("unknown argument '" + args[i] + "'");
      }
    }
    if (options.cfg != null && (options.scaleGiven || options.iterationsGiven)) {
      throw usage("--scale and --iterations do not apply to --cfg");
    }
    return options;
  }

  private static double scale(String text) throws Failure {
    double scale = Double.NaN;
    try {
      scale = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      // NaN: refused below.
    }
    if (!(scale >= Workload.MIN_SCALE && scale <= Workload.MAX_SCALE)) {
      throw usage("--scale needs a number from " + Workload.MIN_SCALE + " to "
          + (int) Workload.MAX_SCALE + ", not '" + text + "'");
    }
    return scale;
  }

  private static int iterations(String text) throws Failure {
    if (text.matches("[0-9]{1,7}") && Integer.parseInt(text) <= Workload.MAX_ITERATIONS) {
      return Integer.parseInt(text);
    }
    throw usage("--iterations needs a whole number from 0 to " + Workload.MAX_ITERATIONS
        + ", not '" + text + "'");
  }

  private static Failure usage(String message) { return new Failure(2, message + " (see --help)"); }

  static String usage(Rung<?, ?> rung) {
    return rung.name + ": " + rung.idea + "\n\n"
        + "Usage: " + rung.name + " [--scale=S] [--iterations=N] [--json]\n"
        + "       " + rung.name + " --cfg=FILE [--json]\n\n"
        + "Runs Hundt's loop-recognition workload, scaled by S (" + Workload.MIN_SCALE + " to "
        + (int) Workload.MAX_SCALE + ", default 1),\nand prints its loop counts, checked, and the "
        + "time of each phase; --json prints\none JSON record instead. --iterations sets the "
        + "big-graph findings after the\nfirst (0 to " + Workload.MAX_ITERATIONS + ", default "
        + Workload.ITERATIONS + ": more for a profiler). --cfg finds the loops "
        + "of the CFG in FILE ('-':\nstandard input; format: docs/cfg-files.md) and prints "
        + "them. JAVA_OPTS passes\noptions to the JVM: JAVA_OPTS=-XX:+UseParallelGC, say "
        + "(G1 is the default).\n\nExit status: 0 done, 1 a wrong loop count, 2 a bad command "
        + "line or CFG file,\n4 out of memory or stack.\n";
  }

  /** Runs {@code rung} with {@code args} and exits with its status. */
  public static void main(Rung<?, ?> rung, String[] args) {
    Locale.setDefault(Locale.ROOT);
    int status;
    try {
      status = run(rung, parse(args));
    } catch (Failure failure) {
      status = failure.status;
      System.err.println(rung.name + ": " + failure.getMessage().replaceAll("\\p{Cntrl}", "?"));
    } catch (OutOfMemoryError e) {
      status = 4;
      System.err.println(rung.name + ": out of memory");
    }
    System.out.flush();
    System.exit(status);
  }

  static int run(Rung<?, ?> rung, Options options) throws Failure {
    if (options.help) {
      System.out.print(usage(rung));
      return 0;
    }
    if (options.cfg != null) {
      CfgFile file;
      try {
        file = CfgFile.read(options.cfg);
      } catch (IOException | ParseException e) {
        throw new Failure(2, e instanceof ParseException ? e.getMessage() : "cannot read "
            + (e instanceof FileNotFoundException ? "" : options.cfg + ": ") + e.getMessage());
      }
      LoopForest forest = onStack(rung, file.blocks, () -> file.findLoops(rung));
      System.out.print(options.json ? forest.toJson(rung.name, file)
          : forest.toText(rung.name, file));
      return 0;
    }
    Workload workload = new Workload(options.scale, options.iterations);
    long start = System.nanoTime();
    Workload.Result result = onStack(rung, workload.blocks(), () -> workload.run(rung));
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> problems = workload.problems(result);
    System.out.print(options.json ? record(rung, workload, result, seconds, problems)
        : report(rung, workload, result, seconds, problems));
    for (String problem : problems) System.err.println(rung.name + ": wrong loop count: " + problem);
    return problems.isEmpty() ? 0 : 1;
  }

  /**
   * Runs {@code body} on a thread of its own, whose stack is sized from the graph when the
   * search recurses (the JVM's default, 1 MiB, ends a recursive search after some ten
   * thousand blocks); running out of stack or memory there is status 4.
   */
  static <T> T onStack(Rung<?, ?> rung, long blocks, Callable<T> body) throws Failure {
    long stack = rung.recursive ? Math.max(MIN_STACK_BYTES, STACK_BYTES_PER_BLOCK * blocks) : 0;
    FutureTask<T> task = new FutureTask<>(body);
    try {
      new Thread(null, task, rung.name, stack).start();
      return task.get();
    } catch (OutOfMemoryError e) {
      throw new Failure(4, "no thread with a stack of " + (stack >> 20) + " MiB for " + blocks
          + " blocks: " + e.getMessage());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StackOverflowError) {
        throw new Failure(4, "out of stack, on a graph of " + blocks + " blocks");
      }
      if (e.getCause() instanceof OutOfMemoryError) throw new Failure(4, "out of memory");
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "G1", "Parallel", "Serial", "ZGC", ...: the collector, as the runner names it. */
  static String collector() {
    List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
    String name = beans.isEmpty() ? "Epsilon" : beans.get(0).getName();
    return name.startsWith("PS ") ? "Parallel" : name.equals("Copy") ? "Serial"
        : name.split(" ")[0];
  }

  /** The JVM's name, version and options (those of the launcher's -D properties aside). */
  static String vm() {
    String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> !argument.startsWith("-Dhavlak.")).collect(Collectors.joining(" "));
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
        + (options.isEmpty() ? "" : " (" + options + ")");
  }

  /** The process's peak resident memory (VmHWM), in KiB; -1 where /proc cannot say. */
  static long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux.
    }
    return -1;
  }

  static String report(Rung<?, ?> rung, Workload workload, Workload.Result result,
      double seconds, List<String> problems) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s: %s%ncollector: %s, %s%n", rung.name, rung.idea, collector(),
        vm()));
    out.append(String.format("workload: scale %s%s, %d blocks, %d small-graph findings, 1 + %d "
        + "big-graph findings%n", workload.scale, workload.canonical() ? " (canonical)" : "",
        workload.blocks(), workload.smallGraphFinds, workload.iterations));
    out.append(String.format("# of loops: %d (total %d)%n", result.loops, result.loopsTotal));
    out.append(problems.isEmpty() ? "loop counts: right\n"
        : "loop counts: WRONG: " + String.join("; ", problems) + "\n");
    for (int phase = 0; phase < Workload.PHASES.length; phase++) {
      out.append(String.format("%-22s %8.3f s%n", Workload.TITLES[phase], result.seconds[phase]));
    }
    out.append(String.format("%-22s %8.3f s%n", "total", seconds));
    out.append(String.format("%-22s %8.1f MiB%n", "peak resident memory",
        peakRssKib() / 1024.0));
    out.append(String.format("%-22s %8.1f MiB by the workload's thread (largest heap in use "
        + "seen %.1f MiB)%n", "allocated", result.allocatedBytes / 1048576.0,
        result.peakHeapBytes / 1048576.0));
    return out.toString();
  }

  /** The record the runner reads (records.parse_run_record). */
  static String record(Rung<?, ?> rung, Workload workload, Workload.Result result,
      double seconds, List<String> problems) {
    StringBuilder out = new StringBuilder("{");
    out.append("\"rung\":").append(quote(rung.name))
        .append(",\"language\":").append(quote(rung.language()))
        .append(",\"idea\":").append(quote(rung.idea))
        .append(",\"allocator\":").append(quote(collector()))
        .append(",\"allocator_version\":").append(quote(vm()))
        .append(",\"compiler\":").append(quote(System.getProperty("havlak.compiler", "javac")))
        .append(",\"build_flags\":")
        .append(quote(System.getProperty("havlak.compiler.flags", "")))
        .append(",\"workload\":{\"canonical\":").append(workload.canonical())
        .append(",\"scale\":").append(workload.scale)
        .append(",\"trees\":").append(Workload.TREES)
        .append(",\"loops_per_tree\":").append(workload.loopsPerTree)
        .append(",\"blocks\":").append(workload.blocks())
        .append(",\"small_graph_finds\":").append(workload.smallGraphFinds)
        .append(",\"big_graph_finds\":").append(workload.iterations)
        .append("},\"reuse_loop_graph\":").append(rung.reusesLoopGraph)
        .append(",\"loops\":").append(result.loops)
        .append(",\"loops_total\":").append(result.loopsTotal)
        .append(",\"small_graph_loops\":").append(result.smallGraphLoops)
        .append(",\"root_nesting_level\":").append(result.rootNestingLevel)
        .append(",\"loop_counts_right\":").append(problems.isEmpty())
        .append(",\"loop_count_problems\":[")
        .append(problems.stream().map(Driver::quote).collect(Collectors.joining(",")))
        .append("],\"phases\":{");
    for (int phase = 0; phase < Workload.PHASES.length; phase++) {
      out.append(phase == 0 ? "" : ",").append(quote(Workload.PHASES[phase]))
          .append(":{\"wall_seconds\":").append(result.seconds[phase]);
      if (Workload.PHASES[phase].equals("repeated_finds")) {
        out.append(",\"each_seconds\":").append(Arrays.stream(result.repeatedFindSeconds)
            .mapToObj(Double::toString).collect(Collectors.joining(",", "[", "]")));
      }
      out.append('}');
    }
    // HotSpot counts bytes, per thread, not objects: no count.
    return out.append("},\"wall_seconds\":").append(seconds)
        .append(",\"peak_rss_kib\":").append(peakRssKib())
        .append(",\"allocations\":{\"count\":null,\"bytes\":").append(result.allocatedBytes)
        .append(",\"peak_live_bytes\":").append(result.peakHeapBytes).append("}}\n").toString();
  }

  /** A JSON string. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
