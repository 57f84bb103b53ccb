#ifndef HAVLAK_VARIANTS_HAVLAK14_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK14_RUNG_H_

#include <string_view>

#include "havlak14/cfg.h"
#include "havlak14/loop_finder.h"
#include "havlak14/loop_structure_graph.h"

namespace havlak14 {

struct Rung {
  static constexpr std::string_view kName = "havlak14";
  static constexpr std::string_view kIdea =
      "the loop body is the union-find set: blocks join the header's set "
      "as they join the body, so no membership test";
  using Cfg = havlak14::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
  // Almost linear on every graph (G. Ramalingam, TOPLAS 1999).
  static constexpr bool kRamalingamFix = true;
};

}  // namespace havlak14

#endif  // HAVLAK_VARIANTS_HAVLAK14_RUNG_H_
