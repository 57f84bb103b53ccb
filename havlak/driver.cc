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
#include "havlak/text_format.h"

namespace havlak {
namespace {

// A progress line on stderr, rewritten in place, when stderr is a terminal.
class ProgressLine : public WorkloadObserver {
 public:
  // `heap_profile`, when open, gets the heap profile after the first
  // big-graph finding, and the run stops there.
  ProgressLine(std::string_view rung, OutputFile& heap_profile)
      : rung_(rung),
        heap_profile_(heap_profile),
        enabled_(isatty(STDERR_FILENO) == 1) {}

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

  bool ContinueAfterFirstFind() override {
    if (!heap_profile_.is_open()) return true;
    std::string profile;
    heap_profile_error_ = TakeHeapProfile(&profile);
    if (heap_profile_error_.empty()) {
      heap_profile_error_ = heap_profile_.Write(profile);
    }
    if (heap_profile_error_.empty()) {
      heap_profile_error_ = heap_profile_.Commit();
    }
    return false;
  }

  const std::string& heap_profile_error() const { return heap_profile_error_; }

  void Clear() {
    if (!shown_) return;
    std::fprintf(stderr, "\r%80s\r", "");
    shown_ = false;
  }

 private:
  std::string_view rung_;
  OutputFile& heap_profile_;
  std::string heap_profile_error_;
  bool enabled_;
  bool shown_ = false;
  Stopwatch clock_;
  double next_update_ = 0;
};

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
  if (std::string error = WriteOutputFile(options.dump_cfg, text);
      !error.empty()) {
    return Fail(rung.name, kExitFailure, "--dump-cfg: " + error);
  }
  return kExitSuccess;
}

// Rules between flags that hold with and without --cfg; "" or an error.
std::string CheckOutputFlags(const Options& options) {
  if (!options.dump_cfg.empty()) {
    for (const char* report_flag : {"json", "cpuprofile", "heapprofile"}) {
      if (options.given.contains(report_flag)) {
        return std::string("--") + report_flag +
               " applies to a run, and --dump-cfg only writes the graph";
      }
    }
  }
  for (const auto& [flag, path] :
       {std::pair{"--cpuprofile", &options.cpuprofile},
        std::pair{"--heapprofile", &options.heapprofile}}) {
    if (*path == "-") {
      return std::string(flag) +
             ": '-' would mix the profile with the report on standard "
             "output; name a file";
    }
  }
  return "";
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
  if (!read.error.empty()) return Fail(rung.name, kExitUsage, read.error);
  const CfgFile& file = *read.file;
  const std::string input = options.cfg == "-" ? "<stdin>" : options.cfg;
  if (!options.dump_cfg.empty()) {
    return DumpCfg(options, rung, file.graph, file.ids, PrintableName(input));
  }
  CpuProfile cpu_profile;
  if (!options.cpuprofile.empty()) {
    if (std::string error = cpu_profile.Start(options.cpuprofile);
        !error.empty()) {
      return Fail(rung.name, kExitFailure, "--cpuprofile: " + error);
    }
  }
  const LoopForest forest = rung.find_forest(file.graph);
  if (std::string error = cpu_profile.Stop(); !error.empty()) {
    return Fail(rung.name, kExitFailure, "--cpuprofile: " + error);
  }
  const ForestReport report{rung.name, input, &file.graph, &file.ids,
                            &forest};
  Print(options.json ? FormatForestJson(report) : FormatForestText(report));
  return kExitSuccess;
}

int Run(const Options& options, const RungEntry& rung) {
  if (std::string error = CheckOutputFlags(options); !error.empty()) {
    return Fail(rung.name, kExitUsage, error);
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
  if (!options.heapprofile.empty() && !CanProfileHeap()) {
    return Fail(rung.name, kExitUsage,
                "--heapprofile: " + StartHeapProfile());
  }
  if (options.reuse_loop_graph && !rung.reuses_loop_graph) {
    return Fail(rung.name, kExitUsage,
                "--reuse-loop-graph: " + std::string(rung.name) +
                    " has no loop graph to reuse (havlak5 and up have)");
  }
  const bool reuse_loop_graph =
      rung.reuses_loop_graph && options.reuse_loop_graph.value_or(true);
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
    if (std::string error = cpu_profile.Start(options.cpuprofile);
        !error.empty()) {
      return Fail(rung.name, kExitFailure, "--cpuprofile: " + error);
    }
  }
  OutputFile heap_profile;
  if (!options.heapprofile.empty()) {
    std::string error = heap_profile.Open(options.heapprofile);
    if (error.empty()) error = StartHeapProfile();
    if (!error.empty()) {
      return Fail(rung.name, kExitFailure, "--heapprofile: " + error);
    }
  }

  ProgressLine progress(rung.name, heap_profile);
  RunReport report;
  const Stopwatch watch;
  RunOnStackFor(spec.BigGraphBlocks(), rung.recursive, [&] {
    report.result = rung.run_workload(spec, reuse_loop_graph, progress);
  });
  report.wall_seconds = watch.Seconds();
  progress.Clear();
  if (std::string error = cpu_profile.Stop(); !error.empty()) {
    return Fail(rung.name, kExitFailure, "--cpuprofile: " + error);
  }
  if (!progress.heap_profile_error().empty()) {
    return Fail(rung.name, kExitFailure,
                "--heapprofile: " + progress.heap_profile_error());
  }

  report.rung = rung.name;
  report.idea = rung.idea;
  report.allocator = AllocatorName();
  report.allocator_version = AllocatorVersion();
  report.scale = options.scale;
  report.spec = spec;
  report.reuse_loop_graph = reuse_loop_graph;
  report.usage = ReadResourceUsage();
  report.vm_hwm_kib = ReadVmHwmKib();
  report.allocations = ReadAllocationCounts();
  report.cpu_profile = options.cpuprofile;
  report.heap_profile = options.heapprofile;

  Print(options.json ? FormatJson(report) : FormatReport(report));
  const std::vector<std::string> problems =
      CheckLoopCounts(spec, report.result);
  for (const std::string& problem : problems) {
    Fail(rung.name, kExitWrongLoopCount, "wrong loop count: " + problem);
  }
  return problems.empty() ? kExitSuccess : kExitWrongLoopCount;
}

}  // namespace

int RunCommandLine(int argc, char** argv, const RungEntry& rung) {
  const ParsedCommandLine parsed = ParseCommandLine(argc, argv);
  if (!parsed.error.empty()) {
    return Fail(rung.name, kExitUsage, parsed.error + " (see --help)");
  }
  if (parsed.options.help) {
    const std::string usage = UsageText(rung.name, rung.idea);
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
