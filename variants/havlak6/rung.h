#ifndef HAVLAK_VARIANTS_HAVLAK6_RUNG_H_
#define HAVLAK_VARIANTS_HAVLAK6_RUNG_H_

#include <string_view>

#include "havlak6/cfg.h"
#include "havlak6/loop_finder.h"
#include "havlak6/loop_structure_graph.h"

namespace havlak6 {

struct Rung {
  static constexpr std::string_view kName = "havlak6";
  static constexpr std::string_view kIdea =
      "blocks by number: the CFG is a vector of blocks whose edges are "
      "block numbers";
  using Cfg = havlak6::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak6

#endif  // HAVLAK_VARIANTS_HAVLAK6_RUNG_H_
