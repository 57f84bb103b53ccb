#ifndef HAVLAK_VARIANTS_HAVLAK6_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK6_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997): it finds the loop nesting forest of a CFG, reducible and
// irreducible loops alike, not its cycles or SCCs.

#include <vector>

#include "havlak6/cfg.h"
#include "havlak6/loop_structure_graph.h"

namespace havlak6 {

// Union-find after Tarjan (1983): each node points towards the header of the
// outermost loop found so far that contains it.
class UnionFindNode {
 public:
  void Init(int block, int dfs_number) {
    parent_ = this;
    block_ = block;
    loop_ = nullptr;
    dfs_number_ = dfs_number;
  }

  // The set's representative, with path compression: every node passed on
  // the way is pointed straight at it. Inner loops are collapsed once, but
  // deep nests still mean long walks.
  UnionFindNode* FindSet();

  // No ranks: path compression does the balancing.
  void Union(UnionFindNode* other) { parent_ = other; }

  int block() const { return block_; }
  SimpleLoop* loop() const { return loop_; }
  int dfs_number() const { return dfs_number_; }
  void set_loop(SimpleLoop* loop) { loop_ = loop; }

 private:
  UnionFindNode* parent_ = nullptr;
  int block_ = Cfg::kNoBlock;   // kNoBlock: not reached by the DFS
  SimpleLoop* loop_ = nullptr;  // the loop this node heads, if any
  int dfs_number_ = 0;
};

// Finds loops. The finder owns its bookkeeping and keeps it from one call to
// the next: a call on a graph no bigger than an earlier one allocates
// nothing, given a loop structure graph that already held as many loops.
// One finder per thread.
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
    kDead,         // not reachable from the start
  };

  // Makes room for `size` blocks and clears what the last call left.
  void Reset(int size);

  // With preorder numbers, w is an ancestor of v in the DFS spanning tree
  // iff v lies in w's subtree range [w, last[w]].
  bool IsAncestor(int w, int v) const { return w <= v && v <= last_[w]; }

  // Numbers the blocks reachable from `block` in preorder, starting with
  // `current`; returns the last number used.
  int Dfs(const Cfg& cfg, int block, int current);

  // The bookkeeping, named as in Havlak's paper. Blocks are identified by
  // DFS preorder number from step b on. Only the first `size` entries of
  // each vector belong to the current call.
  std::vector<int> number_;  // preorder number by block number (0..N-1)
  std::vector<UnionFindNode> nodes_;  // by preorder number, in one block
  std::vector<int> last_;    // the last preorder number in each subtree
  std::vector<int> header_;  // the innermost loop header of each block
  std::vector<BlockType> type_;
  // Vectors: clearing one keeps its storage for the next call.
  std::vector<std::vector<int>> back_preds_;
  std::vector<std::vector<int>> non_back_preds_;  // each a set
  // The body P of the loop being collected, and its work list.
  std::vector<UnionFindNode*> node_pool_;
};

}  // namespace havlak6

#endif  // HAVLAK_VARIANTS_HAVLAK6_LOOP_FINDER_H_
