#ifndef HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost linear
// time", TOPLAS 21(2), 1999), in one depth-first search: it finds the same
// loop nesting forest as Havlak's algorithm, reducible and irreducible
// loops alike, in almost linear time.

#include <memory>
#include <vector>

#include "havlak16/cfg.h"
#include "havlak16/loop_structure_graph.h"

namespace havlak16 {

// Finds loops. The finder owns its bookkeeping, flat arrays indexed by
// block number, and keeps it from one call to the next: a call on a graph
// no bigger than an earlier one allocates nothing, given a loop structure
// graph that already held as many loops. One finder per thread.
//
// Havlak's step c visits the blocks in reverse preorder so that a header
// comes after every block of its DFS subtree; so does the postorder in
// which the search finishes blocks, and a block is done with the moment it
// is finished. The search's edges show what else is needed: an edge from a
// block reached later (a cross edge, right to left) is seen from its
// source, and an entry into a loop from outside its header's subtree comes
// from a block still on the search's path, which is where it is delivered.
class LoopFinder {
 public:
  // Replaces what `lsg` held with the loops of `cfg`, reusing its storage;
  // returns lsg->NumLoops(), which counts the artificial root.
  int FindLoops(const Cfg& cfg, LoopStructureGraph* lsg);

 private:
  // Makes room for `size` blocks.
  void Reset(int size);

  // With preorder numbers, w is an ancestor of v in the DFS spanning tree
  // iff v's number lies in w's subtree range [number[w], last[w]]. Blocks
  // on the search's path have last == kOpen, after every number.
  bool IsAncestor(int w, int v) const {
    return number_[w] <= number_[v] && number_[v] <= last_[w];
  }

  // Union-find after Tarjan (1983): the representative of v's set, the
  // header of the outermost loop finished so far that holds v, or v.
  // Path compression, no ranks.
  int FindSet(int v);

  // Havlak's step e for header w, just finished, whose back edges put the
  // first `pool_size` blocks in P (step d): everything that reaches them
  // inside w's subtree joins them. `lsg` gets the loop.
  void CollectLoop(const Cfg& cfg, int w, int pool_size,
                   LoopStructureGraph* lsg);
  // Step e's entry into w's loop from `entry`, on the search's path: put
  // aside until `entry` is finished.
  [[gnu::noinline]] void DeferEntry(int w, int entry);

  // An edge from `source` into block `target`, reached and finished before
  // `source` and not its ancestor: if `target` is in finished loops, those
  // loops are entered from outside their headers' subtrees (irreducible),
  // and the loop around the outermost of them takes `source` in.
  void CrossEdge(int source, int target, LoopStructureGraph* lsg);

  // Marks the loops from `loop` upward irreducible while `inside` says so,
  // skipping loops marked before; returns the first loop not marked.
  template <typename Inside>
  int MarkIrreducible(int loop, Inside inside, LoopStructureGraph* lsg);

  // Entries of a block: blocks outside its loop with edges into it, that
  // the loop around it must take in (a linked list per block).
  void AddEntry(int x, int v);

  std::vector<int> number_;      // preorder number; kUnvisited if not yet
  std::vector<int> last_;        // the last number in the block's subtree
  std::vector<int> union_find_;  // each block's union-find parent
  std::vector<int> entries_head_;  // -1: none
  std::vector<int> entries_next_;
  std::vector<int> entries_node_;
  std::vector<int> blocks_with_entries_;  // to clear entries_head_ after

  // The body P of the loop being collected, which is also its work list.
  // A block joins w's union-find set as it joins P, so P needs no
  // membership test: FindSet of anything already in P answers w.
  std::unique_ptr<int[]> pool_;  // room for every block, touched as used
  int pool_capacity_ = 0;

  // Per loop: an irreducible loop further up such that the loops in
  // between are irreducible already, or none (then its parent is next).
  std::vector<int> irreducible_up_;
  std::vector<int> walked_;

  // The search's path: each block on it, the rest of its successors, and
  // the entries into loops below it that come from it (deferred, a list in
  // deferred_), delivered when it is finished.
  struct Frame {
    int block;
    const int* next_successor;
    const int* end;
    int deferred;  // -1: none
  };
  struct Deferred {
    int next;    // -1 ends a list
    int header;  // the loop it enters, by its header
  };
  std::vector<Frame> stack_;  // reserved for every block, touched as used
  std::vector<Deferred> deferred_;
};

}  // namespace havlak16

#endif  // HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_
