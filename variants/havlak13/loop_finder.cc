#include "havlak13/loop_finder.h"

#include <algorithm>

namespace havlak13 {
namespace {

constexpr int kUnvisited = -1;
// irreducible_up_ of a loop without a shortcut (kNoLoop is a shortcut to
// the top).
constexpr int kNoShortcut = -2;

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
    deferred_head_.resize(size, -1);
    stack_.reserve(size);  // a path holds each block at most once
  }
  std::fill_n(number_.begin(), size, kUnvisited);
  ancestors_built_ = false;
  irreducible_up_.clear();
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
  // No duplicate check: each entry comes from one deferred edge and is read
  // once, so duplicates cost no more than the edges that made them.
  if (entries_head_[w] == -1) headers_with_entries_.push_back(w);
  entries_next_.push_back(entries_head_[w]);
  entries_node_.push_back(v);
  entries_head_[w] = static_cast<int>(entries_node_.size()) - 1;
}

void LoopFinder::Postpone(int node, int w, int v, bool resolve) {
  if (deferred_head_[node] == -1) nodes_with_deferred_.push_back(node);
  deferred_.push_back({deferred_head_[node], w, v, resolve});
  deferred_head_[node] = static_cast<int>(deferred_.size()) - 1;
}

int LoopFinder::AncestorAtMost(int v, int bound) {
  if (!ancestors_built_) {
    // The DFS parent of v is the innermost block whose subtree is still
    // open when the preorder reaches v. O(N), once per call.
    ancestor_.resize(reached_);
    open_.clear();
    for (int node = 0; node < reached_; ++node) {
      while (!open_.empty() && last_[open_.back()] < node) open_.pop_back();
      ancestor_[node] = open_.empty() ? kUnvisited : open_.back();
      open_.push_back(node);
    }
    ancestors_built_ = true;
  }
  int ancestor = v;
  while (ancestor > bound) ancestor = ancestor_[ancestor];
  // Path compression: the blocks passed stay behind the walk, whose bound
  // only decreases.
  while (v > bound) {
    const int next = ancestor_[v];
    ancestor_[v] = ancestor;
    v = next;
  }
  return ancestor;
}

void LoopFinder::Defer(int w, int v) {
  if (IsAncestor(v, w)) {
    // The common ancestor is v itself.
    Postpone(v, w, v, /*resolve=*/false);
  } else if (v > w) {
    // Numbered after w's subtree, so already behind the walk: the common
    // ancestor is v's deepest ancestor numbered at most w.
    Postpone(AncestorAtMost(v, w), w, v, /*resolve=*/false);
  } else {
    // Numbered before w: the same search, from w, once the walk is at v.
    Postpone(v, w, v, /*resolve=*/true);
  }
}

void LoopFinder::Deliver(int w, int v, int ancestor, LoopStructureGraph* lsg) {
  // Every loop around w's whose header comes after the common ancestor
  // does not hold v in its DFS subtree: v enters it from outside. The
  // shortcuts skip loops found irreducible before, so each loop is marked
  // once, however many entries pass it.
  if (irreducible_up_.size() < static_cast<size_t>(lsg->NumLoops())) {
    irreducible_up_.resize(lsg->NumLoops(), kNoShortcut);
  }
  const auto up = [&](int loop) {
    return irreducible_up_[loop] != kNoShortcut ? irreducible_up_[loop]
                                                : lsg->Parent(loop);
  };
  walked_.clear();
  int loop = up(lsg->LoopOf(block_[w]));
  while (loop > LoopStructureGraph::kRoot &&
         number_[lsg->Header(loop)] > ancestor) {
    lsg->MarkIrreducible(loop);
    walked_.push_back(loop);
    loop = up(loop);
  }
  // Shortcuts to the outermost loop marked: from it the walk goes on by
  // its parent, which a later header may yet set.
  if (!walked_.empty()) {
    for (const int passed : walked_) irreducible_up_[passed] = walked_.back();
    irreducible_up_[walked_.back()] = kNoShortcut;
  }
  // The loop around the outermost of them, at or above the common
  // ancestor, takes v in.
  AddEntry(FindSet(w), v);
}

int LoopFinder::FindLoops(const Cfg& cfg, LoopStructureGraph* lsg) {
  lsg->Clear(cfg.NumNodes());
  if (cfg.start() == Cfg::kNoBlock) return lsg->NumLoops();
  Reset(cfg.NumNodes());

  // Step a: number the blocks reachable from the start in DFS preorder,
  // 0..reached-1; the others keep kUnvisited and take no further part.
  // O(N + E).
  reached_ = Dfs(cfg, cfg.start());
  std::fill_n(type_.begin(), reached_, BlockType::kNonHeader);

  // Step b, splitting each block's predecessors into back-edge and other
  // predecessors, is no pass of its own: both kinds are read straight from
  // the CFG where step c needs them. An edge v -> w is a back edge iff w is
  // an ancestor of v (following Tarjan).

  // Step c: visit the blocks in reverse preorder, so inner loop headers are
  // handled before the headers of loops around them. For a header w, chase
  // backwards from the sources of its back edges, collecting the loop body
  // P. Each block's predecessors are read when it is a header and when it
  // joins a loop body, each entry once: almost linear in all, O(E
  // alpha(E, N)).
  for (int w = reached_ - 1; w >= 0; --w) {
    // Entries put aside until the walk got here.
    for (int d = deferred_head_[w]; d != -1; d = deferred_[d].next) {
      const Deferred entry = deferred_[d];  // Postpone may reallocate
      if (entry.resolve) {
        Postpone(AncestorAtMost(entry.header, w), entry.header, entry.entry,
                 /*resolve=*/false);
      } else {
        Deliver(entry.header, entry.entry, w, lsg);
      }
    }

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
    // it is put aside for the loop that will take it in (Defer).
    const auto visit = [&](int y) {
      const int ydash = FindSet(y);
      if (!IsAncestor(w, ydash)) {
        type_[w] = BlockType::kIrreducible;
        Defer(w, ydash);
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
  for (const int node : nodes_with_deferred_) deferred_head_[node] = -1;
  nodes_with_deferred_.clear();
  deferred_.clear();
  return lsg->NumLoops();
}

}  // namespace havlak13
