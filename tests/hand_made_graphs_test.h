#ifndef HAVLAK_TESTS_HAND_MADE_GRAPHS_TEST_H_
#define HAVLAK_TESTS_HAND_MADE_GRAPHS_TEST_H_

// Small CFGs whose loop forests can be worked out by hand, checked whole
// against every rung. Block names say where a block sits.

#include <numeric>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/rung.h"
#include "named_cfg.h"

namespace havlak::testing {

template <typename R>
class HandMadeGraphs : public ::testing::Test {};
TYPED_TEST_SUITE_P(HandMadeGraphs);

TYPED_TEST_P(HandMadeGraphs, EmptyGraphHasNoLoops) {
  const EdgeList empty;
  const LoopForest forest = FindLoopForest<TypeParam>(empty);
  EXPECT_TRUE(forest.loops.empty());
  EXPECT_EQ(forest.NumLoopsWithRoot(), 1);
}

TYPED_TEST_P(HandMadeGraphs, SingleBlockHasNoLoops) {
  EdgeList single;
  single.CreateNode(0);
  EXPECT_FOREST(FindLoopForest<TypeParam>(single), LoopForest{});
}

TYPED_TEST_P(HandMadeGraphs, SelfLoop) {
  const NamedCfg cfg = {{"entry", "loop"}, {"loop", "loop"}, {"loop", "exit"}};
  EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph()),
                cfg.Forest({{.header = "loop", .blocks = {"loop"}}}));
}

TYPED_TEST_P(HandMadeGraphs, SelfLoopOnTheStartBlock) {
  const NamedCfg cfg = {{"loop", "loop"}};
  EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph()),
                cfg.Forest({{.header = "loop", .blocks = {"loop"}}}));
}

TYPED_TEST_P(HandMadeGraphs, TwoNestedLoops) {
  const NamedCfg cfg = {
      {"entry", "outer"},
      {"outer", "inner"},
      {"inner", "inner.latch"},
      {"inner.latch", "inner"},
      {"inner.latch", "outer.latch"},
      {"outer.latch", "outer"},
      {"outer.latch", "exit"},
  };
  EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph()),
                cfg.Forest({
                    {.header = "outer",
                     .blocks = {"outer", "outer.latch"},
                     .nesting_level = 1},
                    {.header = "inner",
                     .blocks = {"inner", "inner.latch"},
                     .parent = "outer",
                     .depth = 2},
                }));
}

TYPED_TEST_P(HandMadeGraphs, OneHeaderWithTwoBackEdges) {
  const NamedCfg cfg = {
      {"entry", "loop"},     {"loop", "loop.left"},  {"loop", "loop.right"},
      {"loop.left", "loop"}, {"loop.right", "loop"}, {"loop.right", "exit"},
  };
  EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph()),
                cfg.Forest({{.header = "loop",
                             .blocks = {"loop", "loop.left", "loop.right"}}}));
}

// entry jumps to both a and b, and a and b form a cycle: a loop with two
// entries. The depth-first search reaches a first, so a is its header.
TYPED_TEST_P(HandMadeGraphs, IrreducibleLoopWithTwoEntries) {
  const NamedCfg cfg = {
      {"entry", "a"}, {"entry", "b"}, {"a", "b"}, {"b", "a"}, {"b", "exit"}};
  EXPECT_FOREST(
      FindLoopForest<TypeParam>(cfg.graph()),
      cfg.Forest({{.header = "a", .blocks = {"a", "b"}, .reducible = false}}));
}

// An irreducible loop inside a reducible one: the inner cycle's second entry
// comes from the outer loop's header, which is still inside the outer loop.
TYPED_TEST_P(HandMadeGraphs, IrreducibleLoopInsideReducibleLoop) {
  const NamedCfg cfg = {
      {"entry", "outer"},       {"outer", "inner.a"},
      {"outer", "inner.b"},     {"inner.a", "inner.b"},
      {"inner.b", "inner.a"},   {"inner.b", "outer.latch"},
      {"outer.latch", "outer"}, {"outer.latch", "exit"},
  };
  EXPECT_FOREST(FindLoopForest<TypeParam>(cfg.graph()),
                cfg.Forest({
                    {.header = "outer",
                     .blocks = {"outer", "outer.latch"},
                     .nesting_level = 1},
                    {.header = "inner.a",
                     .blocks = {"inner.a", "inner.b"},
                     .parent = "outer",
                     .depth = 2,
                     .reducible = false},
                }));
}

// Blocks the start cannot reach belong to no loop, even when they form one,
// and their edges into live blocks do not count.
TYPED_TEST_P(HandMadeGraphs, UnreachableBlocksAreIgnored) {
  NamedCfg cfg = {
      {"entry", "loop"},     {"loop", "loop.latch"}, {"loop.latch", "loop"},
      {"dead", "dead.loop"}, {"dead.loop", "dead"},  {"dead", "loop.latch"},
  };
  cfg.AddBlock("dead.alone");
  EXPECT_FOREST(
      FindLoopForest<TypeParam>(cfg.graph()),
      cfg.Forest({{.header = "loop", .blocks = {"loop", "loop.latch"}}}));
}

TYPED_TEST_P(HandMadeGraphs, RepeatedEdgesCountOnce) {
  const NamedCfg cfg = {
      {"entry", "loop"},      {"entry", "loop"},      {"loop", "loop.latch"},
      {"loop", "loop.latch"}, {"loop.latch", "loop"}, {"loop.latch", "loop"},
      {"loop", "loop"},
  };
  EXPECT_FOREST(
      FindLoopForest<TypeParam>(cfg.graph()),
      cfg.Forest({{.header = "loop", .blocks = {"loop", "loop.latch"}}}));
}

TYPED_TEST_P(HandMadeGraphs, SiblingLoopsInsideALoop) {
  const NamedCfg cfg = {
      {"entry", "outer"},         {"outer", "first"},
      {"first", "first"},         {"first", "second"},
      {"second", "second.latch"}, {"second.latch", "second"},
      {"second.latch", "outer"},
  };
  EXPECT_FOREST(
      FindLoopForest<TypeParam>(cfg.graph()),
      cfg.Forest({
          {.header = "outer", .blocks = {"outer"}, .nesting_level = 1},
          {.header = "first",
           .blocks = {"first"},
           .parent = "outer",
           .depth = 2},
          {.header = "second",
           .blocks = {"second", "second.latch"},
           .parent = "outer",
           .depth = 2},
      }));
}

// 20,000 blocks in a chain and one edge back to the start: one loop holding
// them all, its body as long as a recursive search is deep. The lower rungs
// look each block up in the loop body with std::find, as Hundt's code did:
// quadratic here (200,000 blocks took havlak1 and havlak2 37 s each), and
// tests/depth_test.h goes deeper (5,000,000 calls; a million under the
// sanitizers).
TYPED_TEST_P(HandMadeGraphs, LongChainWithBackEdge) {
  constexpr BlockId kBlocks = 20'000;
  EdgeList chain;
  for (BlockId block = 0; block + 1 < kBlocks; ++block) {
    chain.AddEdge(block, block + 1);
  }
  chain.AddEdge(kBlocks - 1, 0);

  ForestLoop loop{
      .header = 0, .blocks = std::vector<BlockId>(kBlocks), .depth = 1};
  std::iota(loop.blocks.begin(), loop.blocks.end(), 0);
  EXPECT_FOREST(FindLoopForest<TypeParam>(chain), LoopForest{{loop}});
}

REGISTER_TYPED_TEST_SUITE_P(HandMadeGraphs, EmptyGraphHasNoLoops,
                            SingleBlockHasNoLoops, SelfLoop,
                            SelfLoopOnTheStartBlock, TwoNestedLoops,
                            OneHeaderWithTwoBackEdges,
                            IrreducibleLoopWithTwoEntries,
                            IrreducibleLoopInsideReducibleLoop,
                            UnreachableBlocksAreIgnored, RepeatedEdgesCountOnce,
                            SiblingLoopsInsideALoop, LongChainWithBackEdge);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_HAND_MADE_GRAPHS_TEST_H_
