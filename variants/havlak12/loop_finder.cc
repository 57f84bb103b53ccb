#include "havlak12/loop_finder.h"

#include <algorithm>

namespace havlak12 {
namespace {

constexpr int kUnvisited = -1;

}  // namespace

void LoopFinder::Reset(int size) {
  // Arrays only grow: a smaller graph uses the front of them.
  if (static_cast<int>(number_.size()) < size) {
    number_.resize(size);
    block_.resize(size);
    last_.resize(size);
    union_find_.resize(size);
    type_.resize(size);
    in_pool_.resize((size + 63) / 64);
    entries_head_.resize(size, -1);
    stack_.reserve(size);  // a path holds each block at most once
  }
  std::fill_n(number_.begin(), size, kUnvisited);
}

int LoopFinder::Dfs(const Cfg& cfg, int start) {
  // The block being searched lives in locals, as it would in a recursive
  // call's registers; the stack holds only the blocks above it, each with
  // the rest of its successors.
  int next_number = 0;
  int node = 0;
  const int* next = nullptr;
  const int* end = nullptr;
  const auto enter = [&](int block) {
    node = next_number++;
    number_[block] = node;
    block_[node] = block;
    union_find_[node] = node;
    const std::span<const int> successors = cfg.out_edges(block);
    next = successors.data();
    end = next + successors.size();
  };
  enter(start);
  while (true) {
    // Successors in order, as the recursive search takes them.
    while (next != end && number_[*next] != kUnvisited) ++next;
    if (next != end) {
      const int target = *next++;
      stack_.push_back({node, next, end});
      enter(target);
    } else {
      last_[node] = next_number - 1;
      if (stack_.empty()) break;
      const Frame& parent = stack_.back();
      node = parent.node;
      next = parent.next_successor;
      end = parent.end;
      stack_.pop_back();
    }
  }
  return next_number;
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
    if (entries_node_[entry] == v) return;  // a set, as in Hundt's code
  }
  if (entries_head_[w] == -1) headers_with_entries_.push_back(w);
  entries_next_.push_back(entries_head_[w]);
  entries_node_.push_back(v);
  entries_head_[w] = static_cast<int>(entries_node_.size()) - 1;
}

int LoopFinder::FindLoops(const Cfg& cfg, LoopStructureGraph* lsg) {
  lsg->Clear(cfg.NumNodes());
  if (cfg.start() == Cfg::kNoBlock) return lsg->NumLoops();
  Reset(cfg.NumNodes());

  // Step a: number the blocks reachable from the start in DFS preorder,
  // 0..reached-1; the others keep kUnvisited and take no further part.
  // O(N + E).
  const int reached = Dfs(cfg, cfg.start());
  std::fill_n(type_.begin(), reached, BlockType::kNonHeader);

  // Step b, splitting each block's predecessors into back-edge and other
  // predecessors, is no pass of its own: both kinds are read straight from
  // the CFG where step c needs them. An edge v -> w is a back edge iff w is
  // an ancestor of v (following Tarjan).

  // Step c: visit the blocks in reverse preorder, so inner loop headers are
  // handled before the headers of loops around them. For a header w, chase
  // backwards from the sources of its back edges, collecting the loop body
  // P. Each block's predecessors are read when it is a header and when it
  // joins a loop body: O(E) reads in all, plus the entries of irreducible
  // loops, which make the algorithm quadratic in the worst case
  // (Ramalingam, TOPLAS 1999).
  for (int w = reached - 1; w >= 0; --w) {
    pool_.clear();

    // Step d: P starts as the loops (or blocks) the back edges come from.
    for (const int predecessor : cfg.in_edges(block_[w])) {
      const int v = number_[predecessor];
      if (v == kUnvisited || !IsAncestor(w, v)) continue;
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
      for (const int predecessor : cfg.in_edges(block_[x])) {
        const int y = number_[predecessor];
        if (y != kUnvisited && !IsAncestor(x, y)) visit(y);
      }
      for (int entry = entries_head_[x]; entry != -1;
           entry = entries_next_[entry]) {
        visit(entries_node_[entry]);
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children, other blocks as the loop's own blocks. The loop graph's
    // map from block to innermost loop is Havlak's header array.
    if (!pool_.empty() || type_[w] == BlockType::kSelf) {
      const int loop =
          lsg->CreateNewLoop(block_[w], type_[w] != BlockType::kIrreducible);
      for (const int node : pool_) {
        union_find_[node] = w;
        in_pool_[node / 64] &= ~(std::uint64_t{1} << (node % 64));
        const int block = block_[node];
        if (const int inner = lsg->LoopOf(block);
            inner != LoopStructureGraph::kNoLoop) {
          lsg->SetParent(inner, loop);  // only headers are in a loop yet
        } else {
          lsg->AddNode(loop, block);
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

}  // namespace havlak12
