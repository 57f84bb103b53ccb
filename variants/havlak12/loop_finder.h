#ifndef HAVLAK_VARIANTS_HAVLAK12_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK12_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997): it finds the loop nesting forest of a CFG, reducible and
// irreducible loops alike, not its cycles or SCCs.

#include <cstdint>
#include <vector>

#include "havlak12/cfg.h"
#include "havlak12/loop_structure_graph.h"

namespace havlak12 {

// Finds loops. The finder owns its bookkeeping, all of it flat arrays
// indexed by preorder number, and keeps it from one call to the next: a
// call on a graph no bigger than an earlier one allocates nothing, given a
// loop structure graph that already held as many loops. One finder per
// thread.
class LoopFinder {
 public:
  // Replaces what `lsg` held with the loops of `cfg`, reusing its storage;
  // returns lsg->NumLoops(), which counts the artificial root.
  int FindLoops(const Cfg& cfg, LoopStructureGraph* lsg);

 private:
  enum class BlockType : char {
    kNonHeader,    // a plain block
    kReducible,    // header of a reducible loop
    kSelf,         // header of a one-block loop
    kIrreducible,  // header of an irreducible loop
  };

  // Makes room for `size` blocks.
  void Reset(int size);

  // With preorder numbers, w is an ancestor of v in the DFS spanning tree
  // iff v lies in w's subtree range [w, last[w]].
  bool IsAncestor(int w, int v) const { return w <= v && v <= last_[w]; }

  // Numbers the blocks reachable from `start` in preorder, 0 up; returns
  // how many there are. Iterative: no recursion however deep the graph.
  int Dfs(const Cfg& cfg, int start);

  // Union-find after Tarjan (1983): the representative of v's set, the
  // header of the outermost loop found so far that holds v, or v. Path
  // compression, no ranks.
  int FindSet(int v);

  // The body P of the loop being collected doubles as its work list;
  // membership is a bit per preorder number.
  void AddToPool(int v);
  bool InPool(int v) const { return (in_pool_[v / 64] >> (v % 64)) & 1; }

  // Non-back-edge predecessors found while collecting w's loop that lie
  // outside w's DFS subtree: w's loop is irreducible, and they become
  // predecessors of w itself for the loops around it (Havlak's step e).
  // A linked list per header, in flat arrays.
  void AddEntry(int w, int v);

  // The bookkeeping, named as in Havlak's paper. Only the first `size`
  // entries of each array belong to the current call.
  std::vector<int> number_;      // preorder number by block number
  std::vector<int> block_;       // block number by preorder number
  std::vector<int> last_;        // the last preorder number in each subtree
  std::vector<int> union_find_;  // each preorder number's union-find parent
  std::vector<BlockType> type_;
  std::vector<int> pool_;
  std::vector<std::uint64_t> in_pool_;
  std::vector<int> entries_head_;  // -1: none
  std::vector<int> entries_next_;
  std::vector<int> entries_node_;
  std::vector<int> headers_with_entries_;  // to clear entries_head_ after
  // The depth-first search's path above the block being searched: each
  // block's preorder number and the rest of its successors to look at.
  struct Frame {
    int node;
    const int* next_successor;
    const int* end;
  };
  // Reserved for a path through every block, but only the part a search
  // reaches is ever touched.
  std::vector<Frame> stack_;
};

}  // namespace havlak12

#endif  // HAVLAK_VARIANTS_HAVLAK12_LOOP_FINDER_H_
