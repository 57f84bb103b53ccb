#ifndef HAVLAK_COMMAND_LINE_H_
#define HAVLAK_COMMAND_LINE_H_

// The command line every rung shares.
//
// Example:
//   havlak::ParsedCommandLine parsed = havlak::ParseCommandLine(argc, argv);
//   if (!parsed.status.ok()) { ... print its message, exit 2 ... }

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "havlak/status.h"

namespace havlak {

struct Options {
  double scale = 1.0;
  int iterations = 50;  // big-graph findings after the first
  bool json = false;
  std::string cpuprofile;   // empty: no CPU profile
  std::string heapprofile;  // empty: no heap profile
  // Unset: the rung's default (reuse, where the rung can).
  std::optional<bool> reuse_loop_graph;
  std::string cfg;       // a CFG file to find the loops of; "-": stdin
  std::string dump_cfg;  // where to write the graph instead
  bool help = false;
  // The flags given, by name ("scale"), for rules between flags.
  std::set<std::string, std::less<>> given;
};

struct ParsedCommandLine {
  Options options;
  // A failure's message is one line, without the program name.
  Status status;
};

// Flags take their value as --flag=value or --flag value; boolean flags
// also accept =true and =false.
ParsedCommandLine ParseCommandLine(int argc, const char* const* argv);

// The --help text, with `summary` as the first line; `reuses_loop_graph`
// says whether the program can take --reuse-loop-graph (ReusesLoopGraph()).
std::string UsageText(std::string_view program, std::string_view summary,
                      bool reuses_loop_graph);

// Valid ranges, for the parser and its tests.
inline constexpr double kMinScale = 0.01;
inline constexpr double kMaxScale = 400;
inline constexpr int kMaxIterations = 1'000'000;

}  // namespace havlak

#endif  // HAVLAK_COMMAND_LINE_H_
