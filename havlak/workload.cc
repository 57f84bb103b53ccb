#include "havlak/workload.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace havlak {

WorkloadSpec WorkloadSpec::Scaled(double scale, int big_graph_finds) {
  WorkloadSpec spec;  // the canonical one, scaled
  spec.loops_per_tree =
      static_cast<int>(std::lround(spec.loops_per_tree * scale));
  spec.small_graph_finds = std::max(
      1, static_cast<int>(std::lround(spec.small_graph_finds * scale)));
  spec.big_graph_finds = big_graph_finds;
  assert(spec.loops_per_tree >= 1 && "scale too small for one loop per tree");
  return spec;
}

bool WorkloadSpec::IsCanonical() const {
  const WorkloadSpec canonical;
  return trees == canonical.trees &&
         loops_per_tree == canonical.loops_per_tree &&
         small_graph_finds == canonical.small_graph_finds &&
         big_graph_finds == canonical.big_graph_finds;
}

std::int64_t WorkloadSpec::BigGraphBlocks() const {
  // Per tree: its first block, then per loop a top block, 25 base loops of
  // 10 new blocks each, and a bottom block. Blocks 0..2 come before; the
  // small graph's blocks 3..10 are reused by the first tree.
  constexpr std::int64_t kBlocksPerLoop = 1 + kBaseLoopsPerLoop * 10 + 1;
  return 3 + std::int64_t{trees} * (1 + loops_per_tree * kBlocksPerLoop);
}

std::int64_t WorkloadSpec::ExpectedBigGraphLoops() const {
  // 3 loops per base loop and 1 around each chain of 25: 76 per outer loop;
  // one fewer in the first tree, plus the loops at blocks 0 and 1, plus the
  // artificial root. The derivation is in tests/workload_test.cc.
  constexpr std::int64_t kLoopsPerOuterLoop = 3 * kBaseLoopsPerLoop + 1;
  return kLoopsPerOuterLoop * trees * loops_per_tree - 1 + 2 + 1;
}

LoopForest SmallGraphLoopForest() {
  LoopForest forest;
  forest.loops = {
      {.header = 0, .blocks = {0, 9}, .depth = 1, .nesting_level = 1},
      {.header = 1,
       .blocks = {1, 2, 3, 4},
       .reducible = false,
       .parent = 0,
       .depth = 2},
      {.header = 5, .blocks = {5, 6, 7, 8}, .parent = 0, .depth = 2},
  };
  return forest;
}

}  // namespace havlak
