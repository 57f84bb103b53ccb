#include "havlak/loop_forest.h"

#include "gtest/gtest.h"

namespace havlak {
namespace {

TEST(LoopForestBuilder, SortsLoopsByHeaderAndBlocksAscending) {
  LoopForestBuilder builder;
  builder.Add({.header = 7, .blocks = {9, 7, 8}, .parent = 2, .depth = 2});
  builder.Add({.header = 2, .blocks = {3, 2}, .depth = 1, .nesting_level = 1});
  const LoopForest forest = std::move(builder).Build();
  ASSERT_EQ(forest.loops.size(), 2u);
  EXPECT_EQ(forest.loops[0].header, 2);
  EXPECT_EQ(forest.loops[0].blocks, (std::vector<BlockId>{2, 3}));
  EXPECT_EQ(forest.loops[1].blocks, (std::vector<BlockId>{7, 8, 9}));
  EXPECT_EQ(forest.NumLoopsWithRoot(), 3);
  EXPECT_EQ(forest.MaxDepth(), 2);
}

TEST(LoopForest, TextHasOneLinePerLoop) {
  const LoopForest forest{{
      {.header = 1, .blocks = {1, 4}, .depth = 1, .nesting_level = 1},
      {.header = 2,
       .blocks = {2, 3},
       .reducible = false,
       .parent = 1,
       .depth = 2},
  }};
  EXPECT_EQ(ToText(forest),
            "loop 1: depth 1, nesting 1, reducible, parent none, blocks 1 4\n"
            "loop 2: depth 2, nesting 0, irreducible, parent 1, blocks 2 3\n");
}

TEST(DescribeDifference, EmptyWhenEqual) {
  const LoopForest forest{{{.header = 1, .blocks = {1}, .depth = 1}}};
  EXPECT_EQ(DescribeDifference(forest, forest), "");
}

TEST(DescribeDifference, NamesTheFirstDifferingLoopAndBlock) {
  const LoopForest actual{{{.header = 1, .blocks = {1, 2, 5}, .depth = 1}}};
  const LoopForest expected{{{.header = 1, .blocks = {1, 2, 3}, .depth = 1}}};
  EXPECT_EQ(DescribeDifference(actual, expected),
            "loop #0 differs:\n"
            "  actual:   loop 1: depth 1, nesting 0, reducible, parent none, "
            "blocks 1 2 5\n"
            "  expected: loop 1: depth 1, nesting 0, reducible, parent none, "
            "blocks 1 2 3\n"
            "  blocks first differ at position 2");
}

TEST(DescribeDifference, ShortensLongBlockLists) {
  ForestLoop big{.header = 0, .depth = 1};
  for (BlockId block = 0; block < 1000; ++block) big.blocks.push_back(block);
  const std::string difference =
      DescribeDifference(LoopForest{{big}}, LoopForest{});
  EXPECT_NE(difference.find("1 loops found, 0 expected"), std::string::npos);
  EXPECT_NE(difference.find("... (1000 blocks)"), std::string::npos);
  EXPECT_LT(difference.size(), 200u);
}

}  // namespace
}  // namespace havlak
