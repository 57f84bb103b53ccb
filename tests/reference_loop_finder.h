#ifndef HAVLAK_TESTS_REFERENCE_LOOP_FINDER_H_
#define HAVLAK_TESTS_REFERENCE_LOOP_FINDER_H_

// A slow, obvious reference for the tests: Havlak's loop nesting forest
// ("Nesting of reducible and irreducible loops", TOPLAS 1997) with the exact
// choices of Robert Hundt's C++ implementation, plus the forest of natural
// loops found through dominators as a second, independent check.
//
// It is not a rung and not meant to be fast: plain vectors and sets, no
// union-find, quadratic steps. Use it on graphs of up to a few thousand
// blocks. It shares no code with the implementations under variants/.
//
// Example:
//   EXPECT_EQ(FindLoopForest<R>(graph), reference::FindLoopForest(graph));

#include <optional>

#include "havlak/edge_list.h"
#include "havlak/loop_forest.h"

namespace havlak::reference {

// Havlak's loop nesting forest of `graph`, computed the slow, obvious way.
LoopForest FindLoopForest(const EdgeList& graph);

// The number of blocks a path from the start reaches, the start included.
int CountReachableBlocks(const EdgeList& graph);

// For a graph whose reachable part is reducible: the forest of natural loops
// found through dominators. std::nullopt if the reachable part is irreducible.
std::optional<LoopForest> NaturalLoopForest(const EdgeList& graph);

}  // namespace havlak::reference

#endif  // HAVLAK_TESTS_REFERENCE_LOOP_FINDER_H_
