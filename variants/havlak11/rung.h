#ifndef HAVLAK_VARIANTS_HAVLAK11_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK11_RUNG_H_

#include <string_view>

#include "havlak11/cfg.h"
#include "havlak11/loop_finder.h"
#include "havlak11/loop_structure_graph.h"

namespace havlak11 {

struct Rung {
  static constexpr std::string_view kName = "havlak11";
  static constexpr std::string_view kIdea =
      "Ramalingam's fix: each irreducible entry is handled once, at the "
      "nearest common ancestor, not once per enclosing loop";
  using Cfg = havlak11::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
  // Almost linear on every graph (G. Ramalingam, TOPLAS 1999).
  static constexpr bool kRamalingamFix = true;
};

}  // namespace havlak11

#endif  // HAVLAK_VARIANTS_HAVLAK11_RUNG_H_
