#include "havlak8/loop_finder.h"

#include <algorithm>
#include <vector>

namespace havlak8 {
namespace {

constexpr int kUnvisited = -1;

// Adds `value` to a vector used as a small set, unless it is there already.
// Linear: the sets are short.
template <typename T>
void AppendUnique(std::vector<T>& set, T value) {
  if (std::find(set.begin(), set.end(), value) == set.end()) {
    set.push_back(value);
  }
}

}  // namespace

UnionFindNode* UnionFindNode::FindSet() {
  UnionFindNode* root = this;
  while (root != root->parent_) root = root->parent_;
  // A second walk compresses the path: no list to remember it in.
  for (UnionFindNode* node = this; node != root;) {
    UnionFindNode* next = node->parent_;
    node->parent_ = root;
    node = next;
  }
  return root;
}

void LoopFinder::Reset(int size) {
  // Vectors only grow: a smaller graph uses the front of them.
  if (static_cast<int>(nodes_.size()) < size) {
    number_.resize(size);
    nodes_.resize(size);
    last_.resize(size);
    header_.resize(size);
    type_.resize(size);
    in_pool_.resize((size + 63) / 64);
    back_preds_.resize(size);
    non_back_preds_.resize(size);
  }
  std::fill_n(number_.begin(), size, kUnvisited);
  for (int i = 0; i < size; ++i) {
    nodes_[i].Init(Cfg::kNoBlock, i);
    back_preds_[i].clear();
    non_back_preds_[i].clear();
  }
}

int LoopFinder::Dfs(const Cfg& cfg, int block, int current) {
  nodes_[current].Init(block, current);
  number_[block] = current;
  int last_id = current;
  for (const int target : cfg.out_edges(block)) {
    if (number_[target] == kUnvisited) {
      last_id = Dfs(cfg, target, last_id + 1);
    }
  }
  last_[current] = last_id;
  return last_id;
}

void LoopFinder::AddToPool(UnionFindNode* node) {
  const int v = node->dfs_number();
  in_pool_[v / 64] |= std::uint64_t{1} << (v % 64);
  node_pool_.push_back(node);
}

int LoopFinder::FindLoops(const Cfg& cfg, LoopStructureGraph* lsg) {
  lsg->Clear();
  if (cfg.start() == Cfg::kNoBlock) return lsg->NumLoops();
  const int size = cfg.NumNodes();
  Reset(size);

  // Step a: number the blocks in DFS preorder; unreached blocks keep
  // kUnvisited. O(N + E).
  Dfs(cfg, cfg.start(), 0);

  // Step b: split each reached block's incoming edges into back edges (from
  // a DFS descendant, following Tarjan) and the rest. O(E).
  for (int w = 0; w < size; ++w) {
    header_[w] = 0;
    type_[w] = BlockType::kNonHeader;
    const int node_w = nodes_[w].block();
    if (node_w == Cfg::kNoBlock) {
      type_[w] = BlockType::kDead;
      continue;
    }
    for (const int node_v : cfg.in_edges(node_w)) {
      const int v = number_[node_v];
      if (v == kUnvisited) continue;  // an edge from a dead block
      if (IsAncestor(w, v)) {
        back_preds_[w].push_back(v);
      } else {
        AppendUnique(non_back_preds_[w], v);
      }
    }
  }
  header_[0] = 0;  // the start block is the root of all other loops

  // Step c: visit the blocks in reverse preorder, so inner loop headers are
  // handled before the headers of loops around them. For a header w, chase
  // backwards from the sources of its back edges, collecting the loop body
  // P (node_pool). Whether a candidate is in P is one bit, set while it
  // is: a body of p blocks costs O(p) here; the algorithm itself is
  // quadratic in the worst case (Ramalingam, TOPLAS 1999).
  for (int w = size - 1; w >= 0; --w) {
    const int node_w = nodes_[w].block();
    if (node_w == Cfg::kNoBlock) continue;

    // Step d: P starts as the loops (or blocks) the back edges come from.
    std::vector<UnionFindNode*>& node_pool = node_pool_;  // a set
    node_pool.clear();
    for (const int v : back_preds_[w]) {
      if (v != w) {
        UnionFindNode* loop = nodes_[v].FindSet();
        if (!InPool(loop->dfs_number())) AddToPool(loop);
      } else {
        type_[w] = BlockType::kSelf;
      }
    }
    if (!node_pool.empty()) type_[w] = BlockType::kReducible;

    // P is its own work list: the blocks after `next` are still to do.
    for (size_t next = 0; next < node_pool.size(); ++next) {
      const UnionFindNode* x = node_pool[next];

      // Step e, Havlak's change to Tarjan: a predecessor outside w's DFS
      // subtree is a second entry into the loop, which makes it
      // irreducible; it is remembered as an entry to w itself.
      for (const int y : non_back_preds_[x->dfs_number()]) {
        UnionFindNode* ydash = nodes_[y].FindSet();
        if (!IsAncestor(w, ydash->dfs_number())) {
          type_[w] = BlockType::kIrreducible;
          AppendUnique(non_back_preds_[w], ydash->dfs_number());
        } else if (ydash->dfs_number() != w && !InPool(ydash->dfs_number())) {
          AddToPool(ydash);
        }
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children, other blocks as the loop's own blocks.
    if (!node_pool.empty() || type_[w] == BlockType::kSelf) {
      SimpleLoop* loop = lsg->CreateNewLoop();
      loop->SetHeader(node_w);
      loop->set_reducible(type_[w] != BlockType::kIrreducible);
      nodes_[w].set_loop(loop);
      for (UnionFindNode* node : node_pool) {
        const int v = node->dfs_number();
        header_[v] = w;
        in_pool_[v / 64] &= ~(std::uint64_t{1} << (v % 64));
        node->Union(&nodes_[w]);
        if (node->loop() != nullptr) {
          node->loop()->set_parent(loop);
        } else {
          loop->AddNode(node->block());
        }
      }
    }
  }
  return lsg->NumLoops();
}

}  // namespace havlak8
