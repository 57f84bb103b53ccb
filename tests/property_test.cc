// Property tests: on 10,000 seeded random CFGs of 1 to 2,000 blocks (2,500
// under the sanitizers), every rung finds exactly the loops of the
// independent reference finder
// (reference_loop_finder.h), and on the reducible ones the reference equals
// the natural loops found through dominators. A failure prints the seed and
// a smallest graph that still fails, in the CFG file format (README.md), to
// paste into a file and run with `--cfg`.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/cfg_file.h"
#include "havlak/rung.h"
#include "named_cfg.h"
#include "random_cfg.h"
#include "reference_loop_finder.h"

namespace havlak::testing {
namespace {

#ifdef HAVLAK_SANITIZE_BUILD
// The main tree checks all 10,000 graphs; under the sanitizers every rung
// runs several times slower, and a quarter of them exercise the same code
// for memory errors.
constexpr int kGraphs = 2'500;
#else
constexpr int kGraphs = 10'000;
#endif
constexpr int kShards = 20;  // run in parallel by ctest
constexpr int kMaxBlocks = 2'000;
// Seeds apart from the conformance suite's.
constexpr std::uint64_t kFirstSeed = 1'000'000;

// Drops unused blocks and renumbers the rest densely, start first.
EdgeList Compact(const EdgeList& graph) {
  std::vector<BlockId> renumber(graph.num_blocks, -1);
  EdgeList compact;
  const auto number = [&](BlockId block) {
    if (renumber[block] == -1) {
      renumber[block] = compact.num_blocks++;
    }
    return renumber[block];
  };
  number(graph.start);
  compact.start = 0;
  for (const Edge& edge : graph.edges) {
    const BlockId from = number(edge.from);
    compact.edges.push_back({from, number(edge.to)});
  }
  return compact;
}

// A smallest graph (no edge can go) on which `fails` still holds.
EdgeList Shrink(EdgeList graph,
                const std::function<bool(const EdgeList&)>& fails) {
  bool shrunk = true;
  while (shrunk) {
    shrunk = false;
    for (size_t i = 0; i < graph.edges.size();) {
      EdgeList smaller = graph;
      smaller.edges.erase(smaller.edges.begin() + static_cast<long>(i));
      smaller = Compact(smaller);
      if (fails(smaller)) {
        graph = std::move(smaller);
        shrunk = true;
      } else {
        ++i;
      }
    }
  }
  return graph;
}

template <typename... Rs>
void CheckEveryRung(const RandomCfg& cfg, const LoopForest& expected,
                    ::testing::Types<Rs...>*) {
  const auto check = [&]<typename R>() {
    if (FindLoopForest<R>(cfg.graph) == expected) return;
    const EdgeList smallest = Shrink(cfg.graph, [](const EdgeList& graph) {
      return FindLoopForest<R>(graph) != reference::FindLoopForest(graph);
    });
    ADD_FAILURE() << R::kName << " differs from the reference on "
                  << cfg.description << ": "
                  << DescribeDifference(FindLoopForest<R>(cfg.graph), expected)
                  << "\nA smallest graph that still fails:\n"
                  << FormatCfg(smallest, {}, cfg.description + ", shrunk")
                  << "expected:\n"
                  << reference::FindLoopForest(smallest) << "found by "
                  << R::kName << ":\n"
                  << FindLoopForest<R>(smallest);
  };
  (check.template operator()<Rs>(), ...);
}

class Properties : public ::testing::TestWithParam<int> {};

TEST_P(Properties, EveryRungEqualsTheReference) {
  const int shard = GetParam();
  int reducible = 0;
  for (int i = shard; i < kGraphs; i += kShards) {
    const RandomCfg cfg = MakeRandomCfg(kFirstSeed + i, kMaxBlocks);
    const LoopForest expected = reference::FindLoopForest(cfg.graph);
    if (const std::optional<LoopForest> natural =
            reference::NaturalLoopForest(cfg.graph)) {
      ++reducible;
      EXPECT_FOREST(*natural, expected)
          << "the reference and the natural loops disagree on "
          << cfg.description;
    }
    CheckEveryRung(cfg, expected, static_cast<AllRungs*>(nullptr));
    if (HasFailure()) break;  // one shrunk example is enough
  }
  RecordProperty("reducible_graphs", reducible);
  EXPECT_GT(reducible, kGraphs / kShards / 10);
}

INSTANTIATE_TEST_SUITE_P(Shards, Properties, ::testing::Range(0, kShards));

TEST(Shrink, FindsASmallestFailingGraph) {
  // "Fails" while the start block keeps its self loop: all else can go.
  EdgeList graph = MakeRandomCfg(7, 50, CfgShape::kUnstructured).graph;
  graph.AddEdge(graph.start, graph.start);
  const EdgeList shrunk = Shrink(graph, [](const EdgeList& candidate) {
    return std::any_of(
        candidate.edges.begin(), candidate.edges.end(), [&](const Edge& edge) {
          return edge.from == candidate.start && edge.to == candidate.start;
        });
  });
  EXPECT_EQ(shrunk.num_blocks, 1);
  EXPECT_EQ(shrunk.edges, (std::vector<Edge>{{0, 0}}));
}

}  // namespace
}  // namespace havlak::testing
