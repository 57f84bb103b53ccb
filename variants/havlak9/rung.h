#ifndef HAVLAK_VARIANTS_HAVLAK9_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK9_RUNG_H_

#include <string_view>

#include "havlak9/cfg.h"
#include "havlak9/loop_finder.h"
#include "havlak9/loop_structure_graph.h"

namespace havlak9 {

struct Rung {
  static constexpr std::string_view kName = "havlak9";
  static constexpr std::string_view kIdea =
      "the finder's bookkeeping in flat arrays indexed by preorder number";
  using Cfg = havlak9::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak9

#endif  // HAVLAK_VARIANTS_HAVLAK9_RUNG_H_
