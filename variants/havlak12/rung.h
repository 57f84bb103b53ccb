#ifndef HAVLAK_VARIANTS_HAVLAK12_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK12_RUNG_H_

#include <string_view>

#include "havlak12/cfg.h"
#include "havlak12/loop_finder.h"
#include "havlak12/loop_structure_graph.h"

namespace havlak12 {

struct Rung {
  static constexpr std::string_view kName = "havlak12";
  static constexpr std::string_view kIdea =
      "the loop graph in flat arrays: a block-to-loop map, no object per "
      "loop";
  using Cfg = havlak12::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak12

#endif  // HAVLAK_VARIANTS_HAVLAK12_RUNG_H_
