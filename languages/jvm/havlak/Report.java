package havlak;

import java.util.ArrayList;
import java.util.List;

/** The report of one run and its JSON record, as the C++ rungs print them. */
public final class Report {
  public String rung;
  public String language = "java";
  public String idea;
  public String collector;    // the JSON record's "allocator"
  public String jvm;          // its "allocator_version"
  public String compiler;     // javac's version
  public String buildFlags;   // javac's flags
  public double scale;
  public Workload spec;
  public boolean reuseLoopGraph;
  public Workloads.Result result;
  public double wallSeconds;
  public double userSeconds;
  public double systemSeconds;
  public long vmHwmKib;
  // Bytes the workload's thread allocated, and the largest heap in use
  // sampled after each big-graph finding; -1 when unknown.
  public long allocatedBytes = -1;
  public long peakHeapBytes = -1;
  public String cpuProfile = "";
  public String heapProfile = "";

  /** The problems with the loop counts, none when they are right. */
  public static List<String> checkLoopCounts(Workload spec, Workloads.Result result) {
    List<String> problems = new ArrayList<>();
    check(problems, "small-graph loops", result.smallGraphLoops, Workload.SMALL_GRAPH_LOOPS);
    check(problems, "small-graph loops, all findings", result.smallGraphLoopsTotal,
        (long) Workload.SMALL_GRAPH_LOOPS * spec.smallGraphFinds);
    check(problems, "big-graph loops", result.bigGraphLoops, spec.expectedBigGraphLoops());
    if (result.stoppedAfterFirstFind) return problems;
    check(problems, "big-graph loops, repeated findings", result.bigGraphLoopsTotal,
        spec.expectedBigGraphLoops() * spec.bigGraphFinds);
    check(problems, "root nesting level", result.rootNestingLevel,
        Workload.BIG_GRAPH_LOOP_DEPTH);
    return problems;
  }

  private static void check(List<String> problems, String what, long actual, long expected) {
    if (actual != expected) problems.add(what + ": " + actual + ", expected " + expected);
  }

  /** "310.2 ms", "31.0 us": a finding's time in a readable unit. */
  private static String perFinding(double seconds) {
    if (seconds >= 1) return String.format("%.2f s", seconds);
    if (seconds >= 1e-3) return String.format("%.1f ms", seconds * 1e3);
    return String.format("%.1f us", seconds * 1e6);
  }

  private String workload() {
    return String.format("%s: %d blocks; %d small-graph findings; 1 + %d big-graph findings",
        spec.isCanonical() ? "canonical" : "scale " + Text.formatG(scale), spec.bigGraphBlocks(),
        spec.smallGraphFinds, spec.bigGraphFinds);
  }

  /** The report for people. */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append(rung).append(": ").append(idea).append('\n');
    out.append("allocator: ").append(collector).append(" collector, ").append(jvm).append('\n');
    out.append("workload: ").append(workload()).append('\n');
    if (reuseLoopGraph) {
      out.append("loop graph: one, cleared and refilled by every finding but the first "
          + "big-graph one\n");
    }
    if (result.stoppedAfterFirstFind) {
      out.append(String.format("# of loops: %d (stopped after the first big-graph finding)\n",
          result.bigGraphLoops));
    } else {
      out.append(String.format("# of loops: %d (total %d)\n", result.bigGraphLoops,
          result.bigGraphLoopsTotal));
    }
    List<String> problems = checkLoopCounts(spec, result);
    if (problems.isEmpty()) {
      out.append(String.format("loop counts: right (small graph %d, loop depth %d)\n",
          result.smallGraphLoops, result.rootNestingLevel));
    } else {
      for (String problem : problems) out.append("loop counts: WRONG: ").append(problem).append('\n');
    }
    out.append("\nphase                      wall    per finding\n");
    for (Workloads.Phase phase : Workloads.Phase.values()) {
      if (phase == Workloads.Phase.REPEATED_FINDS && result.stoppedAfterFirstFind) break;
      double seconds = result.wallSeconds[phase.ordinal()];
      int finds = result.finds[phase.ordinal()];
      out.append(String.format("%-22s %8.3f s", phase.title, seconds));
      if (finds > 0) out.append(String.format("  %10s  (%d)", perFinding(seconds / finds), finds));
      out.append('\n');
    }
    out.append(String.format("%-22s %8.3f s  user %.2f s, system %.2f s\n", "total", wallSeconds,
        userSeconds, systemSeconds));
    out.append(String.format("%-22s %8.1f MiB\n", "peak resident memory", vmHwmKib / 1024.0));
    if (allocatedBytes >= 0) {
      out.append(String.format("%-22s %10s  (%.1f MiB by the workload's thread; largest heap "
          + "in use seen %.1f MiB)\n", "allocations", "-", allocatedBytes / 1048576.0,
          peakHeapBytes / 1048576.0));
    }
    if (!cpuProfile.isEmpty()) {
      out.append("CPU profile (JFR): ").append(Text.printable(Text.bytesOf(cpuProfile))).append('\n');
    }
    if (!heapProfile.isEmpty()) {
      out.append("heap profile (hprof): ").append(Text.printable(Text.bytesOf(heapProfile)))
          .append('\n');
    }
    return out.toString();
  }

  /** The record for machines: the C++ record's fields, plus "language". */
  public String formatJson() {
    Json json = new Json();
    json.beginObject();
    json.key("rung").string(rung);
    json.key("language").string(language);
    json.key("idea").string(idea);
    json.key("allocator").string(collector);
    json.key("allocator_version").string(jvm);
    json.key("compiler").string(compiler);
    json.key("build_flags").string(buildFlags);
    json.key("workload").beginObject();
    json.key("canonical").bool(spec.isCanonical());
    json.key("scale").number(scale);
    json.key("trees").integer(spec.trees);
    json.key("loops_per_tree").integer(spec.loopsPerTree);
    json.key("blocks").integer(spec.bigGraphBlocks());
    json.key("small_graph_finds").integer(spec.smallGraphFinds);
    json.key("big_graph_finds").integer(spec.bigGraphFinds);
    json.endObject();
    json.key("reuse_loop_graph").bool(reuseLoopGraph);
    json.key("loops").integer(result.bigGraphLoops);
    json.key("loops_total").integer(result.bigGraphLoopsTotal);
    json.key("small_graph_loops").integer(result.smallGraphLoops);
    json.key("root_nesting_level").integer(result.rootNestingLevel);
    json.key("stopped_after_first_find").bool(result.stoppedAfterFirstFind);
    List<String> problems = checkLoopCounts(spec, result);
    json.key("loop_counts_right").bool(problems.isEmpty());
    json.key("loop_count_problems").beginArray();
    for (String problem : problems) json.string(problem);
    json.endArray();
    json.key("phases").beginObject();
    for (Workloads.Phase phase : Workloads.Phase.values()) {
      json.key(phase.key).beginObject();
      json.key("wall_seconds").number(result.wallSeconds[phase.ordinal()]);
      json.key("finds").integer(result.finds[phase.ordinal()]);
      json.endObject();
    }
    json.endObject();
    json.key("wall_seconds").number(wallSeconds);
    json.key("user_seconds").number(userSeconds);
    json.key("system_seconds").number(systemSeconds);
    json.key("peak_rss_kib").integer(vmHwmKib);
    json.key("vm_hwm_kib").integer(vmHwmKib);
    json.key("allocations");
    if (allocatedBytes >= 0) {
      // HotSpot counts bytes per thread (TLAB-exact), not objects.
      json.beginObject();
      json.key("count").nul();
      json.key("bytes").integer(allocatedBytes);
      json.key("peak_live_bytes").integer(peakHeapBytes);
      json.key("how").string("bytes: com.sun.management.ThreadMXBean."
          + "getCurrentThreadAllocatedBytes of the workload's thread; count: not measured "
          + "(HotSpot counts no objects); peak_live_bytes: the largest heap in use (live and "
          + "not yet collected) sampled after each phase and big-graph finding");
      json.endObject();
    } else {
      json.nul();
    }
    json.key("cpu_profile").string(Text.bytesOf(cpuProfile));
    json.key("heap_profile").string(Text.bytesOf(heapProfile));
    json.endObject();
    return json.take() + "\n";
  }
}
