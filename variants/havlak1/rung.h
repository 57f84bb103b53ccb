#ifndef HAVLAK_VARIANTS_HAVLAK1_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK1_RUNG_H_

#include <string_view>

#include "havlak1/cfg.h"
#include "havlak1/loop_finder.h"
#include "havlak1/loop_structure_graph.h"

namespace havlak1 {

struct Rung {
  static constexpr std::string_view kName = "havlak1";
  static constexpr std::string_view kIdea = "Hundt's map-heavy C++ design";
  using Cfg = havlak1::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  // Hundt's entry point builds a new finder on every call.
  struct Finder {
    int FindLoops(const Cfg& cfg, LoopGraph* lsg) {
      return FindHavlakLoops(cfg, lsg);
    }
  };
};

}  // namespace havlak1

#endif  // HAVLAK_VARIANTS_HAVLAK1_RUNG_H_
