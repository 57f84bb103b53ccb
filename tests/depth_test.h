#ifndef HAVLAK_TESTS_DEPTH_TEST_H_
#define HAVLAK_TESTS_DEPTH_TEST_H_

// Depth: a 5,000,000-block chain (1,000,000 under the sanitizers) and a
// 100,000-deep loop nest, through every rung, without a crash. Rungs that
// say they recurse (IsRecursive, in havlak/rung.h) run on a stack sized for
// the graph (FindLoopForest); the others run on the caller's, and here on a
// 1 MiB one, to prove they need no more.

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/large_stack.h"
#include "havlak/rung.h"
#include "named_cfg.h"

namespace havlak::testing {

template <typename R>
class Depth : public ::testing::Test {};
TYPED_TEST_SUITE_P(Depth);

// 0 -> 1 -> ... -> 4,999,999, which loops on itself: the search goes five
// million blocks deep; one loop. The sanitizer build, several times slower,
// takes a million blocks (its five million cost the lower rungs 150 s of
// test): still a hundred times deeper than an 8 MiB stack holds.
TYPED_TEST_P(Depth, LongChain) {
#ifdef HAVLAK_SANITIZE_BUILD
  constexpr BlockId kBlocks = 1'000'000;
#else
  constexpr BlockId kBlocks = 5'000'000;
#endif
  EdgeList chain;
  chain.edges.reserve(kBlocks);
  for (BlockId block = 0; block + 1 < kBlocks; ++block) {
    chain.AddEdge(block, block + 1);
  }
  chain.AddEdge(kBlocks - 1, kBlocks - 1);
  LoopForest expected;
  expected.loops = {
      {.header = kBlocks - 1, .blocks = {kBlocks - 1}, .depth = 1}};
  EXPECT_FOREST(FindLoopForest<TypeParam>(chain), expected);
  if constexpr (!IsRecursive<TypeParam>()) {
    LoopForest on_small_stack;
    RunOnLargeStack(std::size_t{1} << 20,
                    [&] { on_small_stack = FindLoopForest<TypeParam>(chain); });
    EXPECT_FOREST(on_small_stack, expected);
  }
}

// Headers h0 .. h(n-1) in a chain, latches l(n-1) .. l0 back down, each
// latch closing its header's loop: n loops, each inside the one before.
TYPED_TEST_P(Depth, HundredThousandDeepLoopNest) {
  constexpr BlockId kDepth = 100'000;
  const auto header = [](BlockId i) { return i; };
  const auto latch = [](BlockId i) { return kDepth + i; };
  EdgeList nest;
  for (BlockId i = 0; i + 1 < kDepth; ++i)
    nest.AddEdge(header(i), header(i + 1));
  nest.AddEdge(header(kDepth - 1), latch(kDepth - 1));
  for (BlockId i = kDepth - 1; i >= 1; --i) {
    nest.AddEdge(latch(i), header(i));
    nest.AddEdge(latch(i), latch(i - 1));
  }
  nest.AddEdge(latch(0), header(0));
  nest.AddEdge(latch(0), 2 * kDepth);  // the exit

  LoopForestBuilder expected;
  for (BlockId i = 0; i < kDepth; ++i) {
    expected.Add({.header = header(i),
                  .blocks = {header(i), latch(i)},
                  .parent = i == 0 ? kNoParent : header(i - 1),
                  .depth = i + 1,
                  .nesting_level = kDepth - 1 - i});
  }
  EXPECT_FOREST(FindLoopForest<TypeParam>(nest), std::move(expected).Build());
}

REGISTER_TYPED_TEST_SUITE_P(Depth, LongChain, HundredThousandDeepLoopNest);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_DEPTH_TEST_H_
