#ifndef HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost linear
// time", TOPLAS 21(2), 1999), in one depth-first search: it finds the same
// loop nesting forest as Havlak's algorithm, reducible and irreducible
// loops alike, in almost linear time on every graph instead of quadratic
// time on some.

#include <cstdint>
#include <memory>
#include <vector>

#include "havlak16/cfg.h"
#include "havlak16/loop_structure_graph.h"

namespace havlak16 {

// Finds loops. The finder owns its bookkeeping, all of it flat arrays
// indexed by block number, and keeps it from one call to the next: a
// call on a graph no bigger than an earlier one allocates nothing, given a
// loop structure graph that already held as many loops. One finder per
// thread.
//
// Havlak's step c visits the blocks in reverse preorder so that a header
// comes after every block of its DFS subtree; so does the postorder in
// which the search finishes blocks, and a block is done with the moment it
// is finished. The search's edges show what else is needed: an edge from a
// block reached later (a cross edge, right to left) is seen from its
// source, and an entry into a loop from outside its header's subtree comes
// from a block still on the search's path, which is where it waits.
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

  // With preorder numbers, block w is an ancestor of block v in the DFS
  // spanning tree iff v's number lies in w's subtree range
  // [number[w], last[w]]. Blocks on the search's path have last == kOpen,
  // after every number.
  bool IsAncestor(int w, int v) const {
    return number_[w] <= number_[v] && number_[v] <= last_[w];
  }

  // Union-find after Tarjan (1983): the representative of v's set, the
  // header of the outermost loop finished so far that holds v, or v. Path
  // compression, no ranks.
  int FindSet(int v);

  // An entry of header w: a block outside w's loop with an edge into it,
  // which the loop around w must take in (a linked list per header, flat
  // arrays).
  void AddEntry(int w, int v);

  // Ramalingam's fix. Havlak's step e, finding an entry v into the loop of
  // header w from outside w's DFS subtree, makes w's loop irreducible and
  // hands v to w as an entry; each loop around w then finds v again and
  // hands it on, one level at a time: quadratic on deep nests. Yet every
  // loop around w up to the nearest common DFS ancestor of v and w is
  // irreducible for the same reason, and the first loop at or above that
  // ancestor takes v in. In one pass v is on the search's path, so it is
  // that ancestor: v is put aside in its stack frame (DeferEntry) until the
  // search finishes it, and then (Deliver) the loops in between are marked
  // irreducible and v becomes an entry of the outermost of them.
  void DeferEntry(int w, int v);
  void Deliver(int w, int v, LoopStructureGraph* lsg);

  // An edge from `source` into block `target`, reached and finished before
  // `source` and not its ancestor: if `target` is in finished loops, those
  // loops are entered from outside their headers' subtrees (irreducible),
  // and the loop around the outermost of them takes `source` in.
  void CrossEdge(int source, int target, LoopStructureGraph* lsg);

  // Marks `loop` and the loops around it irreducible while their headers
  // are numbered after `bound`, skipping loops marked before.
  void MarkIrreducible(int loop, int bound, LoopStructureGraph* lsg);

  // The bookkeeping, named as in Havlak's paper. Only the first `size`
  // entries of each array belong to the current call.
  std::vector<int> number_;      // preorder number; kUnvisited if not reached
  std::vector<int> last_;        // the last preorder number in each subtree
  std::vector<int> union_find_;  // each block's union-find parent
  std::vector<BlockType> type_;
  // The body P of the loop being collected, which is also its work list.
  // A block joins w's union-find set as it joins P, so P needs no
  // membership test: FindSet of anything already in P answers w.
  std::unique_ptr<int[]> pool_;  // room for every block, touched as used
  int pool_capacity_ = 0;
  std::vector<int> entries_head_;  // -1: none
  std::vector<int> entries_next_;
  std::vector<int> entries_node_;
  std::vector<int> headers_with_entries_;  // to clear entries_head_ after

  // Deferred entries, each on the list of the stack frame of the block
  // they come from.
  struct Deferred {
    int next;    // -1 ends a list
    int header;  // the loop it enters, by its header
  };
  std::vector<Deferred> deferred_;
  // Per loop: an irreducible loop further up such that the loops in
  // between are irreducible already, or none (then its parent is next).
  std::vector<int> irreducible_up_;
  std::vector<int> walked_;

  // The depth-first search's path above the block being searched: each
  // block, the rest of its successors to look at, and the entries from it
  // into loops below it, delivered when it is finished.
  struct Frame {
    int block;
    const int* next_successor;
    const int* end;
    int deferred;  // -1: none
  };
  // Reserved for a path through every block, but only the part a search
  // reaches is ever touched.
  std::vector<Frame> stack_;
};

}  // namespace havlak16

#endif  // HAVLAK_VARIANTS_HAVLAK16_LOOP_FINDER_H_
