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
  using Finder = LoopFinder;
};

}  // namespace havlak4

#endif  // HAVLAK_VARIANTS_HAVLAK4_RUNG_H_
