#ifndef HAVLAK_VARIANTS_HAVLAK15_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK15_RUNG_H_

#include <string_view>

#include "havlak15/cfg.h"
#include "havlak15/loop_finder.h"
#include "havlak15/loop_structure_graph.h"

namespace havlak15 {

struct Rung {
  static constexpr std::string_view kName = "havlak15";
  static constexpr std::string_view kIdea =
      "the finder's bookkeeping indexed by block number, not preorder "
      "number: only the walk's order is still by preorder";
  using Cfg = havlak15::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
  // Almost linear on every graph (G. Ramalingam, TOPLAS 1999).
  static constexpr bool kRamalingamFix = true;
};

}  // namespace havlak15

#endif  // HAVLAK_VARIANTS_HAVLAK15_RUNG_H_
