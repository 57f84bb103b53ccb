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
  int* const parent = union_find_.data();
  int root = v;
  while (parent[root] != root) root = parent[root];
  while (parent[v] != root) {
    const int next = parent[v];
    parent[v] = root;
    v = next;
  }
  return root;
}

void LoopFinder::AddEntry(int x, int v) {
  // No duplicate check: each entry comes from one edge and is read once.
  if (entries_head_[x] == -1) blocks_with_entries_.push_back(x);
  entries_next_.push_back(entries_head_[x]);
  entries_node_.push_back(v);
  entries_head_[x] = static_cast<int>(entries_node_.size()) - 1;
}

template <typename Inside>
int LoopFinder::MarkIrreducible(int loop, Inside inside,
                                LoopStructureGraph* lsg) {
  if (irreducible_up_.size() < static_cast<size_t>(lsg->NumLoops())) {
    irreducible_up_.resize(lsg->NumLoops(), kNoShortcut);
  }
  const auto up = [&](int from) {
    return irreducible_up_[from] != kNoShortcut ? irreducible_up_[from]
                                                : lsg->Parent(from);
  };
  walked_.clear();
  while (loop > LoopStructureGraph::kRoot && inside(loop)) {
    lsg->MarkIrreducible(loop);
    walked_.push_back(loop);
    loop = up(loop);
  }
  // Shortcuts to the outermost loop marked: from it the walk goes on by its
  // parent, which a later header may yet set. Each loop is marked once,
  // however many entries pass it.
  if (!walked_.empty()) {
    for (const int passed : walked_) irreducible_up_[passed] = walked_.back();
    irreducible_up_[walked_.back()] = kNoShortcut;
  }
  return loop;
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
  MarkIrreducible(loop, [](int) { return true; }, lsg);
  AddEntry(outermost, source);
}

void LoopFinder::DeferEntry(int w, int entry) {
  // An entry numbered already yet outside w's subtree can only be on the
  // search's path (an edge never runs from a finished block to one reached
  // after it). It is delivered when that block is finished.
  assert(last_[entry] == kOpen && "an entry from the search's path");
  Frame* frame = std::lower_bound(
      stack_.data(), stack_.data() + stack_.size(), number_[entry],
      [this](const Frame& f, int number) { return number_[f.block] < number; });
  deferred_.push_back({frame->deferred, w});
  frame->deferred = static_cast<int>(deferred_.size()) - 1;
}

void LoopFinder::CollectLoop(const Cfg& cfg, int w, int pool_size,
                             LoopStructureGraph* lsg) {
  int* const pool = pool_.get();
  const int* const number = number_.data();
  const int* const last = last_.data();
  const auto add_to_pool = [&](int v) {
    union_find_[v] = w;
    pool[pool_size++] = v;
  };
  const int first = number[w];  // w's subtree range
  const int w_last = last[w];

  // Step e, Havlak's change to Tarjan: a predecessor outside w's DFS
  // subtree is a second entry into the loop, which makes it irreducible;
  // it is deferred (DeferEntry) and delivered once, to the loop that takes
  // it in (Ramalingam's fix), not once per loop in between.
  bool irreducible = false;
  const bool any_entries = !entries_node_.empty();
  const auto visit = [&](int y) {
    const int ydash = FindSet(y);
    const int y_number = number[ydash];
    if (y_number >= first && y_number <= w_last) {
      if (ydash != w) add_to_pool(ydash);
    } else {
      irreducible = true;
      DeferEntry(w, ydash);
    }
  };
  for (int next = 0; next < pool_size; ++next) {
    const int x = pool[next];
    const int x_first = number[x];
    const int x_last = last[x];
    for (const int u : cfg.in_edges(x)) {
      // Unnumbered: reached later, if at all (see CrossEdge). In x's own
      // subtree: a back edge of x's, already followed.
      const int u_number = number[u];
      if (u_number != kUnvisited && (u_number < x_first || u_number > x_last)) {
        visit(u);
      }
    }
    if (!any_entries) continue;  // the usual case: no loop is irreducible
    for (int entry = entries_head_[x]; entry != -1;
         entry = entries_next_[entry]) {
      visit(entries_node_[entry]);
    }
  }

  // Collapse the loop body into w and record the loop. Nested loops join
  // as children, other blocks as the loop's own blocks.
  const int loop = lsg->CreateNewLoop(w, !irreducible);
  for (int i = 0; i < pool_size; ++i) {
    const int block = pool[i];
    if (const int inner = lsg->LoopOf(block);
        inner != LoopStructureGraph::kNoLoop) {
      lsg->SetParent(inner, loop);  // only headers are in a loop yet
    } else {
      lsg->AddNode(loop, block);
    }
  }
}

int LoopFinder::FindLoops(const Cfg& cfg, LoopStructureGraph* lsg) {
  lsg->Clear(cfg.NumNodes());
  if (cfg.start() == Cfg::kNoBlock) return lsg->NumLoops();
  Reset(cfg.NumNodes());
  int* const number = number_.data();
  int* const last = last_.data();
  int* const union_find = union_find_.data();
  int* const pool = pool_.get();

  // One depth-first search, iterative, successors in order: a block is
  // numbered in preorder when reached and handled as a potential loop
  // header (Havlak's steps d and e) when finished, in postorder.
  // O(E alpha(E, N)).
  int next_number = 0;
  Frame current;
  const auto enter = [&](int block) {
    number[block] = next_number++;
    last[block] = kOpen;
    union_find[block] = block;
    const std::span<const int> successors = cfg.out_edges(block);
    current = {block, successors.data(),
               successors.data() + successors.size(), -1};
  };
  enter(cfg.start());
  while (true) {
    // Successors in order, as the recursive search takes them. A target
    // numbered before this block and finished is off the path: a cross
    // edge.
    const int current_number = number[current.block];
    while (current.next_successor != current.end) {
      const int target = *current.next_successor;
      const int target_number = number[target];
      if (target_number == kUnvisited) break;
      if (target_number < current_number && last[target] != kOpen) {
        CrossEdge(current.block, target, lsg);
      }
      ++current.next_successor;
    }
    if (current.next_successor != current.end) {
      const int target = *current.next_successor++;
      stack_.push_back(current);
      enter(target);
      continue;
    }

    // Finished: w's whole subtree is numbered and done.
    const int w = current.block;
    const int w_last = next_number - 1;
    last[w] = w_last;
    // Entries from w into loops below it, deferred to now: the loops
    // around theirs up to w are entered from outside (irreducible), and the
    // loop around the outermost of them, w's or above, takes w in.
    for (int d = current.deferred; d != -1; d = deferred_[d].next) {
      const int header = deferred_[d].header;
      MarkIrreducible(
          lsg->Parent(lsg->LoopOf(header)),
          [&](int loop) {
            return number[lsg->Header(loop)] > current_number;
          },
          lsg);
      AddEntry(FindSet(header), w);
    }
    // Step d: P starts as the loops (or blocks) the back edges come from,
    // all in w's subtree. Most blocks have none and are done here.
    int pool_size = 0;
    bool self_loop = false;
    for (const int v : cfg.in_edges(w)) {
      const int v_number = number[v];  // kUnvisited is outside any range
      if (v_number < current_number || v_number > w_last) continue;
      if (v == w) {
        self_loop = true;
      } else if (const int loop = FindSet(v); loop != w) {
        union_find[loop] = w;  // in w's set as it joins P
        pool[pool_size++] = loop;
      }
    }
    if (pool_size > 0) {
      CollectLoop(cfg, w, pool_size, lsg);
    } else if (self_loop) {
      lsg->CreateNewLoop(w, /*reducible=*/true);
    }

    if (stack_.empty()) break;
    current = stack_.back();
    stack_.pop_back();
  }

  for (const int x : blocks_with_entries_) entries_head_[x] = -1;
  blocks_with_entries_.clear();
  entries_next_.clear();
  entries_node_.clear();
  deferred_.clear();
  return lsg->NumLoops();
}

}  // namespace havlak16
