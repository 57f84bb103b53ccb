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
      "no recursion: the depth-first search keeps its own stack";
  using Cfg = havlak11::Cfg;
  using LoopGraph = LoopStructureGraph;
  // The nesting levels recurse, one call deeper per loop of a nest.
  static constexpr bool kRecursive = true;
  using Finder = LoopFinder;
  // FindLoops clears the graph it is given, so one can serve every call.
  static constexpr bool kReusesLoopGraph = true;
};

}  // namespace havlak11

#endif  // HAVLAK_VARIANTS_HAVLAK11_RUNG_H_
