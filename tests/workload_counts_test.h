#ifndef HAVLAK_TESTS_WORKLOAD_COUNTS_TEST_H_
#define HAVLAK_TESTS_WORKLOAD_COUNTS_TEST_H_

// Every rung reports the loop counts of Hundt's workload that
// workload_test.cc works out by hand from the graph's shape.

#include <utility>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/large_stack.h"
#include "havlak/loop_forest.h"
#include "havlak/run_report.h"
#include "havlak/rung.h"
#include "havlak/workload.h"
#include "havlak/workload_runner.h"
#include "workload_graphs.h"

namespace havlak::testing {

template <typename R>
class WorkloadCounts : public ::testing::Test {};
TYPED_TEST_SUITE_P(WorkloadCounts);

TYPED_TEST_P(WorkloadCounts, SmallGraphForest) {
  const LoopForest forest = FindLoopForest<TypeParam>(SmallGraph());
  const LoopForest expected = SmallGraphLoopForest();
  EXPECT_EQ(forest, expected) << DescribeDifference(forest, expected);
}

TYPED_TEST_P(WorkloadCounts, ReducedScaleCounts) {
  // T = 10 trees of L = 1 and L = 2 outer loops: 76 * T * L + 2 loops, as
  // ExpectedBigGraphLoops() says (workload_test.cc checks it by hand).
  for (const double scale : {0.01, 0.02}) {
    const WorkloadSpec spec = WorkloadSpec::Scaled(scale, 50);
    const LoopForest forest = FindLoopForest<TypeParam>(BigGraph(spec));
    EXPECT_EQ(forest.NumLoopsWithRoot(), spec.ExpectedBigGraphLoops())
        << "scale " << scale;
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

TYPED_TEST_P(WorkloadCounts, CanonicalGraphCount) {
  const WorkloadSpec canonical;
  const LoopForest forest = FindLoopForest<TypeParam>(BigGraph(canonical));
  EXPECT_EQ(forest.NumLoopsWithRoot(), canonical.ExpectedBigGraphLoops());
  EXPECT_EQ(forest.MaxDepth(), 5);
}

// The whole workload through the runner, as the binaries run it, with a
// fresh loop graph per finding and (where the rung can) one reused graph.
TYPED_TEST_P(WorkloadCounts, RunnerReportsTheKnownCounts) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  for (const bool reuse_loop_graph : {false, true}) {
    SCOPED_TRACE(reuse_loop_graph ? "reused loop graph" : "fresh loop graphs");
    WorkloadObserver quiet;
    WorkloadResult result;
    RunOnLargeStack(StackBytesForBlocks(spec.BigGraphBlocks()), [&] {
      result = RunWorkload<TypeParam>(
          spec, {.reuse_loop_graph = reuse_loop_graph}, quiet);
    });
    EXPECT_EQ(result.small_graph_loops, 4);
    EXPECT_EQ(result.small_graph_loops_total, 4 * 150);
    EXPECT_EQ(result.big_graph_loops, spec.ExpectedBigGraphLoops());
    EXPECT_EQ(result.big_graph_loops_total, 3 * spec.ExpectedBigGraphLoops());
    EXPECT_EQ(result.root_nesting_level, 5);
    EXPECT_EQ(result[Phase::kSmallGraphLoops].finds, 150);
    EXPECT_EQ(result[Phase::kRepeatedFinds].finds, 3);
    EXPECT_TRUE(CheckLoopCounts(spec, result).empty());
  }
}

REGISTER_TYPED_TEST_SUITE_P(WorkloadCounts, SmallGraphForest,
                            ReducedScaleCounts, CanonicalGraphCount,
                            RunnerReportsTheKnownCounts);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_WORKLOAD_COUNTS_TEST_H_
