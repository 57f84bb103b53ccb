#ifndef HAVLAK_VARIANTS_HAVLAK16_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK16_RUNG_H_

#include <string_view>

#include "havlak16/cfg.h"
#include "havlak16/loop_finder.h"
#include "havlak16/loop_structure_graph.h"

namespace havlak16 {

struct Rung {
  static constexpr std::string_view kName = "havlak16";
  static constexpr std::string_view kIdea =
      "one pass: each block is a candidate header when the depth-first "
      "search finishes it";
  using Cfg = havlak16::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
  // Almost linear on every graph (G. Ramalingam, TOPLAS 1999).
  static constexpr bool kRamalingamFix = true;
};

}  // namespace havlak16

#endif  // HAVLAK_VARIANTS_HAVLAK16_RUNG_H_
