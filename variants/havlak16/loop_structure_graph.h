#ifndef HAVLAK_VARIANTS_HAVLAK16_LOOP_STRUCTURE_GRAPH_H_
#define HAVLAK_VARIANTS_HAVLAK16_LOOP_STRUCTURE_GRAPH_H_

// The loop structure graph in flat arrays. Loop i (0 is the artificial
// root) has its header, parent, depth, nesting level and reducibility at
// index i of five arrays, and one array maps each block to its innermost
// loop, which also says what each loop's own blocks are (LLVM's LoopInfo
// keeps the same map). No object per loop, no list of blocks or children:
// the nesting levels come from one pass over the parents, because a loop is
// always created after the loops inside it.
//
//   loop        nesting level   depth
//   root        2               0
//     loop-1    1               1
//       loop-2  0               2
//     loop-3    0               1

#include <cstdint>
#include <vector>

#include "havlak/loop_forest.h"

namespace havlak16 {

class LoopStructureGraph {
 public:
  static constexpr int kRoot = 0;
  static constexpr int kNoLoop = -1;

  LoopStructureGraph() { Clear(0); }

  // Forgets every loop but the root and makes the block map cover
  // `num_blocks` blocks, none in a loop. Keeps the storage.
  void Clear(int num_blocks);

  // A new loop headed by `header`, which joins it. Returns its index.
  int CreateNewLoop(int header, bool reducible);
  // `block` joins `loop`: the loop is its innermost one.
  void AddNode(int loop, int block) { block_loop_[block] = loop; }
  void SetParent(int loop, int parent) { parent_[loop] = parent; }
  void MarkIrreducible(int loop) { reducible_[loop] = false; }
  int Parent(int loop) const { return parent_[loop]; }
  int Header(int loop) const { return header_[loop]; }
  // The innermost loop holding `block` so far, or kNoLoop.
  int LoopOf(int block) const { return block_loop_[block]; }

  // Links outermost loops to the root, then sets every loop's depth and
  // nesting level. O(loops).
  void CalculateNestingLevel();

  // The loops found, plus the artificial root.
  int NumLoops() const { return static_cast<int>(header_.size()); }
  int RootNestingLevel() const { return nesting_level_[kRoot]; }
  // Requires CalculateNestingLevel().
  havlak::LoopForest ToLoopForest() const;

 private:
  std::vector<int> header_;  // block numbers; the root's is kNoLoop
  std::vector<int> parent_;
  std::vector<int> depth_;
  std::vector<int> nesting_level_;
  std::vector<std::uint8_t> reducible_;
  std::vector<int> block_loop_;
};

}  // namespace havlak16

#endif  // HAVLAK_VARIANTS_HAVLAK16_LOOP_STRUCTURE_GRAPH_H_
