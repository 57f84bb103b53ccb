#ifndef HAVLAK_VARIANTS_HAVLAK10_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK10_RUNG_H_

#include <string_view>

#include "havlak10/cfg.h"
#include "havlak10/loop_finder.h"
#include "havlak10/loop_structure_graph.h"

namespace havlak10 {

struct Rung {
  static constexpr std::string_view kName = "havlak10";
  static constexpr std::string_view kIdea =
      "predecessors classified where they are used: no step b, dead blocks "
      "skipped";
  using Cfg = havlak10::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak10

#endif  // HAVLAK_VARIANTS_HAVLAK10_RUNG_H_
