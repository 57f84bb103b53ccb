#ifndef HAVLAK_VARIANTS_HAVLAK5_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK5_RUNG_H_

#include <string_view>

#include "havlak5/cfg.h"
#include "havlak5/loop_finder.h"
#include "havlak5/loop_structure_graph.h"

namespace havlak5 {

struct Rung {
  static constexpr std::string_view kName = "havlak5";
  static constexpr std::string_view kIdea = "no allocation in the steady state";
  using Cfg = havlak5::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak5

#endif  // HAVLAK_VARIANTS_HAVLAK5_RUNG_H_
