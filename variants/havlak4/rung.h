#ifndef HAVLAK_VARIANTS_HAVLAK4_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK4_RUNG_H_

#include <string_view>

#include "havlak4/cfg.h"
#include "havlak4/loop_finder.h"
#include "havlak4/loop_structure_graph.h"

namespace havlak4 {

struct Rung {
  static constexpr std::string_view kName = "havlak4";
  static constexpr std::string_view kIdea =
      "a loop-finder object keeps its bookkeeping from call to call";
  using Cfg = havlak4::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
};

}  // namespace havlak4

#endif  // HAVLAK_VARIANTS_HAVLAK4_RUNG_H_
