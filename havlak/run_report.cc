#include "havlak/run_report.h"

#include <cstdio>
#include <string>

#include "havlak/build_info.h"
#include "havlak/json_writer.h"
#include "havlak/text_format.h"

namespace havlak {
namespace {

std::string Format(const char* format, auto... args) {
  char line[256];
  std::snprintf(line, sizeof(line), format, args...);
  return line;
}

std::string Mismatch(const char* what, std::int64_t actual,
                     std::int64_t expected) {
  return Format("%s: %lld, expected %lld", what, static_cast<long long>(actual),
                static_cast<long long>(expected));
}

// "310.2 ms", "31.0 us": a finding's time in a readable unit.
std::string PerFinding(double seconds) {
  if (seconds >= 1) return Format("%.2f s", seconds);
  if (seconds >= 1e-3) return Format("%.1f ms", seconds * 1e3);
  return Format("%.1f us", seconds * 1e6);
}

std::string Workload(const RunReport& report) {
  const WorkloadSpec& spec = report.spec;
  return Format(
      "%s: %lld blocks; %d small-graph findings; 1 + %d big-graph "
      "findings",
      spec.IsCanonical() ? "canonical"
                         : Format("scale %g", report.scale).c_str(),
      static_cast<long long>(spec.BigGraphBlocks()), spec.small_graph_finds,
      spec.big_graph_finds);
}

}  // namespace

std::vector<std::string> CheckLoopCounts(const WorkloadSpec& spec,
                                         const WorkloadResult& result) {
  std::vector<std::string> problems;
  const auto check = [&](const char* what, std::int64_t actual,
                         std::int64_t expected) {
    if (actual != expected)
      problems.push_back(Mismatch(what, actual, expected));
  };
  check("small-graph loops", result.small_graph_loops,
        WorkloadSpec::kSmallGraphLoops);
  check("small-graph loops, all findings", result.small_graph_loops_total,
        std::int64_t{WorkloadSpec::kSmallGraphLoops} * spec.small_graph_finds);
  check("big-graph loops", result.big_graph_loops,
        spec.ExpectedBigGraphLoops());
  if (result.stopped_after_first_find) return problems;
  check("big-graph loops, repeated findings", result.big_graph_loops_total,
        spec.ExpectedBigGraphLoops() * spec.big_graph_finds);
  check("root nesting level", result.root_nesting_level,
        WorkloadSpec::kBigGraphLoopDepth);
  return problems;
}

std::string FormatReport(const RunReport& report) {
  const WorkloadResult& result = report.result;
  std::string out;
  out += report.rung + ": " + report.idea + "\n";
  out += "allocator: " + report.allocator + " " + report.allocator_version +
         (report.allocations ? " (counting operator new)" : "") + "\n";
  out += "workload: " + Workload(report) + "\n";
  if (report.reuse_loop_graph) {
    out +=
        "loop graph: one, cleared and refilled by every finding but the "
        "first big-graph one\n";
  }
  if (result.stopped_after_first_find) {
    out +=
        Format("# of loops: %d (stopped after the first big-graph finding)\n",
               result.big_graph_loops);
  } else {
    out += Format("# of loops: %d (total %lld)\n", result.big_graph_loops,
                  static_cast<long long>(result.big_graph_loops_total));
  }
  if (report.loop_count_problems.empty()) {
    out += Format("loop counts: right (small graph %d, loop depth %d)\n",
                  result.small_graph_loops, result.root_nesting_level);
  } else {
    for (const std::string& problem : report.loop_count_problems) {
      out += "loop counts: WRONG: " + problem + "\n";
    }
  }
  out += "\nphase                      wall    per finding\n";
  for (const Phase phase : kAllPhases) {
    const PhaseTime& time = result[phase];
    if (phase == Phase::kRepeatedFinds && result.stopped_after_first_find) {
      break;
    }
    out += Format("%-22s %8.3f s", std::string(PhaseTitle(phase)).c_str(),
                  time.wall_seconds);
    if (time.finds > 0) {
      out += Format("  %10s  (%d)",
                    PerFinding(time.wall_seconds / time.finds).c_str(),
                    time.finds);
    }
    out += "\n";
  }
  out += Format("%-22s %8.3f s  user %.2f s, system %.2f s\n", "total",
                report.wall_seconds, report.usage.user_seconds,
                report.usage.system_seconds);
  out += Format("%-22s %8.1f MiB\n", "peak resident memory",
                report.usage.peak_rss_kib / 1024.0);
  if (report.allocations) {
    out += Format("%-22s %10lld  (%.1f MiB asked for; peak live %.1f MiB)\n",
                  "allocations",
                  static_cast<long long>(report.allocations->allocations),
                  report.allocations->bytes / 1048576.0,
                  report.allocations->peak_live_bytes / 1048576.0);
  }
  if (!report.cpu_profile.empty()) {
    out += "CPU profile: " + PrintableName(report.cpu_profile) + "\n";
  }
  if (!report.heap_profile.empty()) {
    out += "heap profile: " + PrintableName(report.heap_profile) + "\n";
  }
  return out;
}

std::string FormatJson(const RunReport& report) {
  const WorkloadResult& result = report.result;
  const WorkloadSpec& spec = report.spec;
  JsonWriter json;
  json.BeginObject();
  json.Key("rung").String(report.rung);
  json.Key("idea").String(report.idea);
  json.Key("allocator").String(report.allocator);
  json.Key("allocator_version").String(report.allocator_version);
  json.Key("compiler").String(CompilerVersion());
  json.Key("build_flags").String(BuildFlags());
  json.Key("workload").BeginObject();
  json.Key("canonical").Bool(spec.IsCanonical());
  json.Key("scale").Number(report.scale);
  json.Key("trees").Integer(spec.trees);
  json.Key("loops_per_tree").Integer(spec.loops_per_tree);
  json.Key("blocks").Integer(spec.BigGraphBlocks());
  json.Key("small_graph_finds").Integer(spec.small_graph_finds);
  json.Key("big_graph_finds").Integer(spec.big_graph_finds);
  json.EndObject();
  json.Key("reuse_loop_graph").Bool(report.reuse_loop_graph);
  json.Key("loops").Integer(result.big_graph_loops);
  json.Key("loops_total").Integer(result.big_graph_loops_total);
  json.Key("small_graph_loops").Integer(result.small_graph_loops);
  json.Key("root_nesting_level").Integer(result.root_nesting_level);
  json.Key("stopped_after_first_find").Bool(result.stopped_after_first_find);
  json.Key("loop_counts_right").Bool(report.loop_count_problems.empty());
  json.Key("loop_count_problems").BeginArray();
  for (const std::string& problem : report.loop_count_problems) {
    json.String(problem);
  }
  json.EndArray();
  json.Key("phases").BeginObject();
  for (const Phase phase : kAllPhases) {
    json.Key(PhaseKey(phase)).BeginObject();
    json.Key("wall_seconds").Number(result[phase].wall_seconds);
    json.Key("finds").Integer(result[phase].finds);
    if (phase == Phase::kRepeatedFinds) {
      json.Key("each_seconds").BeginArray();
      for (const double seconds : result.repeated_find_seconds) {
        json.Number(seconds);
      }
      json.EndArray();
    }
    json.EndObject();
  }
  json.EndObject();
  json.Key("wall_seconds").Number(report.wall_seconds);
  json.Key("user_seconds").Number(report.usage.user_seconds);
  json.Key("system_seconds").Number(report.usage.system_seconds);
  json.Key("peak_rss_kib").Integer(report.usage.peak_rss_kib);
  json.Key("vm_hwm_kib").Integer(report.vm_hwm_kib);
  json.Key("allocations");
  if (report.allocations) {
    json.BeginObject();
    json.Key("count").Integer(report.allocations->allocations);
    json.Key("bytes").Integer(report.allocations->bytes);
    json.Key("peak_live_bytes").Integer(report.allocations->peak_live_bytes);
    json.EndObject();
  } else {
    json.Null();
  }
  json.Key("cpu_profile").String(report.cpu_profile);
  json.Key("heap_profile").String(report.heap_profile);
  json.EndObject();
  return std::move(json).Take() + "\n";
}

}  // namespace havlak
