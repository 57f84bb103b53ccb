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
//
// Every rung's counts are checked in workload_counts_test.h.

#include "havlak/workload.h"

#include <array>
#include <cstdint>

#include "gtest/gtest.h"
#include "havlak/all_rungs.h"
#include "havlak/edge_list.h"
#include "havlak/large_stack.h"
#include "havlak/loop_forest.h"
#include "havlak/run_report.h"
#include "havlak/rung.h"
#include "havlak/workload_runner.h"
#include "workload_graphs.h"

namespace havlak::testing {
namespace {

TEST(WorkloadShape, SmallGraph) {
  const EdgeList graph = SmallGraph();
  EXPECT_EQ(graph.num_blocks, WorkloadSpec::kSmallGraphBlocks);
  EXPECT_EQ(graph.start, 0);
  const std::vector<Edge> expected = {
      {0, 1}, {1, 2}, {1, 3}, {2, 4}, {3, 4}, {4, 5}, {5, 6},  {5, 7},
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

TEST(WorkloadShape, SmallGraphLoopForestFollowsTheDerivation) {
  const LoopForest forest = SmallGraphLoopForest();
  EXPECT_EQ(forest.NumLoopsWithRoot(), WorkloadSpec::kSmallGraphLoops);
  ASSERT_EQ(forest.loops.size(), 3u);
  EXPECT_EQ(forest.loops[0].header, 0);
  EXPECT_EQ(forest.loops[1].header, 1);
  EXPECT_FALSE(forest.loops[1].reducible);  // 0 -> 2 enters past 1
  EXPECT_EQ(forest.loops[2].header, 5);
  EXPECT_EQ(forest.MaxDepth(), 2);
}

TEST(Phases, KeysAndTitlesInTheOrderTheyRun) {
  ASSERT_EQ(kNumPhases, 5);
  EXPECT_EQ(kAllPhases[0], Phase::kSmallGraphLoops);
  EXPECT_EQ(kAllPhases[4], Phase::kNestingLevels);
  EXPECT_EQ(PhaseKey(Phase::kSmallGraphLoops), "small_graph_loops");
  EXPECT_EQ(PhaseTitle(Phase::kSmallGraphLoops), "small-graph loops");
  EXPECT_EQ(PhaseKey(Phase::kRepeatedFinds), "repeated_finds");
  EXPECT_EQ(PhaseTitle(Phase::kRepeatedFinds), "repeated loop finding");
  for (int i = 0; i < kNumPhases; ++i) {
    EXPECT_EQ(static_cast<int>(kAllPhases[i]), i);
  }
}

// What the runner showed its observer.
class RecordingObserver : public WorkloadObserver {
 public:
  void Progress(Phase phase, int done, int total) override {
    ++calls[static_cast<int>(phase)];
    last_done = done;
    last_total = total;
  }
  std::array<int, kNumPhases> calls{};
  int last_done = 0;
  int last_total = 0;
};

// The runner as the binaries run it, on one rung: every phase's findings,
// the known counts, and nothing left in memory.
TEST(RunWorkload, RunsEveryPhaseAndTellsTheObserver) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  RecordingObserver observer;
  WorkloadResult result;
  RunOnStackFor(spec.BigGraphBlocks(), IsRecursive<TopRung>(), [&] {
    result = RunWorkload<TopRung>(spec, WorkloadPlan(), observer);
  });
  EXPECT_TRUE(CheckLoopCounts(spec, result).empty());
  EXPECT_EQ(result.big_graph_loops, spec.ExpectedBigGraphLoops());
  EXPECT_FALSE(result.stopped_after_first_find);
  EXPECT_EQ(result.live_data, nullptr);
  EXPECT_EQ(result[Phase::kSmallGraphLoops].finds, spec.small_graph_finds);
  EXPECT_EQ(result[Phase::kFirstFind].finds, 1);
  EXPECT_EQ(result[Phase::kRepeatedFinds].finds, spec.big_graph_finds);
  EXPECT_EQ(observer.calls[static_cast<int>(Phase::kSmallGraphLoops)],
            spec.small_graph_finds);
  EXPECT_EQ(observer.calls[static_cast<int>(Phase::kRepeatedFinds)],
            spec.big_graph_finds);
  EXPECT_EQ(observer.last_done, observer.last_total);
}

// A heap profile's run: the plan says stop, the runner stops after the
// first big-graph finding and hands back the rung's data, still allocated.
TEST(RunWorkload, StopsAfterTheFirstFindKeepingItsData) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  RecordingObserver observer;
  WorkloadResult result;
  RunOnStackFor(spec.BigGraphBlocks(), IsRecursive<TopRung>(), [&] {
    result =
        RunWorkload<TopRung>(spec, {.stop_after_first_find = true}, observer);
  });
  EXPECT_TRUE(result.stopped_after_first_find);
  EXPECT_NE(result.live_data, nullptr);
  EXPECT_EQ(result.big_graph_loops, spec.ExpectedBigGraphLoops());
  EXPECT_EQ(result.big_graph_loops_total, 0);
  EXPECT_EQ(result[Phase::kRepeatedFinds].finds, 0);
  EXPECT_EQ(observer.calls[static_cast<int>(Phase::kRepeatedFinds)], 0);
  EXPECT_TRUE(CheckLoopCounts(spec, result).empty());
  result.live_data.reset();
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

TEST(CheckLoopCounts, StoppedRunHasNoRepeatedFindingsToCheck) {
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 3);
  WorkloadResult result;
  result.small_graph_loops = WorkloadSpec::kSmallGraphLoops;
  result.small_graph_loops_total =
      std::int64_t{WorkloadSpec::kSmallGraphLoops} * spec.small_graph_finds;
  result.big_graph_loops = static_cast<int>(spec.ExpectedBigGraphLoops());
  result.stopped_after_first_find = true;
  EXPECT_TRUE(CheckLoopCounts(spec, result).empty());
}

}  // namespace
}  // namespace havlak::testing
