#ifndef HAVLAK_VARIANTS_HAVLAK8_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK8_RUNG_H_

#include <string_view>

#include "havlak8/cfg.h"
#include "havlak8/loop_finder.h"
#include "havlak8/loop_structure_graph.h"

namespace havlak8 {

struct Rung {
  static constexpr std::string_view kName = "havlak8";
  static constexpr std::string_view kIdea =
      "the loop body's membership is one bit per block, not a search of "
      "the body";
  using Cfg = havlak8::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak8

#endif  // HAVLAK_VARIANTS_HAVLAK8_RUNG_H_
