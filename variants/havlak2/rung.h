#ifndef HAVLAK_VARIANTS_HAVLAK2_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK2_RUNG_H_

#include <string_view>

#include "havlak2/cfg.h"
#include "havlak2/loop_finder.h"
#include "havlak2/loop_structure_graph.h"

namespace havlak2 {

struct Rung {
  static constexpr std::string_view kName = "havlak2";
  static constexpr std::string_view kIdea =
      "the DFS number map becomes a vector indexed by block number";
  using Cfg = havlak2::Cfg;
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

}  // namespace havlak2

#endif  // HAVLAK_VARIANTS_HAVLAK2_RUNG_H_
