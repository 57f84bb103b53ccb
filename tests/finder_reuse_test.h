#ifndef HAVLAK_TESTS_FINDER_REUSE_TEST_H_
#define HAVLAK_TESTS_FINDER_REUSE_TEST_H_

// One finder, and where the rung reuses it one loop graph, through a run of
// different graphs, bigger and smaller: every result must equal what a fresh
// finder finds. Catches bookkeeping that a later call inherits.

#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/edge_list.h"
#include "havlak/rung.h"
#include "havlak/workload.h"
#include "named_cfg.h"

namespace havlak::testing {

inline std::vector<EdgeList> GraphsOfDifferentSizes() {
  EdgeList big;
  BuildSmallGraph(big);
  BuildBigGraph(WorkloadSpec::Scaled(0.02, 1), big);
  EdgeList small;
  BuildSmallGraph(small);
  const NamedCfg irreducible = {
      {"entry", "a"}, {"entry", "b"}, {"a", "b"}, {"b", "a"}, {"b", "a"}};
  EdgeList chain;
  for (BlockId block = 0; block < 300; ++block) chain.AddEdge(block, block + 1);
  chain.AddEdge(300, 150);
  return {big, small, irreducible.graph(), EdgeList{}, chain, big, small};
}

template <typename R>
class FinderReuse : public ::testing::Test {};
TYPED_TEST_SUITE_P(FinderReuse);

TYPED_TEST_P(FinderReuse, LaterCallsFindWhatAFreshFinderFinds) {
  const std::vector<EdgeList> graphs = GraphsOfDifferentSizes();
  typename TypeParam::Finder finder;
  typename TypeParam::LoopGraph reused;
  for (size_t i = 0; i < graphs.size(); ++i) {
    typename TypeParam::Cfg cfg;
    ReplayInto(graphs[i], cfg);
    typename TypeParam::LoopGraph fresh;
    typename TypeParam::LoopGraph& lsg =
        ReusesLoopGraph<TypeParam>() ? reused : fresh;
    const int loops = finder.FindLoops(std::as_const(cfg), &lsg);
    lsg.CalculateNestingLevel();
    const LoopForest expected = FindLoopForest<TypeParam>(graphs[i]);
    EXPECT_EQ(loops, expected.NumLoopsWithRoot()) << "graph #" << i;
    EXPECT_FOREST(lsg.ToLoopForest(), expected) << "graph #" << i;
  }
}

REGISTER_TYPED_TEST_SUITE_P(FinderReuse, LaterCallsFindWhatAFreshFinderFinds);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_FINDER_REUSE_TEST_H_
