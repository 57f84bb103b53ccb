#ifndef HAVLAK_VARIANTS_HAVLAK3_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK3_RUNG_H_

#include <string_view>

#include "havlak3/cfg.h"
#include "havlak3/loop_finder.h"
#include "havlak3/loop_structure_graph.h"

namespace havlak3 {

struct Rung {
  static constexpr std::string_view kName = "havlak3";
  static constexpr std::string_view kIdea =
      "sets become vectors with an append-unique";
  using Cfg = havlak3::Cfg;
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

}  // namespace havlak3

#endif  // HAVLAK_VARIANTS_HAVLAK3_RUNG_H_
