// The graphs the conformance suite (conformance_test.h) runs every rung on
// hold what it claims: the random CFGs cover the shapes that matter, and
// Ramalingam's family has its documented size.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "havlak/edge_list.h"
#include "havlak/loop_forest.h"
#include "havlak/worst_case.h"
#include "random_cfg.h"
#include "reference_loop_finder.h"

namespace havlak::testing {
namespace {

TEST(WorstCaseFamily, Shape) {
  for (const int k : {1, 3, 10}) {
    const EdgeList graph = RamalingamWorstCase(k);
    EXPECT_EQ(graph.num_blocks, 3 * k + 2);
    EXPECT_EQ(graph.edges.size(), static_cast<size_t>(5 * k + 1));
    EXPECT_EQ(graph.start, 0);
  }
}

// The random graphs must hold what the suite claims to test: irreducible
// loops, unreachable blocks, self loops, repeated edges, deep nests, and
// sizes from 1 to near the cap.
TEST(RandomCfgs, CoverTheShapesTheSuiteClaims) {
  int irreducible = 0, unreachable = 0, self_loops = 0, repeated = 0;
  int deepest = 0, smallest = kConformanceMaxBlocks, largest = 0;
  for (std::uint64_t seed = 0; seed < kConformanceCfgs; ++seed) {
    const RandomCfg cfg = MakeRandomCfg(seed, kConformanceMaxBlocks);
    const EdgeList& graph = cfg.graph;
    smallest = std::min(smallest, static_cast<int>(graph.num_blocks));
    largest = std::max(largest, static_cast<int>(graph.num_blocks));
    const LoopForest forest = reference::FindLoopForest(graph);
    deepest = std::max(deepest, forest.MaxDepth());
    irreducible +=
        std::any_of(forest.loops.begin(), forest.loops.end(),
                    [](const ForestLoop& loop) { return !loop.reducible; });
    self_loops += std::any_of(graph.edges.begin(), graph.edges.end(),
                              [](const Edge& e) { return e.from == e.to; });
    std::vector<Edge> edges = graph.edges;
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
    repeated += std::adjacent_find(edges.begin(), edges.end()) != edges.end();
    unreachable += reference::CountReachableBlocks(graph) < graph.num_blocks;
  }
  EXPECT_EQ(smallest, 1);
  EXPECT_GE(largest, 4000);
  EXPECT_GE(deepest, 100);
  EXPECT_GE(irreducible, 30);
  EXPECT_GE(unreachable, 30);
  EXPECT_GE(self_loops, 30);
  EXPECT_GE(repeated, 30);
}

TEST(RandomCfgs, SameSeedSameGraph) {
  EXPECT_EQ(MakeRandomCfg(42, kConformanceMaxBlocks).graph,
            MakeRandomCfg(42, kConformanceMaxBlocks).graph);
  EXPECT_NE(MakeRandomCfg(42, kConformanceMaxBlocks).graph,
            MakeRandomCfg(43, kConformanceMaxBlocks).graph);
}

}  // namespace
}  // namespace havlak::testing
