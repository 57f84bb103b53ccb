// Every rung finds exactly havlak1's loops: on 300 seeded random CFGs of 1 to
// 5,000 blocks, and, end to end, in the counts its binary prints. (The
// hand-made graphs in hand_made_graphs_test.cc are checked against forests
// worked out by hand, which havlak1 matches too.)

#include <algorithm>
#include <cstdint>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/rung.h"
#include "havlak/worst_case.h"
#include "havlak1/rung.h"
#include "named_cfg.h"
#include "random_cfg.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

constexpr std::uint64_t kRandomCfgs = 300;
constexpr int kMaxBlocks = 5000;

template <typename R>
class Conformance : public ::testing::Test {};
TYPED_TEST_SUITE(Conformance, AllRungs, RungName);

TYPED_TEST(Conformance, RandomCfgsGiveHavlak1sForest) {
  for (std::uint64_t seed = 0; seed < kRandomCfgs; ++seed) {
    const RandomCfg cfg = MakeRandomCfg(seed, kMaxBlocks);
    EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph),
                  FindLoopForest<havlak1::Rung>(cfg.graph))
        << cfg.description;
  }
}

// Ramalingam's family, on which Havlak's algorithm as published is
// quadratic: every rung, fixed or not, finds the same loops.
TYPED_TEST(Conformance, WorstCaseFamilyGivesHavlak1sForest) {
  for (const int k : {1, 2, 3, 4, 5, 8, 13, 30, 200}) {
    const EdgeList graph = RamalingamWorstCase(k);
    EXPECT_FOREST(FindLoopForest<TypeParam>(graph),
                  FindLoopForest<havlak1::Rung>(graph))
        << "k = " << k;
  }
}

// k = 3, worked out by hand: blocks 4, 5, 6 head three nested loops closed
// by 9 -> 4, 8 -> 5 and 7 -> 6; 1 -> 6 and 2 -> 5 enter the inner two past
// their headers, so the outer two are irreducible (an edge into a loop's
// own header, like 1 -> 6 into the innermost, does not count).
TYPED_TEST(Conformance, WorstCaseFamilyAtThree) {
  LoopForest expected;
  expected.loops = {
      {.header = 4, .blocks = {4, 9}, .reducible = false, .depth = 1,
       .nesting_level = 2},
      {.header = 5, .blocks = {5, 8}, .reducible = false, .parent = 4,
       .depth = 2, .nesting_level = 1},
      {.header = 6, .blocks = {6, 7}, .parent = 5, .depth = 3},
  };
  EXPECT_FOREST(FindLoopForest<TypeParam>(RamalingamWorstCase(3)), expected);
}

TEST(WorstCaseFamily, Shape) {
  for (const int k : {1, 3, 10}) {
    const EdgeList graph = RamalingamWorstCase(k);
    EXPECT_EQ(graph.num_blocks, 3 * k + 2);
    EXPECT_EQ(graph.edges.size(), static_cast<size_t>(5 * k + 1));
    EXPECT_EQ(graph.start, 0);
  }
}

TYPED_TEST(Conformance, BinaryPrintsTheCountsAtReducedScale) {
  const ProcessResult run =
      RunProcess({BinaryPath(std::string(TypeParam::kName)), "--scale=0.01",
                  "--iterations=3"});
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("# of loops: 762 (total 2286)\n"), std::string::npos)
      << run.out;
}

// The random graphs must hold what the suite claims to test: irreducible
// loops, unreachable blocks, self loops, repeated edges, deep nests, and
// sizes from 1 to near the cap.
TEST(RandomCfgs, CoverTheShapesTheSuiteClaims) {
  int irreducible = 0, unreachable = 0, self_loops = 0, repeated = 0;
  int deepest = 0, smallest = kMaxBlocks, largest = 0;
  for (std::uint64_t seed = 0; seed < kRandomCfgs; ++seed) {
    const RandomCfg cfg = MakeRandomCfg(seed, kMaxBlocks);
    const EdgeList& graph = cfg.graph;
    smallest = std::min(smallest, static_cast<int>(graph.num_blocks));
    largest = std::max(largest, static_cast<int>(graph.num_blocks));
    const LoopForest forest = FindLoopForest<havlak1::Rung>(graph);
    deepest = std::max(deepest, forest.MaxDepth());
    irreducible += std::any_of(forest.loops.begin(), forest.loops.end(),
                               [](const ForestLoop& loop) {
                                 return !loop.reducible;
                               });
    self_loops += std::any_of(graph.edges.begin(), graph.edges.end(),
                              [](const Edge& e) { return e.from == e.to; });
    std::vector<Edge> edges = graph.edges;
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
    repeated += std::adjacent_find(edges.begin(), edges.end()) != edges.end();
    // Blocks reachable from the start, by a plain search.
    std::vector<std::vector<BlockId>> successors(graph.num_blocks);
    for (const Edge& edge : graph.edges) successors[edge.from].push_back(edge.to);
    std::vector<bool> seen(graph.num_blocks);
    std::vector<BlockId> stack = {graph.start};
    seen[graph.start] = true;
    int reached = 0;
    while (!stack.empty()) {
      const BlockId block = stack.back();
      stack.pop_back();
      ++reached;
      for (const BlockId next : successors[block]) {
        if (!seen[next]) {
          seen[next] = true;
          stack.push_back(next);
        }
      }
    }
    unreachable += reached < graph.num_blocks;
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
  EXPECT_EQ(MakeRandomCfg(42, kMaxBlocks).graph,
            MakeRandomCfg(42, kMaxBlocks).graph);
  EXPECT_NE(MakeRandomCfg(42, kMaxBlocks).graph,
            MakeRandomCfg(43, kMaxBlocks).graph);
}

}  // namespace
}  // namespace havlak::testing
