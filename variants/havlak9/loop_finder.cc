#include "havlak9/loop_finder.h"

#include <algorithm>
#include <vector>

namespace havlak9 {
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

void LoopFinder::Reset(int size) {
  // Arrays only grow: a smaller graph uses the front of them.
  if (static_cast<int>(number_.size()) < size) {
    number_.resize(size);
    block_.resize(size);
    last_.resize(size);
    union_find_.resize(size);
    loop_.resize(size);
    header_.resize(size);
    type_.resize(size);
    back_preds_.resize(size);
    non_back_preds_.resize(size);
    in_pool_.resize((size + 63) / 64);
    entries_head_.resize(size, -1);
  }
  std::fill_n(number_.begin(), size, kUnvisited);
  std::fill_n(block_.begin(), size, Cfg::kNoBlock);
  for (int i = 0; i < size; ++i) {
    back_preds_[i].clear();
    non_back_preds_[i].clear();
  }
}

int LoopFinder::Dfs(const Cfg& cfg, int block, int current) {
  number_[block] = current;
  block_[current] = block;
  union_find_[current] = current;
  loop_[current] = nullptr;
  int last_id = current;
  for (const int target : cfg.out_edges(block)) {
    if (number_[target] == kUnvisited) {
      last_id = Dfs(cfg, target, last_id + 1);
    }
  }
  last_[current] = last_id;
  return last_id;
}

int LoopFinder::FindSet(int v) {
  int root = v;
  while (union_find_[root] != root) root = union_find_[root];
  while (union_find_[v] != root) {
    const int next = union_find_[v];
    union_find_[v] = root;
    v = next;
  }
  return root;
}

void LoopFinder::AddToPool(int v) {
  in_pool_[v / 64] |= std::uint64_t{1} << (v % 64);
  pool_.push_back(v);
}

void LoopFinder::AddEntry(int w, int v) {
  for (int entry = entries_head_[w]; entry != -1;
       entry = entries_next_[entry]) {
    if (entries_node_[entry] == v) return;  // a set: each entry once
  }
  if (entries_head_[w] == -1) headers_with_entries_.push_back(w);
  entries_next_.push_back(entries_head_[w]);
  entries_node_.push_back(v);
  entries_head_[w] = static_cast<int>(entries_node_.size()) - 1;
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
    const int node_w = block_[w];
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
  // P. Whether a candidate is in P is one bit, set while it is: a body of
  // p blocks costs O(p) here; the algorithm itself is quadratic in the
  // worst case (Ramalingam, TOPLAS 1999).
  for (int w = size - 1; w >= 0; --w) {
    if (block_[w] == Cfg::kNoBlock) continue;
    pool_.clear();

    // Step d: P starts as the loops (or blocks) the back edges come from.
    for (const int v : back_preds_[w]) {
      if (v == w) {
        type_[w] = BlockType::kSelf;
      } else if (const int loop = FindSet(v); !InPool(loop)) {
        AddToPool(loop);
      }
    }
    if (!pool_.empty()) type_[w] = BlockType::kReducible;

    // Step e, Havlak's change to Tarjan: a predecessor outside w's DFS
    // subtree is a second entry into the loop, which makes it irreducible;
    // it is remembered as an entry to w itself.
    const auto visit = [&](int y) {
      const int ydash = FindSet(y);
      if (!IsAncestor(w, ydash)) {
        type_[w] = BlockType::kIrreducible;
        AddEntry(w, ydash);
      } else if (ydash != w && !InPool(ydash)) {
        AddToPool(ydash);
      }
    };
    for (size_t next = 0; next < pool_.size(); ++next) {
      const int x = pool_[next];
      for (const int y : non_back_preds_[x]) visit(y);
      for (int entry = entries_head_[x]; entry != -1;
           entry = entries_next_[entry]) {
        visit(entries_node_[entry]);
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children, other blocks as the loop's own blocks.
    if (!pool_.empty() || type_[w] == BlockType::kSelf) {
      SimpleLoop* loop = lsg->CreateNewLoop();
      loop->SetHeader(block_[w]);
      loop->set_reducible(type_[w] != BlockType::kIrreducible);
      loop_[w] = loop;
      for (const int node : pool_) {
        header_[node] = w;
        union_find_[node] = w;
        in_pool_[node / 64] &= ~(std::uint64_t{1} << (node % 64));
        if (loop_[node] != nullptr) {
          loop_[node]->set_parent(loop);
        } else {
          loop->AddNode(block_[node]);
        }
      }
    }
  }

  for (const int w : headers_with_entries_) entries_head_[w] = -1;
  headers_with_entries_.clear();
  entries_next_.clear();
  entries_node_.clear();
  return lsg->NumLoops();
}

}  // namespace havlak9
