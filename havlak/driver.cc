#include "havlak/driver.h"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "havlak/allocator.h"
#include "havlak/cfg_file.h"
#include "havlak/command_line.h"
#include "havlak/cpu_profiler.h"
#include "havlak/forest_output.h"
#include "havlak/large_stack.h"
#include "havlak/measure.h"
#include "havlak/output_file.h"
#include "havlak/run_report.h"
#include "havlak/status.h"
#include "havlak/text_format.h"

namespace havlak {
namespace {

// A progress line on stderr, rewritten in place, when stderr is a terminal.
class ProgressLine : public WorkloadObserver {
 public:
  explicit ProgressLine(std::string_view rung)
      : rung_(rung), enabled_(isatty(STDERR_FILENO) == 1) {}

  ~ProgressLine() override { Clear(); }

  void Progress(Phase phase, int done, int total) override {
    if (!enabled_) return;
    const double now = clock_.Seconds();
    if (done < total && now < next_update_) return;
    next_update_ = now + 0.2;
    std::fprintf(stderr, "\r%.*s: %.*s %d/%d  (%.0f s)   ",
                 static_cast<int>(rung_.size()), rung_.data(),
                 static_cast<int>(PhaseTitle(phase).size()),
                 PhaseTitle(phase).data(), done, total, now);
    shown_ = true;
  }

  void Clear() {
    if (!shown_) return;
    std::fprintf(stderr, "\r%80s\r", "");
    shown_ = false;
  }

 private:
  std::string_view rung_;
  bool enabled_;
  bool shown_ = false;
  Stopwatch clock_;
  double next_update_ = 0;
};

// What the heap profiler recorded so far, written to `out`.
Status WriteHeapProfile(OutputFile& out) {
  std::string profile;
  if (Status status = TakeHeapProfile(&profile); !status.ok()) return status;
  if (Status status = out.Write(profile); !status.ok()) return status;
  return out.Commit();
}

int Fail(std::string_view rung, int status, const std::string& message) {
  std::fprintf(stderr, "%.*s: %s%s\n", static_cast<int>(rung.size()),
               rung.data(), status == kExitUsage ? "error: " : "",
               message.c_str());
  return status;
}

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

// --dump-cfg: the graph to a file, complete or not at all.
int DumpCfg(const Options& options, const RungEntry& rung,
            const EdgeList& graph, const std::vector<std::uint32_t>& ids,
            const std::string& what) {
  const std::string text = FormatCfg(
      graph, ids,
      what + ": " + Count(graph.num_blocks, "block") + ", " +
          Count(static_cast<std::int64_t>(graph.edges.size()), "edge") +
          " (written by " + std::string(rung.name) + ")");
  if (const Status status = WriteOutputFile(options.dump_cfg, text);
      !status.ok()) {
    return Fail(rung.name, kExitFailure, "--dump-cfg: " + status.message());
  }
  return kExitSuccess;
}

// Rules between flags that hold with and without --cfg.
Status CheckOutputFlags(const Options& options) {
  if (!options.dump_cfg.empty()) {
    for (const char* report_flag : {"json", "cpuprofile", "heapprofile"}) {
      if (options.given.contains(report_flag)) {
        return Status::Error(
            std::string("--") + report_flag +
            " applies to a run, and --dump-cfg only writes the graph");
      }
    }
  }
  for (const auto& [flag, path] :
       {std::pair{"--cpuprofile", &options.cpuprofile},
        std::pair{"--heapprofile", &options.heapprofile}}) {
    if (*path == "-") {
      return Status::Error(
          std::string(flag) +
          ": '-' would mix the profile with the report on standard "
          "output; name a file");
    }
  }
  return Status();
}

// --cfg: the loops of a CFG file, printed once they are all found.
int RunCfgFile(const Options& options, const RungEntry& rung) {
  for (const char* workload_flag :
       {"scale", "iterations", "heapprofile", "reuse-loop-graph"}) {
    if (options.given.contains(workload_flag)) {
      return Fail(rung.name, kExitUsage,
                  std::string("--") + workload_flag +
                      " applies to the workload, not to --cfg");
    }
  }
  const CfgReadResult read = ReadCfgFile(options.cfg);
  if (!read.status.ok()) {
    return Fail(rung.name, kExitUsage, read.status.message());
  }
  const CfgFile& file = *read.file;
  const std::string input = options.cfg == "-" ? "<stdin>" : options.cfg;
  if (!options.dump_cfg.empty()) {
    return DumpCfg(options, rung, file.graph, file.ids, PrintableName(input));
  }
  CpuProfile cpu_profile;
  if (!options.cpuprofile.empty()) {
    if (const Status status = cpu_profile.Start(options.cpuprofile);
        !status.ok()) {
      return Fail(rung.name, kExitFailure, "--cpuprofile: " + status.message());
    }
  }
  const LoopForest forest = rung.find_forest(file.graph);
  if (const Status status = cpu_profile.Stop(); !status.ok()) {
    return Fail(rung.name, kExitFailure, "--cpuprofile: " + status.message());
  }
  const ForestReport report{rung.name, input, &file.graph, &file.ids, &forest};
  Print(options.json ? FormatForestJson(report) : FormatForestText(report));
  return kExitSuccess;
}

int Run(const Options& options, const RungEntry& rung) {
  if (const Status status = CheckOutputFlags(options); !status.ok()) {
    return Fail(rung.name, kExitUsage, status.message());
  }
  if (!options.cfg.empty()) return RunCfgFile(options, rung);
  if (!options.heapprofile.empty() && !options.cpuprofile.empty()) {
    return Fail(rung.name, kExitUsage,
                "--heapprofile and --cpuprofile need separate runs (the heap "
                "profiler slows every allocation)");
  }
  if (!options.cpuprofile.empty() && CpuProfile::StartedByEnvironment()) {
    return Fail(rung.name, kExitUsage,
                "--cpuprofile: the CPUPROFILE environment variable already "
                "profiles this run; use one or the other");
  }
  if (!options.heapprofile.empty()) {
    if (const Status status = CanProfileHeap(); !status.ok()) {
      return Fail(rung.name, kExitUsage, "--heapprofile: " + status.message());
    }
  }
  if (options.reuse_loop_graph && !rung.reuses_loop_graph) {
    return Fail(rung.name, kExitUsage,
                "--reuse-loop-graph: " + std::string(rung.name) +
                    " has no loop graph to reuse (its finder fills a fresh "
                    "one every time)");
  }
  WorkloadPlan plan;
  plan.reuse_loop_graph =
      rung.reuses_loop_graph && options.reuse_loop_graph.value_or(true);
  // A heap profile shows the first big-graph finding's memory.
  plan.stop_after_first_find = !options.heapprofile.empty();
  const WorkloadSpec spec =
      WorkloadSpec::Scaled(options.scale, options.iterations);
  if (!options.dump_cfg.empty()) {
    EdgeList graph;
    BuildSmallGraph(graph);
    BuildBigGraph(spec, graph);
    return DumpCfg(options, rung, graph, {},
                   spec.IsCanonical() ? "the canonical workload's graph"
                                      : "the workload's graph at --scale=" +
                                            FormatNumber(options.scale));
  }

  CpuProfile cpu_profile;
  if (!options.cpuprofile.empty()) {
    if (const Status status = cpu_profile.Start(options.cpuprofile);
        !status.ok()) {
      return Fail(rung.name, kExitFailure, "--cpuprofile: " + status.message());
    }
  }
  OutputFile heap_profile;
  if (!options.heapprofile.empty()) {
    Status status = heap_profile.Open(options.heapprofile);
    if (status.ok()) status = StartHeapProfile();
    if (!status.ok()) {
      return Fail(rung.name, kExitFailure,
                  "--heapprofile: " + status.message());
    }
  }

  ProgressLine progress(rung.name);
  RunReport report;
  Status heap_profile_status;
  const Stopwatch watch;
  RunOnStackFor(spec.BigGraphBlocks(), rung.recursive, [&] {
    report.result = rung.run_workload(spec, plan, progress);
    if (report.result.stopped_after_first_find) {
      heap_profile_status = WriteHeapProfile(heap_profile);
    }
    report.result.live_data.reset();  // on the stack the rung ran on
  });
  report.wall_seconds = watch.Seconds();
  progress.Clear();
  if (const Status status = cpu_profile.Stop(); !status.ok()) {
    return Fail(rung.name, kExitFailure, "--cpuprofile: " + status.message());
  }
  if (!heap_profile_status.ok()) {
    return Fail(rung.name, kExitFailure,
                "--heapprofile: " + heap_profile_status.message());
  }

  report.rung = rung.name;
  report.idea = rung.idea;
  report.allocator = AllocatorName();
  report.allocator_version = AllocatorVersion();
  report.scale = options.scale;
  report.spec = spec;
  report.reuse_loop_graph = plan.reuse_loop_graph;
  report.usage = ReadResourceUsage();
  report.vm_hwm_kib = ReadVmHwmKib();
  report.allocations = ReadAllocationCounts();
  report.cpu_profile = options.cpuprofile;
  report.heap_profile = options.heapprofile;

  report.loop_count_problems = CheckLoopCounts(spec, report.result);

  Print(options.json ? FormatJson(report) : FormatReport(report));
  for (const std::string& problem : report.loop_count_problems) {
    Fail(rung.name, kExitWrongLoopCount, "wrong loop count: " + problem);
  }
  return report.loop_count_problems.empty() ? kExitSuccess
                                            : kExitWrongLoopCount;
}

}  // namespace

int RunCommandLine(int argc, char** argv, const RungEntry& rung) {
  const ParsedCommandLine parsed = ParseCommandLine(argc, argv);
  if (!parsed.status.ok()) {
    return Fail(rung.name, kExitUsage,
                parsed.status.message() + " (see --help)");
  }
  if (parsed.options.help) {
    const std::string usage =
        UsageText(rung.name, rung.idea, rung.reuses_loop_graph);
    std::fwrite(usage.data(), 1, usage.size(), stdout);
    return kExitSuccess;
  }
  try {
    return Run(parsed.options, rung);
  } catch (const std::bad_alloc&) {
    return Fail(rung.name, kExitResourceLimit, "out of memory");
  } catch (const StackLimitError& error) {
    return Fail(rung.name, kExitResourceLimit, error.what());
  } catch (const std::exception& error) {
    return Fail(rung.name, kExitFailure, error.what());
  }
}

}  // namespace havlak
