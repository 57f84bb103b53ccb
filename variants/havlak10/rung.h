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
      "the loop graph in flat arrays: a block-to-loop map, no object per "
      "loop";
  using Cfg = havlak10::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak10

#endif  // HAVLAK_VARIANTS_HAVLAK10_RUNG_H_
