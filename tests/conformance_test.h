#ifndef HAVLAK_TESTS_CONFORMANCE_TEST_H_
#define HAVLAK_TESTS_CONFORMANCE_TEST_H_

// Every rung finds exactly the independent reference's loops
// (reference_loop_finder.h): on 300 seeded random CFGs of 1 to 5,000
// blocks and on Ramalingam's worst-case family; and, end to end, its binary
// prints the workload's counts. (The hand-made graphs in
// hand_made_graphs_test.h are checked against forests worked out by hand.)

#include <cstdint>
#include <string>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/rung.h"
#include "havlak/workload.h"
#include "havlak/worst_case.h"
#include "named_cfg.h"
#include "random_cfg.h"
#include "reference_loop_finder.h"
#include "subprocess.h"

namespace havlak::testing {

template <typename R>
class Conformance : public ::testing::Test {};
TYPED_TEST_SUITE_P(Conformance);

TYPED_TEST_P(Conformance, RandomCfgsGiveTheReferenceForest) {
  for (std::uint64_t seed = 0; seed < kConformanceCfgs; ++seed) {
    const RandomCfg cfg = MakeRandomCfg(seed, kConformanceMaxBlocks);
    EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph),
                  reference::FindLoopForest(cfg.graph))
        << cfg.description;
  }
}

// Ramalingam's family, on which Havlak's algorithm as published is
// quadratic: every rung, fixed or not, finds the same loops.
TYPED_TEST_P(Conformance, WorstCaseFamilyGivesTheReferenceForest) {
  for (const int k : {1, 2, 3, 4, 5, 8, 13, 30, 200}) {
    const EdgeList graph = RamalingamWorstCase(k);
    EXPECT_FOREST(FindLoopForest<TypeParam>(graph),
                  reference::FindLoopForest(graph))
        << "k = " << k;
  }
}

// k = 3, worked out by hand: blocks 4, 5, 6 head three nested loops closed
// by 9 -> 4, 8 -> 5 and 7 -> 6; 1 -> 6 and 2 -> 5 enter the inner two past
// their headers, so the outer two are irreducible (an edge into a loop's
// own header, like 1 -> 6 into the innermost, does not count).
TYPED_TEST_P(Conformance, WorstCaseFamilyAtThree) {
  LoopForest expected;
  expected.loops = {
      {.header = 4,
       .blocks = {4, 9},
       .reducible = false,
       .depth = 1,
       .nesting_level = 2},
      {.header = 5,
       .blocks = {5, 8},
       .reducible = false,
       .parent = 4,
       .depth = 2,
       .nesting_level = 1},
      {.header = 6, .blocks = {6, 7}, .parent = 5, .depth = 3},
  };
  EXPECT_FOREST(FindLoopForest<TypeParam>(RamalingamWorstCase(3)), expected);
}

TYPED_TEST_P(Conformance, BinaryPrintsTheCountsAtReducedScale) {
  constexpr int kFinds = 3;
  const std::int64_t loops =
      WorkloadSpec::Scaled(0.01, kFinds).ExpectedBigGraphLoops();
  const ProcessResult run =
      RunProcess({RungBinary<TypeParam>(), "--scale=0.01",
                  "--iterations=" + std::to_string(kFinds)});
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("# of loops: " + std::to_string(loops) + " (total " +
                         std::to_string(loops * kFinds) + ")\n"),
            std::string::npos)
      << run.out;
}

REGISTER_TYPED_TEST_SUITE_P(Conformance, RandomCfgsGiveTheReferenceForest,
                            WorstCaseFamilyGivesTheReferenceForest,
                            WorstCaseFamilyAtThree,
                            BinaryPrintsTheCountsAtReducedScale);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_CONFORMANCE_TEST_H_
