#ifndef HAVLAK_FOREST_OUTPUT_H_
#define HAVLAK_FOREST_OUTPUT_H_

// A loop forest found in a CFG file, printed with the file's block ids: for
// people (one line per loop) or for machines (one JSON record).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "havlak/edge_list.h"
#include "havlak/loop_forest.h"

namespace havlak {

struct ForestReport {
  std::string_view rung;
  std::string_view input;  // the file's name
  const EdgeList* graph;
  const std::vector<std::uint32_t>* ids;  // the file's id of each block
  const LoopForest* forest;
};

// "# havlakN: 2 loops in loops.cfg (5 blocks, 7 edges), plus the root"
// then "loop 10: depth 1, nesting 1, reducible, parent none, blocks 10 11".
std::string FormatForestText(const ForestReport& report);
std::string FormatForestJson(const ForestReport& report);

}  // namespace havlak

#endif  // HAVLAK_FOREST_OUTPUT_H_
