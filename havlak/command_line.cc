#include "havlak/command_line.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <sstream>
#include <vector>

#include "havlak/text_format.h"
#include "havlak/workload.h"

namespace havlak {
namespace {

// Numbers too large or too small for a double read as the largest double.
std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (error == std::errc::result_out_of_range) {
    return std::numeric_limits<double>::max();
  }
  if (error != std::errc() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Whole numbers too large for 64 bits read as INT64_MAX: out of any range.
std::optional<std::int64_t> ParseInteger(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size() || text.empty()) return std::nullopt;
  if (error == std::errc::result_out_of_range) {
    return std::numeric_limits<std::int64_t>::max();
  }
  if (error != std::errc()) return std::nullopt;
  return value;
}

// One flag: how it reads its value into Options; `apply` fails on a bad
// value.
struct Flag {
  std::string_view name;
  bool takes_value;  // false: a boolean flag
  std::string_view value_name;
  std::string_view help;
  std::function<Status(std::string_view value, Options&)> apply;
};

std::string Quoted(std::string_view text) {
  return "'" + PrintableName(text) + "'";
}

const std::vector<Flag>& Flags() {
  static const std::vector<Flag> flags = {
      {"scale", true, "S",
       "workload size: multiplies the 100 loops per tree and the 15000\n"
       "small-graph findings (default 1, the canonical workload)",
       [](std::string_view value, Options& options) -> Status {
         const std::optional<double> scale = ParseNumber(value);
         if (!scale) return Status::Error(Quoted(value) + " is not a number");
         if (*scale < kMinScale || *scale > kMaxScale) {
           std::ostringstream out;
           out << value << " is out of range (" << kMinScale << " to "
               << kMaxScale << ")";
           return Status::Error(out.str());
         }
         options.scale = *scale;
         return Status();
       }},
      {"iterations", true, "N",
       "loop findings on the big graph after the first (default 50)",
       [](std::string_view value, Options& options) -> Status {
         const std::optional<std::int64_t> iterations = ParseInteger(value);
         if (!iterations) {
           return Status::Error(Quoted(value) + " is not a whole number");
         }
         if (*iterations < 0 || *iterations > kMaxIterations) {
           return Status::Error(std::string(value) + " is out of range (0 to " +
                                std::to_string(kMaxIterations) + ")");
         }
         options.iterations = static_cast<int>(*iterations);
         return Status();
       }},
      {"json", false, "",
       "print one JSON record of the run instead of the report",
       [](std::string_view value, Options& options) -> Status {
         options.json = value == "true";
         return Status();
       }},
      {"cpuprofile", true, "FILE",
       "write a gperftools CPU profile of the run to FILE",
       [](std::string_view value, Options& options) -> Status {
         if (value.empty()) return Status::Error("needs a file name");
         options.cpuprofile = value;
         return Status();
       }},
      {"heapprofile", true, "FILE",
       "write a heap profile to FILE after the first finding on the big\n"
       "graph, then stop (havlakN-tcmalloc; havlakN-jemalloc under\n"
       "MALLOC_CONF=prof:true,prof_accum:true)",
       [](std::string_view value, Options& options) -> Status {
         if (value.empty()) return Status::Error("needs a file name");
         options.heapprofile = value;
         return Status();
       }},
      {"reuse-loop-graph", false, "",
       // UsageText adds whether this rung can, and its default.
       "refill one loop graph in every finding but the first big-graph one",
       [](std::string_view value, Options& options) -> Status {
         options.reuse_loop_graph = value == "true";
         return Status();
       }},
      {"cfg", true, "FILE",
       "find the loops of the CFG in FILE ('-': standard input) and print\n"
       "them, instead of running the workload (format: README.md)",
       [](std::string_view value, Options& options) -> Status {
         if (value.empty()) {
           return Status::Error("needs a file name ('-' for stdin)");
         }
         options.cfg = value;
         return Status();
       }},
      {"dump-cfg", true, "FILE",
       "write the workload's graph (or --cfg's) to FILE in the same\n"
       "format ('-': standard output), then stop",
       [](std::string_view value, Options& options) -> Status {
         if (value.empty()) return Status::Error("needs a file name");
         options.dump_cfg = value;
         return Status();
       }},
      {"help", false, "", "print this help and exit",
       [](std::string_view value, Options& options) -> Status {
         options.help = value == "true";
         return Status();
       }},
  };
  return flags;
}

const Flag* FindFlag(std::string_view name) {
  for (const Flag& flag : Flags()) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

}  // namespace

ParsedCommandLine ParseCommandLine(int argc, const char* const* argv) {
  ParsedCommandLine parsed;
  const std::span<const char* const> args(argv + 1, argc > 0 ? argc - 1 : 0);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h") arg = "--help";
    if (!arg.starts_with("--") || arg.size() == 2) {
      parsed.status = Status::Error("unexpected argument " + Quoted(arg));
      return parsed;
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> value;
    if (const size_t equals = name.find('='); equals != name.npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    const Flag* flag = FindFlag(name);
    if (flag == nullptr) {
      parsed.status =
          Status::Error("unknown flag " + Quoted("--" + std::string(name)));
      return parsed;
    }
    const std::string flag_name = "--" + std::string(name);
    if (parsed.options.given.contains(flag->name)) {
      parsed.status = Status::Error(flag_name + ": given more than once");
      return parsed;
    }
    if (flag->takes_value && !value) {
      // "--cfg --json" is a forgotten value, not a file named --json
      // (--cfg=--json still is).
      if (i + 1 == args.size() ||
          std::string_view(args[i + 1]).starts_with("--")) {
        parsed.status = Status::Error(flag_name + " needs a value");
        return parsed;
      }
      value = args[++i];
    }
    if (!flag->takes_value) {
      if (!value) value = "true";
      if (*value != "true" && *value != "false") {
        parsed.status = Status::Error(flag_name + ": " + Quoted(*value) +
                                      " is not true or false");
        return parsed;
      }
    }
    if (const Status status = flag->apply(*value, parsed.options);
        !status.ok()) {
      parsed.status = Status::Error(flag_name + ": " + status.message());
      return parsed;
    }
    parsed.options.given.insert(std::string(flag->name));
  }
  return parsed;
}

std::string UsageText(std::string_view program, std::string_view summary,
                      bool reuses_loop_graph) {
  const WorkloadSpec canonical;
  std::ostringstream out;
  out << program << ": " << summary << "\n\n"
      << "Usage: " << program << " [flags]\n\n"
      << "Runs Hundt's LoopTesterApp workload: " << canonical.small_graph_finds
      << " loop findings on a small\n"
      << "graph, then a big graph of " << canonical.BigGraphBlocks()
      << " blocks built and searched for\n"
      << "loops 1 + " << canonical.big_graph_finds
      << " times, then the nesting levels of the first result.\n"
      << "Prints the loop counts (checked against the known ones), the time\n"
      << "of each phase and the peak resident memory.\n\nFlags:\n";
  for (const Flag& flag : Flags()) {
    std::string head = "  --" + std::string(flag.name);
    if (flag.takes_value) head += "=" + std::string(flag.value_name);
    constexpr size_t kHelpColumn = 24;
    out << head;
    size_t column = head.size();
    std::string help_text(flag.help);
    if (flag.name == "reuse-loop-graph") {
      help_text += reuses_loop_graph
                       ? "\n(default true, like Cox's -reuseloopgraph)"
                       : "\n(not this rung: its finder fills a fresh graph "
                         "every time)";
    }
    std::istringstream help{help_text};
    for (std::string line; std::getline(help, line);) {
      if (column >= kHelpColumn) {
        out << '\n';
        column = 0;
      }
      out << std::string(kHelpColumn - column, ' ') << line;
      column = kHelpColumn + line.size();
    }
    out << '\n';
  }
  out << "\n--cfg=- reads standard input, --dump-cfg=- writes standard "
         "output.\n"
      << "An output FILE that is a regular file (or a new one) is replaced\n"
      << "whole once complete, a symbolic link's target likewise; a device\n"
      << "or FIFO is written in place. Nothing is left behind on a failure\n"
      << "or Ctrl-C. Each flag is given at most once.\n"
      << "\nExit status: 0 the run finished and its loop counts are right;\n"
      << "1 a loop count is wrong; 2 a bad command line or CFG file; 3 a\n"
      << "file could not be written or the profiler failed; 4 a resource\n"
      << "limit: no memory, or no stack for a recursive rung on a graph\n"
      << "this large.\n";
  return out.str();
}

}  // namespace havlak
