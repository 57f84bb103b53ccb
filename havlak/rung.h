#ifndef HAVLAK_RUNG_H_
#define HAVLAK_RUNG_H_

// What a rung gives the harness. Each rung's folder, variants/NAME, has a
// rung.h, and ladder.json lists NAME in its place on the ladder:
//
//   namespace NAME {
//   struct Rung {
//     static constexpr std::string_view kName = "NAME";
//     static constexpr std::string_view kIdea = "the one idea of this step";
//     using Cfg = NAME::Cfg;                      // CreateNode, AddEdge
//     using LoopGraph = NAME::LoopStructureGraph;
//     using Finder = NAME::Finder;                // FindLoops(cfg, &lsg)
//   };
//   }  // namespace NAME
//
// Finder::FindLoops fills a loop structure graph and returns its number of
// loops counting the artificial root, as Hundt's FindHavlakLoops does. A rung
// whose FindLoops clears the graph it is given, so that one graph's storage
// can serve every call, says so with
//
//     static constexpr bool kReusesLoopGraph = true;
//
// and a rung whose finder or loop graph recurses (one call deeper per block
// of a chain, or per loop of a nest) says so with
//
//     static constexpr bool kRecursive = true;
//
// so that it runs on a stack sized for the graph (large_stack.h).

#include <concepts>
#include <string_view>
#include <utility>

#include "havlak/edge_list.h"
#include "havlak/large_stack.h"
#include "havlak/loop_forest.h"
#include "havlak/types.h"

namespace havlak {

template <typename R>
concept Rung = requires(typename R::Cfg& cfg, typename R::Finder& finder,
                        typename R::LoopGraph& lsg, BlockId block) {
  { R::kName } -> std::convertible_to<std::string_view>;
  { R::kIdea } -> std::convertible_to<std::string_view>;
  cfg.CreateNode(block);
  cfg.AddEdge(block, block);
  { finder.FindLoops(std::as_const(cfg), &lsg) } -> std::convertible_to<int>;
  lsg.CalculateNestingLevel();
  { std::as_const(lsg).NumLoops() } -> std::convertible_to<int>;
  { std::as_const(lsg).RootNestingLevel() } -> std::convertible_to<int>;
  { std::as_const(lsg).ToLoopForest() } -> std::same_as<LoopForest>;
};

template <Rung R>
constexpr bool ReusesLoopGraph() {
  if constexpr (requires { R::kReusesLoopGraph; }) {
    return R::kReusesLoopGraph;
  } else {
    return false;
  }
}

template <Rung R>
constexpr bool IsRecursive() {
  if constexpr (requires { R::kRecursive; }) {
    return R::kRecursive;
  } else {
    return false;
  }
}

// Whether R applies Ramalingam's fix (almost linear on every graph), said
// by `static constexpr bool kRamalingamFix = true;`.
template <Rung R>
constexpr bool HasRamalingamFix() {
  if constexpr (requires { R::kRamalingamFix; }) {
    return R::kRamalingamFix;
  } else {
    return false;
  }
}

// The canonical loop forest R finds in `graph`, nesting levels included.
// A recursive rung runs on a stack sized for the graph.
template <Rung R>
LoopForest FindLoopForest(const EdgeList& graph) {
  LoopForest forest;
  RunOnStackFor(graph.num_blocks, IsRecursive<R>(), [&] {
    typename R::Cfg cfg;
    ReplayInto(graph, cfg);
    typename R::Finder finder;
    typename R::LoopGraph lsg;
    finder.FindLoops(std::as_const(cfg), &lsg);
    lsg.CalculateNestingLevel();
    forest = lsg.ToLoopForest();
  });
  return forest;
}

}  // namespace havlak

#endif  // HAVLAK_RUNG_H_
