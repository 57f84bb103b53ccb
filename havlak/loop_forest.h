#ifndef HAVLAK_LOOP_FOREST_H_
#define HAVLAK_LOOP_FOREST_H_

// The canonical loop forest: what a rung found, as one value that compares
// equal between two rungs exactly when they found the same loops.
//
// Example:
//   havlak::LoopForest forest = lsg.ToLoopForest();
//   EXPECT_EQ(forest, reference_forest) << DescribeDifference(forest, ...);

#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "havlak/types.h"

namespace havlak {

inline constexpr BlockId kNoParent = -1;

struct ForestLoop {
  BlockId header = 0;
  // The loop's own blocks: its header and every block whose innermost loop
  // it is (blocks of nested loops belong to those), ascending.
  std::vector<BlockId> blocks;
  bool reducible = true;
  // The header of the enclosing loop, or kNoParent for an outermost loop.
  BlockId parent = kNoParent;
  // Distance from the artificial root: 1 for outermost loops.
  int depth = 0;
  // Height in the loop tree: 0 for innermost loops.
  int nesting_level = 0;

  friend bool operator==(const ForestLoop&, const ForestLoop&) = default;
};

struct LoopForest {
  // One loop per header, ascending by header. The artificial root that
  // Hundt's loop structure graph holds is not a loop here.
  std::vector<ForestLoop> loops;

  // Hundt's count: the loops plus the artificial root.
  int NumLoopsWithRoot() const { return static_cast<int>(loops.size()) + 1; }
  // The root's nesting level: the deepest loop's depth (0 without loops).
  int MaxDepth() const;

  friend bool operator==(const LoopForest&, const LoopForest&) = default;
};

// Collects loops in any order and produces the canonical forest. A rung's
// exporter calls Add once per loop, with the loop's blocks in any order.
class LoopForestBuilder {
 public:
  void Add(ForestLoop loop);
  // Sorts loops and blocks. Requires distinct headers.
  LoopForest Build() &&;

 private:
  LoopForest forest_;
};

// One loop per line: "loop 5: depth 2, nesting 0, reducible, parent 1,
// blocks 5 6 7 8".
std::string ToText(const LoopForest& forest);
std::ostream& operator<<(std::ostream& out, const ForestLoop& loop);
std::ostream& operator<<(std::ostream& out, const LoopForest& forest);

// The first difference between two forests in words ("" when equal): small
// enough to print for a graph of a million blocks.
std::string DescribeDifference(const LoopForest& actual,
                               const LoopForest& expected);

}  // namespace havlak

#endif  // HAVLAK_LOOP_FOREST_H_
