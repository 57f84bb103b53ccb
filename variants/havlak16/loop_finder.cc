#include "havlak16/loop_finder.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace havlak16 {
namespace {

constexpr int kUnvisited = -1;
// last_ of a block on the search's path: every block numbered since it was
// reached is in its subtree.
constexpr int kOpen = std::numeric_limits<int>::max();
// irreducible_up_ of a loop without a shortcut (kNoLoop is a shortcut to
// the top).
constexpr int kNoShortcut = -2;

}  // namespace

void LoopFinder::Reset(int size) {
  // Arrays only grow: a smaller graph uses the front of them.
  if (static_cast<int>(number_.size()) < size) {
    number_.resize(size);
    last_.resize(size);
    union_find_.resize(size);
    type_.resize(size);
    entries_head_.resize(size, -1);
    stack_.reserve(size);  // a path holds each block at most once
  }
  if (pool_capacity_ < size) {
    // Default-initialized: pages are touched only as loop bodies need them.
    pool_.reset(new int[size]);  // a loop body holds each block at most once
    pool_capacity_ = size;
  }
  std::fill_n(number_.begin(), size, kUnvisited);
  irreducible_up_.clear();
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

void LoopFinder::AddEntry(int w, int v) {
  // No duplicate check: each entry comes from one deferred edge and is read
  // once, so duplicates cost no more than the edges that made them.
  if (entries_head_[w] == -1) headers_with_entries_.push_back(w);
  entries_next_.push_back(entries_head_[w]);
  entries_node_.push_back(v);
  entries_head_[w] = static_cast<int>(entries_node_.size()) - 1;
}

void LoopFinder::DeferEntry(int w, int v) {
  // An entry numbered already yet outside w's subtree can only be on the
  // search's path (an edge never runs from a finished block to one reached
  // after it), an ancestor of w: the nearest common ancestor itself.
  assert(last_[v] == kOpen && "an entry from the search's path");
  Frame* frame = std::lower_bound(
      stack_.data(), stack_.data() + stack_.size(), number_[v],
      [this](const Frame& f, int number) { return number_[f.block] < number; });
  deferred_.push_back({frame->deferred, w});
  frame->deferred = static_cast<int>(deferred_.size()) - 1;
}

void LoopFinder::MarkIrreducible(int loop, int bound, LoopStructureGraph* lsg) {
  if (irreducible_up_.size() < static_cast<size_t>(lsg->NumLoops())) {
    irreducible_up_.resize(lsg->NumLoops(), kNoShortcut);
  }
  const auto up = [&](int from) {
    return irreducible_up_[from] != kNoShortcut ? irreducible_up_[from]
                                                : lsg->Parent(from);
  };
  walked_.clear();
  while (loop > LoopStructureGraph::kRoot &&
         number_[lsg->Header(loop)] > bound) {
    lsg->MarkIrreducible(loop);
    walked_.push_back(loop);
    loop = up(loop);
  }
  // Shortcuts to the outermost loop marked: from it the walk goes on by
  // its parent, which a later header may yet set. Each loop is marked
  // once, however many entries pass it.
  if (!walked_.empty()) {
    for (const int passed : walked_) irreducible_up_[passed] = walked_.back();
    irreducible_up_[walked_.back()] = kNoShortcut;
  }
}

void LoopFinder::Deliver(int w, int v, LoopStructureGraph* lsg) {
  // Every loop around w's whose header comes after v does not hold v in
  // its DFS subtree: v enters it from outside.
  MarkIrreducible(lsg->Parent(lsg->LoopOf(w)), number_[v], lsg);
  // The loop around the outermost of them, v's or above, takes v in.
  AddEntry(FindSet(w), v);
}

void LoopFinder::CrossEdge(int source, int target, LoopStructureGraph* lsg) {
  const int outermost = FindSet(target);
  // Not in a finished loop: the edge is read with target's predecessors
  // when target joins a loop body, source numbered by then.
  if (outermost == target) return;
  // Every finished loop holding target (as more than its header) has its
  // header off the search's path, so source is outside its subtree. The
  // loop around the outermost is on the path: source is inside it.
  int loop = lsg->LoopOf(target);
  if (lsg->Header(loop) == target) loop = lsg->Parent(loop);
  MarkIrreducible(loop, kUnvisited, lsg);
  AddEntry(outermost, source);
}

int LoopFinder::FindLoops(const Cfg& cfg, LoopStructureGraph* lsg) {
  lsg->Clear(cfg.NumNodes());
  if (cfg.start() == Cfg::kNoBlock) return lsg->NumLoops();
  Reset(cfg.NumNodes());

  std::fill_n(type_.begin(), cfg.NumNodes(), BlockType::kNonHeader);

  // One depth-first search, iterative, successors in order: Havlak's step
  // a numbers a block in preorder when the search reaches it, and step c
  // takes it as a candidate header when the search finishes it, in
  // postorder, so inner loop headers are handled before the headers of
  // loops around them. Step b, splitting each block's predecessors into
  // back-edge and other predecessors, is no pass of its own: both kinds
  // are read straight from the CFG where they are needed. An edge v -> w is
  // a back edge iff w is an ancestor of v (following Tarjan). Each block's
  // predecessors are read when it is finished and when it joins a loop
  // body, each entry once: almost linear in all, O(E alpha(E, N)).
  //
  // The block being searched lives in locals, as it would in a recursive
  // call's registers; the stack holds only the blocks above it, each with
  // the rest of its successors.
  int next_number = 0;
  int node = 0;
  const int* next = nullptr;
  const int* end = nullptr;
  int deferred = -1;
  const auto enter = [&](int block) {
    node = block;
    number_[block] = next_number++;
    last_[block] = kOpen;
    union_find_[block] = block;
    const std::span<const int> successors = cfg.out_edges(block);
    next = successors.data();
    end = next + successors.size();
    deferred = -1;
  };
  enter(cfg.start());
  while (true) {
    // Successors in order, as the recursive search takes them. A target
    // numbered before this block and finished is off the path: a cross
    // edge.
    while (next != end && number_[*next] != kUnvisited) {
      if (number_[*next] < number_[node] && last_[*next] != kOpen) {
        CrossEdge(node, *next, lsg);
      }
      ++next;
    }
    if (next != end) {
      const int target = *next++;
      stack_.push_back({node, next, end, deferred});
      enter(target);
      continue;
    }

    // Finished: w's whole subtree is numbered and done.
    const int w = node;
    last_[w] = next_number - 1;
    // Entries from w into loops below it, put aside until now.
    for (int d = deferred; d != -1; d = deferred_[d].next) {
      Deliver(deferred_[d].header, w, lsg);
    }

    int* const pool = pool_.get();
    int pool_size = 0;
    const auto add_to_pool = [&](int v) {
      union_find_[v] = w;
      pool[pool_size++] = v;
    };

    // Step d: P starts as the loops (or blocks) the back edges come from.
    for (const int v : cfg.in_edges(w)) {
      if (number_[v] == kUnvisited || !IsAncestor(w, v)) continue;
      if (v == w) {
        type_[w] = BlockType::kSelf;
      } else if (const int loop = FindSet(v); loop != w) {
        add_to_pool(loop);
      }
    }
    if (pool_size > 0) type_[w] = BlockType::kReducible;

    // Step e, Havlak's change to Tarjan: a predecessor outside w's DFS
    // subtree is a second entry into the loop, which makes it irreducible;
    // it is put aside for the loop that will take it in (DeferEntry).
    const auto visit = [&](int y) {
      const int ydash = FindSet(y);
      if (!IsAncestor(w, ydash)) {
        type_[w] = BlockType::kIrreducible;
        DeferEntry(w, ydash);
      } else if (ydash != w) {
        add_to_pool(ydash);
      }
    };
    for (int next = 0; next < pool_size; ++next) {
      const int x = pool[next];
      // Unnumbered: reached later, if at all (see CrossEdge).
      for (const int y : cfg.in_edges(x)) {
        if (number_[y] != kUnvisited && !IsAncestor(x, y)) visit(y);
      }
      for (int entry = entries_head_[x]; entry != -1;
           entry = entries_next_[entry]) {
        visit(entries_node_[entry]);
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children, other blocks as the loop's own blocks. The loop graph's
    // map from block to innermost loop is Havlak's header array.
    if (pool_size > 0 || type_[w] == BlockType::kSelf) {
      const int loop =
          lsg->CreateNewLoop(w, type_[w] != BlockType::kIrreducible);
      for (int j = 0; j < pool_size; ++j) {
        const int block = pool[j];
        if (const int inner = lsg->LoopOf(block);
            inner != LoopStructureGraph::kNoLoop) {
          lsg->SetParent(inner, loop);  // only headers are in a loop yet
        } else {
          lsg->AddNode(loop, block);
        }
      }
    }

    if (stack_.empty()) break;
    const Frame& parent = stack_.back();
    node = parent.block;
    next = parent.next_successor;
    end = parent.end;
    deferred = parent.deferred;
    stack_.pop_back();
  }

  for (const int w : headers_with_entries_) entries_head_[w] = -1;
  headers_with_entries_.clear();
  entries_next_.clear();
  entries_node_.clear();
  deferred_.clear();
  return lsg->NumLoops();
}

}  // namespace havlak16
