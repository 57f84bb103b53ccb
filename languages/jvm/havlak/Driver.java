package havlak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole main program of a Java rung: it parses the command line, runs
 * the workload (or --cfg, or --dump-cfg) under the profilers asked for,
 * checks and prints the result, and exits with the C++ rungs' statuses.
 */
public final class Driver {
  public static final int EXIT_SUCCESS = 0;
  public static final int EXIT_WRONG_LOOP_COUNT = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_FAILURE = 3;
  public static final int EXIT_RESOURCE_LIMIT = 4;

  /**
   * A recursive rung's stack: this much per block of the graph, 64 MiB at least. Scala 3's
   * code for scala-havlak1's search (a foreach closure per level) outgrew 512 bytes a level on
   * the 100,000-deep nest; the stack is reserved, not touched, so the margin costs no memory.
   */
  public static final long STACK_BYTES_PER_BLOCK = 1024;
  public static final long MIN_RECURSIVE_STACK_BYTES = 64L << 20;

  private final Rung<?, ?> rung;

  private Driver(Rung<?, ?> rung) { this.rung = rung; }

  /** Runs {@code rung} with {@code args} and exits with its status. */
  public static void main(Rung<?, ?> rung, String[] args) {
    Locale.setDefault(Locale.ROOT);
    int status;
    try {
      status = new Driver(rung).runCommandLine(args);
    } catch (OutOfMemoryError e) {
      status = new Driver(rung).fail(EXIT_RESOURCE_LIMIT, "out of memory");
    }
    System.exit(status);
  }

  private int fail(int status, String message) {
    Text.printError(rung.name + ": " + (status == EXIT_USAGE ? "error: " : "") + message + "\n");
    return status;
  }

  int runCommandLine(String[] args) {
    CommandLine.Parsed parsed = CommandLine.parse(args);
    if (parsed.error != null) return fail(EXIT_USAGE, parsed.error + " (see --help)");
    if (parsed.options.help) {
      Text.print(CommandLine.usage(rung.name, rung.idea, rung.reusesLoopGraph));
      return EXIT_SUCCESS;
    }
    return run(parsed.options);
  }

  /** An error that ends the run with a status and one line. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    Stop(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** "64 MiB", "22.2 GiB". */
  private static String size(long bytes) {
    double mib = bytes / 1048576.0;
    return mib < 1024 ? String.format("%.0f MiB", mib) : String.format("%.1f GiB", mib / 1024);
  }

  /** The interface's reason for the thread's failure, rethrown on the caller's side. */
  private interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body} on a thread of its own whose stack is sized from the
   * graph when the rung's search recurses (the JVM's default, 1 MiB on the
   * main thread, ends a recursive search after some ten thousand blocks),
   * and turns running out of stack or memory into status 4.
   */
  private void runOnStackFor(long blocks, Body body) throws Stop {
    long stackBytes = rung.recursive
        ? Math.max(MIN_RECURSIVE_STACK_BYTES, STACK_BYTES_PER_BLOCK * blocks) : 0;
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        body.run();
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, rung.name, stackBytes);
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
      throw new Stop(EXIT_RESOURCE_LIMIT, "cannot reserve a stack of " + size(stackBytes) + ": "
          + e.getMessage() + " (" + STACK_BYTES_PER_BLOCK + " bytes for each of " + blocks
          + " blocks, for a recursive search; see ulimit -v and the kernel's overcommit limit)");
    }
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        // The main thread is never interrupted; wait on.
      }
    }
    Throwable t = thrown[0];
    if (t == null) return;
    if (t instanceof StackOverflowError) {
      throw new Stop(EXIT_RESOURCE_LIMIT, "out of stack: the recursive search needed more than "
          + size(stackBytes) + " for " + blocks + " blocks");
    }
    if (t instanceof OutOfMemoryError) throw new Stop(EXIT_RESOURCE_LIMIT, "out of memory");
    if (t instanceof Stop) throw (Stop) t;
    if (t instanceof RuntimeException) throw (RuntimeException) t;
    if (t instanceof Error) throw (Error) t;
    throw new RuntimeException(t);
  }

  /** A running JFR recording, dumped to its file by stop(). */
  private static final class CpuProfile {
    private final OutputFile file;
    private final jdk.jfr.Recording recording;

    CpuProfile(String path) throws Stop {
      try {
        file = OutputFile.open(path);
      } catch (OutputFile.Failure e) {
        throw new Stop(EXIT_FAILURE, "--cpuprofile: " + e.getMessage());
      }
      try {
        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
      } catch (IOException | java.text.ParseException | RuntimeException e) {
        file.abandon();
        throw new Stop(EXIT_FAILURE, "--cpuprofile: cannot start JFR: " + e.getMessage());
      }
    }

    void stop() throws Stop {
      Path dump = null;
      try {
        recording.stop();
        dump = Files.createTempFile("havlak-jfr-", ".jfr");
        recording.dump(dump);
        recording.close();
        file.write(Files.readAllBytes(dump));
        file.commit();
      } catch (IOException e) {
        file.abandon();
        throw new Stop(EXIT_FAILURE, "--cpuprofile: " + Text.reason(e));
      } catch (OutputFile.Failure e) {
        throw new Stop(EXIT_FAILURE, "--cpuprofile: " + e.getMessage());
      } finally {
        if (dump != null) dump.toFile().delete();
      }
    }
  }

  /** A progress line on stderr, rewritten in place, when stderr is a terminal. */
  private final class Progress implements Workloads.Observer {
    final boolean enabled = "true".equals(System.getProperty("havlak.stderr.tty"));
    final double start = Measure.now();
    double nextUpdate = 0;
    boolean shown = false;
    long peakHeap = Measure.heapUsedBytes();
    OutputFile heapProfile;
    String heapProfileError;

    @Override
    public void progress(Workloads.Phase phase, int done, int total) {
      if (phase == Workloads.Phase.REPEATED_FINDS || done == total) sample();
      if (!enabled) return;
      double now = Measure.now() - start;
      if (done < total && now < nextUpdate) return;
      nextUpdate = now + 0.2;
      Text.printError(String.format("\r%s: %s %d/%d  (%.0f s)   ", rung.name, phase.title, done,
          total, now));
      shown = true;
    }

    void sample() { peakHeap = Math.max(peakHeap, Measure.heapUsedBytes()); }

    @Override
    public boolean continueAfterFirstFind() {
      sample();
      if (heapProfile == null) return true;
      Path dir = null;
      try {
        dir = Files.createTempDirectory("havlak-heap-");
        Path dump = dir.resolve("heap.hprof");
        java.lang.management.ManagementFactory.getPlatformMXBean(
            com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        heapProfile.write(Files.readAllBytes(dump));
        heapProfile.commit();
        dump.toFile().delete();
      } catch (IOException e) {
        heapProfile.abandon();
        heapProfileError = Text.reason(e);
      } catch (OutputFile.Failure e) {
        heapProfileError = e.getMessage();
      } finally {
        if (dir != null) dir.toFile().delete();
      }
      return false;
    }

    void clear() {
      if (!shown) return;
      Text.printError(String.format("\r%80s\r", ""));
      shown = false;
    }
  }

  private void dumpCfg(CommandLine.Options options, EdgeList graph, int[] ids, String what)
      throws Stop {
    String text = CfgFile.format(graph, ids, what + ": " + Text.count(graph.numBlocks, "block")
        + ", " + Text.count(graph.numEdges(), "edge") + " (written by " + rung.name + ")");
    try {
      OutputFile.writeAtomically(options.dumpCfg,
          text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (OutputFile.Failure e) {
      throw new Stop(EXIT_FAILURE, "--dump-cfg: " + e.getMessage());
    }
  }

  /** The rules between flags that hold with and without --cfg; null or an error. */
  private static String checkOutputFlags(CommandLine.Options options) {
    if (!options.dumpCfg.isEmpty()) {
      for (String flag : new String[] {"json", "cpuprofile", "heapprofile"}) {
        if (options.given.contains(flag)) {
          return "--" + flag + " applies to a run, and --dump-cfg only writes the graph";
        }
      }
    }
    if (options.cpuprofile.equals("-")) {
      return "--cpuprofile: '-' would mix the profile with the report on standard output; "
          + "name a file";
    }
    if (options.heapprofile.equals("-")) {
      return "--heapprofile: '-' would mix the profile with the report on standard output; "
          + "name a file";
    }
    return null;
  }

  private int run(CommandLine.Options options) {
    try {
      return runOrStop(options);
    } catch (Stop stop) {
      return fail(stop.status, stop.getMessage());
    }
  }

  private int runOrStop(CommandLine.Options options) throws Stop {
    String problem = checkOutputFlags(options);
    if (problem != null) throw new Stop(EXIT_USAGE, problem);
    if (!options.cfg.isEmpty()) return runCfgFile(options);
    if (!options.heapprofile.isEmpty() && !options.cpuprofile.isEmpty()) {
      throw new Stop(EXIT_USAGE, "--heapprofile and --cpuprofile need separate runs (the heap "
          + "profiler slows every allocation)");
    }
    if (options.reuseLoopGraph != null && !rung.reusesLoopGraph) {
      throw new Stop(EXIT_USAGE, "--reuse-loop-graph: " + rung.name
          + " has no loop graph to reuse (its finder fills a fresh one every time)");
    }
    boolean reuse = rung.reusesLoopGraph
        && (options.reuseLoopGraph == null || options.reuseLoopGraph);
    Workload spec = Workload.scaled(options.scale, options.iterations);
    if (!options.dumpCfg.isEmpty()) {
      EdgeList graph = new EdgeList();
      Workload.buildSmallGraph(graph);
      spec.buildBigGraph(graph);
      dumpCfg(options, graph, null, spec.isCanonical() ? "the canonical workload's graph"
          : "the workload's graph at --scale=" + Text.formatG(options.scale));
      return EXIT_SUCCESS;
    }

    Progress progress = new Progress();
    if (!options.heapprofile.isEmpty()) {
      try {
        progress.heapProfile = OutputFile.open(options.heapprofile);
      } catch (OutputFile.Failure e) {
        throw new Stop(EXIT_FAILURE, "--heapprofile: " + e.getMessage());
      }
    }
    CpuProfile cpuProfile = options.cpuprofile.isEmpty() ? null : new CpuProfile(options.cpuprofile);

    Report report = new Report();
    long[] allocated = new long[1];
    double start = Measure.now();
    runOnStackFor(spec.bigGraphBlocks(), () -> {
      long before = Measure.threadAllocatedBytes();
      report.result = Workloads.run(rung, spec, reuse, progress);
      allocated[0] = before < 0 ? -1 : Measure.threadAllocatedBytes() - before;
    });
    report.wallSeconds = Measure.now() - start;
    progress.clear();
    if (cpuProfile != null) cpuProfile.stop();
    if (progress.heapProfileError != null) {
      throw new Stop(EXIT_FAILURE, "--heapprofile: " + progress.heapProfileError);
    }

    report.rung = rung.name;
    report.language = rung.language();
    report.idea = rung.idea;
    report.collector = Measure.collector();
    report.jvm = Measure.jvm();
    report.compiler = System.getProperty("havlak.compiler", "javac");
    report.buildFlags = System.getProperty("havlak.compiler.flags", "");
    report.scale = options.scale;
    report.spec = spec;
    report.reuseLoopGraph = reuse;
    double[] cpu = Measure.cpuSeconds();
    report.userSeconds = cpu[0];
    report.systemSeconds = cpu[1];
    report.vmHwmKib = Measure.vmHwmKib();
    report.allocatedBytes = allocated[0];
    report.peakHeapBytes = progress.peakHeap;
    report.cpuProfile = options.cpuprofile;
    report.heapProfile = options.heapprofile;

    Text.print(options.json ? report.formatJson() : report.format());
    List<String> problems = Report.checkLoopCounts(spec, report.result);
    for (String wrong : problems) fail(EXIT_WRONG_LOOP_COUNT, "wrong loop count: " + wrong);
    return problems.isEmpty() ? EXIT_SUCCESS : EXIT_WRONG_LOOP_COUNT;
  }

  /** --cfg: the loops of a CFG file, printed once they are all found. */
  private int runCfgFile(CommandLine.Options options) throws Stop {
    for (String flag : new String[] {"scale", "iterations", "heapprofile", "reuse-loop-graph"}) {
      if (options.given.contains(flag)) {
        throw new Stop(EXIT_USAGE, "--" + flag + " applies to the workload, not to --cfg");
      }
    }
    CfgFile file;
    try {
      file = CfgFile.read(options.cfg);
    } catch (CfgFile.BadCfg e) {
      throw new Stop(EXIT_USAGE, e.getMessage());
    }
    String input = options.cfg.equals("-") ? "<stdin>" : Text.bytesOf(options.cfg);
    if (!options.dumpCfg.isEmpty()) {
      dumpCfg(options, file.graph, file.ids, Text.printable(input));
      return EXIT_SUCCESS;
    }
    CpuProfile cpuProfile = options.cpuprofile.isEmpty() ? null : new CpuProfile(options.cpuprofile);
    LoopForest[] forest = new LoopForest[1];
    runOnStackFor(file.graph.numBlocks, () -> forest[0] = Workloads.findForest(rung, file.graph));
    if (cpuProfile != null) cpuProfile.stop();
    Text.print(options.json ? forest[0].formatJson(rung.name, input, file)
        : forest[0].formatText(rung.name, input, file));
    return EXIT_SUCCESS;
  }
}
