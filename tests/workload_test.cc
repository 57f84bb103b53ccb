// Hundt's workload: its graph's shape, and the loop counts every rung must
// report, worked out by hand from that shape.
//
// The small graph (blocks 0..10): one base loop from block 0, plus 0 -> 2.
// Its loops, found by a depth-first search from 0 that takes successors in
// edge order (0 1 2 4 5 6 8 9 10 7 3):
//   - 5, around the second diamond 5 6 7 8 (back edge 8 -> 5);
//   - 1, around the first diamond 1 2 3 4 (back edge 4 -> 1), irreducible:
//     0 -> 2 enters it without passing 1;
//   - 0, around both diamonds and the footer 9 (back edge 9 -> 0).
// With the artificial root: 4 loops.
//
// The big graph: T trees hang off block 2, each a chain of L outer loops;
// an outer loop is a chain of 25 base loops from a top block, and an edge
// from its last block back to top. A base loop holds 3 loops (one around
// each diamond, one around both), so an outer loop holds 3 * 25 + 1 = 76,
// and the trees 76 * T * L. The first tree reuses the small graph's blocks
// 3..10, which changes three things:
//   - the small graph's loop at 5 is the first tree's first base loop's
//     first diamond loop: the same back edge 8 -> 5, one loop;
//   - the search enters the first tree through the older edge 2 -> 4, not
//     2 -> 3, so block 3 (the top of the first outer loop) is reached last,
//     from that outer loop's end, and its edge 3 -> 4 closes a loop at 4:
//     the outer loop and the first base loop's outer loop (back edge
//     13 -> 4) become one loop headed by 4. One loop fewer: 76 * T * L - 1;
//   - blocks 0 and 1 still head loops: every tree ends with an edge to 1,
//     and 1 reaches 9 -> 0. Two loops more.
// With the artificial root: 76 * T * L + 2. The canonical T = 10, L = 100
// gives 76002 per finding, and 50 findings 3800100. Loops nest as root >
// 0 > 1 > outer loop > base loop > diamond loop: the root's nesting level is 5.

#include <cstdint>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/edge_list.h"
#include "havlak/run_report.h"
#include "havlak/rung.h"
#include "havlak/workload.h"
#include "havlak/workload_runner.h"

namespace havlak::testing {
namespace {

EdgeList SmallGraph() {
  EdgeList graph;
  BuildSmallGraph(graph);
  return graph;
}

EdgeList BigGraph(const WorkloadSpec& spec) {
  EdgeList graph = SmallGraph();
  BuildBigGraph(spec, graph);
  return graph;
}

const ForestLoop* FindLoop(const LoopForest& forest, BlockId header) {
  for (const ForestLoop& loop : forest.loops) {
    if (loop.header == header) return &loop;
  }
  return nullptr;
}

TEST(WorkloadShape, SmallGraph) {
  const EdgeList graph = SmallGraph();
  EXPECT_EQ(graph.num_blocks, WorkloadSpec::kSmallGraphBlocks);
  EXPECT_EQ(graph.start, 0);
  const std::vector<Edge> expected = {
      {0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 4}, {4, 5}, {5, 6}, {5, 7},
      {6, 8}, {7, 8}, {8, 9}, {8, 5}, {4, 1}, {9, 0}, {9, 10}, {0, 2},
  };
  EXPECT_EQ(graph.edges, expected);
}

TEST(WorkloadShape, BigGraphBlocks) {
  EXPECT_EQ(WorkloadSpec().BigGraphBlocks(), 252013);
  for (const double scale : {0.01, 0.02, 0.5, 1.0}) {
    const WorkloadSpec spec = WorkloadSpec::Scaled(scale, 50);
    EXPECT_EQ(BigGraph(spec).num_blocks, spec.BigGraphBlocks()) << scale;
  }
}

TEST(WorkloadShape, ScaleMultipliesLoopsAndSmallGraphFinds) {
  EXPECT_TRUE(WorkloadSpec::Scaled(1, 50).IsCanonical());
  const WorkloadSpec tiny = WorkloadSpec::Scaled(0.01, 3);
  EXPECT_EQ(tiny.trees, 10);
  EXPECT_EQ(tiny.loops_per_tree, 1);
  EXPECT_EQ(tiny.small_graph_finds, 150);
  EXPECT_EQ(tiny.big_graph_finds, 3);
  EXPECT_FALSE(tiny.IsCanonical());
}

TEST(WorkloadShape, ExpectedCountsFollowTheDerivation) {
  EXPECT_EQ(WorkloadSpec().ExpectedBigGraphLoops(), 76002);
  EXPECT_EQ(WorkloadSpec::Scaled(0.01, 50).ExpectedBigGraphLoops(), 762);
  EXPECT_EQ(WorkloadSpec::Scaled(0.02, 50).ExpectedBigGraphLoops(), 1522);
}

template <typename R>
class WorkloadCounts : public ::testing::Test {};
TYPED_TEST_SUITE(WorkloadCounts, AllRungs, RungName);

TYPED_TEST(WorkloadCounts, SmallGraphForest) {
  const LoopForest forest = FindLoopForest<TypeParam>(SmallGraph());
  LoopForest expected;
  expected.loops = {
      {.header = 0, .blocks = {0, 9}, .depth = 1, .nesting_level = 1},
      {.header = 1,
       .blocks = {1, 2, 3, 4},
       .reducible = false,
       .parent = 0,
       .depth = 2},
      {.header = 5, .blocks = {5, 6, 7, 8}, .parent = 0, .depth = 2},
  };
  EXPECT_EQ(forest, expected) << DescribeDifference(forest, expected);
  EXPECT_EQ(forest.NumLoopsWithRoot(), 4);
}

TYPED_TEST(WorkloadCounts, ReducedScaleCounts) {
  // T = 10 trees of L = 1 and L = 2 outer loops: 76 * T * L + 2.
  for (const auto& [scale, loops] : {std::pair{0.01, 762}, {0.02, 1522}}) {
    const LoopForest forest = FindLoopForest<TypeParam>(
        BigGraph(WorkloadSpec::Scaled(scale, 50)));
    EXPECT_EQ(forest.NumLoopsWithRoot(), loops) << "scale " << scale;
    EXPECT_EQ(forest.MaxDepth(), 5) << "scale " << scale;

    // The details of the derivation: 3 heads no loop, 4 heads the merged
    // one, inside 1, inside 0.
    EXPECT_EQ(FindLoop(forest, 3), nullptr);
    const ForestLoop* merged = FindLoop(forest, 4);
    ASSERT_NE(merged, nullptr);
    EXPECT_EQ(merged->parent, 1);
    ASSERT_NE(FindLoop(forest, 1), nullptr);
    EXPECT_EQ(FindLoop(forest, 1)->parent, 0);
    ASSERT_NE(FindLoop(forest, 5), nullptr);
    EXPECT_EQ(FindLoop(forest, 5)->parent, 4);
  }
}

TYPED_TEST(WorkloadCounts, CanonicalGraphCount) {
  const LoopForest forest =
      FindLoopForest<TypeParam>(BigGraph(WorkloadSpec()));
  EXPECT_EQ(forest.NumLoopsWithRoot(), 76002);
  EXPECT_EQ(forest.MaxDepth(), 5);
}

// The whole workload through the runner, as the binaries run it, with a
// fresh loop graph per finding and (where the rung can) one reused graph.
TYPED_TEST(WorkloadCounts, RunnerReportsTheKnownCounts) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  for (const bool reuse_loop_graph : {false, true}) {
    SCOPED_TRACE(reuse_loop_graph ? "reused loop graph" : "fresh loop graphs");
    WorkloadObserver quiet;
    WorkloadResult result;
    RunOnLargeStack(StackBytesForBlocks(spec.BigGraphBlocks()), [&] {
      result = RunWorkload<TypeParam>(spec, reuse_loop_graph, quiet);
    });
    EXPECT_EQ(result.small_graph_loops, 4);
    EXPECT_EQ(result.small_graph_loops_total, 4 * 150);
    EXPECT_EQ(result.big_graph_loops, 762);
    EXPECT_EQ(result.big_graph_loops_total, 3 * 762);
    EXPECT_EQ(result.root_nesting_level, 5);
    EXPECT_EQ(result[Phase::kSmallGraphLoops].finds, 150);
    EXPECT_EQ(result[Phase::kRepeatedFinds].finds, 3);
    EXPECT_TRUE(CheckLoopCounts(spec, result).empty());
  }
}

TEST(CheckLoopCounts, NamesEveryWrongCount) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  WorkloadResult result;
  result.small_graph_loops = 4;
  result.small_graph_loops_total = 4 * 150;
  result.big_graph_loops = 761;
  result.big_graph_loops_total = 3 * 762;
  result.root_nesting_level = 4;
  const std::vector<std::string> problems = CheckLoopCounts(spec, result);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0], "big-graph loops: 761, expected 762");
  EXPECT_EQ(problems[1], "root nesting level: 4, expected 5");
}

}  // namespace
}  // namespace havlak::testing
