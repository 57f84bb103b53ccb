#ifndef HAVLAK_VARIANTS_HAVLAK13_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK13_RUNG_H_

#include <string_view>

#include "havlak13/cfg.h"
#include "havlak13/loop_finder.h"
#include "havlak13/loop_structure_graph.h"

namespace havlak13 {

struct Rung {
  static constexpr std::string_view kName = "havlak13";
  static constexpr std::string_view kIdea =
      "Ramalingam's fix: each irreducible entry is handled once, at the "
      "nearest common ancestor, not once per enclosing loop";
  using Cfg = havlak13::Cfg;
  using LoopGraph = LoopStructureGraph;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
  // Almost linear on every graph (G. Ramalingam, TOPLAS 1999).
  static constexpr bool kRamalingamFix = true;
};

}  // namespace havlak13

#endif  // HAVLAK_VARIANTS_HAVLAK13_RUNG_H_
