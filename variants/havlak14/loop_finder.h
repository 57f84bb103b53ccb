#ifndef HAVLAK_VARIANTS_HAVLAK14_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK14_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost linear
// time", TOPLAS 21(2), 1999): it finds the same loop nesting forest as
// Havlak's algorithm, reducible and irreducible loops alike, in almost
// linear time on every graph instead of quadratic time on some.

#include <cstdint>
#include <memory>
#include <vector>

#include "havlak14/cfg.h"
#include "havlak14/loop_structure_graph.h"

namespace havlak14 {

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
  // ancestor takes v in. So v is put aside until the reverse-preorder walk
  // reaches that ancestor, and then (Deliver) the loops in between are
  // marked irreducible and v becomes an entry of the outermost of them.
  void Defer(int w, int v);
  void Deliver(int w, int v, int ancestor, LoopStructureGraph* lsg);
  // The deepest DFS ancestor of v numbered at most `bound`, all blocks
  // after `bound` being done (a union-find over DFS parents, as in
  // Tarjan's offline nearest-common-ancestor algorithm).
  int AncestorAtMost(int v, int bound);
  // Puts a deferred entry on `node`'s list; `resolve` means the common
  // ancestor is still to be found when the walk reaches `node`.
  void Postpone(int node, int w, int v, bool resolve);

  // The bookkeeping, named as in Havlak's paper. Only the first `size`
  // entries of each array belong to the current call.
  std::vector<int> number_;      // preorder number by block number
  std::vector<int> block_;       // block number by preorder number
  std::vector<int> last_;        // the last preorder number in each subtree
  std::vector<int> union_find_;  // each preorder number's union-find parent
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

  // Deferred entries, by the preorder number at which they are due.
  struct Deferred {
    int next;  // -1 ends a list
    int header;
    int entry;
    bool resolve;
  };
  std::vector<int> deferred_head_;  // -1: none
  std::vector<Deferred> deferred_;
  std::vector<int> nodes_with_deferred_;
  // DFS parents, then shortcuts up the DFS tree; built when first needed
  // in a call (most graphs never need them).
  std::vector<int> ancestor_;
  bool ancestors_built_ = false;
  int reached_ = 0;
  std::vector<int> open_;
  // Per loop: an irreducible loop further up such that the loops in
  // between are irreducible already, or none (then its parent is next).
  std::vector<int> irreducible_up_;
  std::vector<int> walked_;

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

}  // namespace havlak14

#endif  // HAVLAK_VARIANTS_HAVLAK14_LOOP_FINDER_H_
