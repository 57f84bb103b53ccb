#include "reference_loop_finder.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <map>
#include <set>
#include <utility>
#include <vector>

// N blocks, E edges, L loops and d the deepest loop nesting, in the
// complexity notes below.

namespace havlak::reference {
namespace {

constexpr int kUnreached = -1;
constexpr int kNone = -1;

// ---------------------------------------------------------------------------
// The depth-first search both forests start from.

// Every block's successors in the order of graph.edges, repeats included:
// the order the depth-first search must follow. O(N + E).
std::vector<std::vector<BlockId>> Successors(const EdgeList& graph) {
  std::vector<std::vector<BlockId>> successors(graph.num_blocks);
  for (const Edge& edge : graph.edges) {
    assert(edge.from >= 0 && edge.from < graph.num_blocks);
    assert(edge.to >= 0 && edge.to < graph.num_blocks);
    successors[edge.from].push_back(edge.to);
  }
  return successors;
}

// The depth-first spanning tree from the start block, in preorder numbers.
struct DepthFirstTree {
  // By block: its preorder number, or kUnreached for a dead block.
  std::vector<int> preorder;
  // By preorder number: the block.
  std::vector<BlockId> block;
  // By preorder number: the largest preorder number in its subtree.
  std::vector<int> last;

  int size() const { return static_cast<int>(block.size()); }
  bool Reached(BlockId b) const { return preorder[b] != kUnreached; }
  // Whether preorder number `ancestor` is an ancestor of `v` in the tree;
  // every node is its own ancestor. O(1).
  bool IsAncestor(int ancestor, int v) const {
    return ancestor <= v && v <= last[ancestor];
  }
};

// Step a: numbers blocks exactly as the recursive search would (a block,
// then each successor's subtree in edge order). The explicit stack only
// keeps long chains off the call stack. O(N + E).
DepthFirstTree NumberDepthFirst(const EdgeList& graph) {
  DepthFirstTree tree;
  tree.preorder.assign(graph.num_blocks, kUnreached);
  if (graph.num_blocks == 0) return tree;
  const std::vector<std::vector<BlockId>> successors = Successors(graph);

  // A recursive call in progress: its block and the next edge to follow.
  struct Frame {
    BlockId block;
    std::size_t next_successor;
  };
  std::vector<Frame> stack;
  auto visit = [&](BlockId b) {
    tree.preorder[b] = tree.size();
    tree.block.push_back(b);
    tree.last.push_back(kUnreached);  // Known once b's subtree is done.
    stack.push_back({b, 0});
  };

  visit(graph.start);
  while (!stack.empty()) {
    const BlockId current = stack.back().block;
    const std::size_t index = stack.back().next_successor;
    if (index < successors[current].size()) {
      ++stack.back().next_successor;
      const BlockId next = successors[current][index];
      if (!tree.Reached(next)) visit(next);
    } else {
      tree.last[tree.preorder[current]] = tree.size() - 1;
      stack.pop_back();
    }
  }
  return tree;
}

// ---------------------------------------------------------------------------
// Havlak's algorithm, steps b to e, in preorder numbers throughout.

// In-edges among reached blocks, split as in step b.
struct ClassifiedPredecessors {
  // By preorder number: sources of back edges, self loops included.
  std::vector<std::vector<int>> back;
  // By preorder number: every other predecessor. A set because repeated
  // edges change nothing; step e adds to it for irreducible headers.
  std::vector<std::set<int>> non_back;
};

// Step b: an edge v->w is a back edge iff w is an ancestor of v.
// O(E log N).
ClassifiedPredecessors ClassifyPredecessors(const EdgeList& graph,
                                            const DepthFirstTree& tree) {
  ClassifiedPredecessors preds;
  preds.back.resize(tree.size());
  preds.non_back.resize(tree.size());
  for (const Edge& edge : graph.edges) {
    // Edges from dead blocks do not exist for the algorithm; an edge from a
    // reached block always leads to a reached block.
    if (!tree.Reached(edge.from)) continue;
    const int v = tree.preorder[edge.from];
    const int w = tree.preorder[edge.to];
    if (tree.IsAncestor(w, v)) {
      preds.back[w].push_back(v);
    } else {
      preds.non_back[w].insert(v);
    }
  }
  return preds;
}

// A loop as step c finds it.
struct HavlakLoop {
  int header = kNone;
  // Non-header blocks whose innermost loop this is.
  std::vector<int> members;
  bool reducible = true;
  // Index of the enclosing loop in the order found, or kNone.
  int parent = kNone;
};

// Steps c to e: visits candidate headers innermost first (reverse preorder)
// and collapses each loop found into its header, so that an enclosing loop
// sees a nested loop as the single block of its header.
class HeaderSearch {
 public:
  HeaderSearch(const DepthFirstTree& tree, ClassifiedPredecessors preds)
      : tree_(tree),
        preds_(std::move(preds)),
        collapsed_into_(tree.size(), kNone),
        loop_headed_by_(tree.size(), kNone) {}

  // Step c. Each block joins one body, and step e adds at most N entries
  // to a header's non_back set: O((E + N^2) * d * log N) in all.
  std::vector<HavlakLoop> FindLoops() && {
    for (int w = tree_.size() - 1; w >= 0; --w) ProcessHeader(w);
    return std::move(loops_);
  }

 private:
  // The outermost loop header x has been collapsed into so far, or x. The
  // chain of collapses is at most d long: O(d).
  int Representative(int x) const {
    while (collapsed_into_[x] != kNone) x = collapsed_into_[x];
    return x;
  }

  void ProcessHeader(int w) {
    bool self_loop = false;
    std::set<int> body = BackEdgeSources(w, &self_loop);
    const bool irreducible = GrowBody(w, body);
    if (!body.empty() || self_loop) RecordLoop(w, body, !irreducible);
  }

  // Step d: the representatives of w's back-edge sources, self loops
  // aside (the header is no body block of its own loop).
  std::set<int> BackEdgeSources(int w, bool* self_loop) const {
    std::set<int> sources;
    for (int v : preds_.back[w]) {
      if (v == w) {
        *self_loop = true;
      } else {
        sources.insert(Representative(v));
      }
    }
    return sources;
  }

  // Step e: adds to `body` every representative that reaches it along
  // non-back edges inside w's subtree. A predecessor outside the subtree
  // means a second entry: the loop is irreducible, and that entry becomes
  // w's own predecessor, so the loop enclosing w will see it. Returns
  // whether that happened. The order of the work list does not matter:
  // representatives do not change until RecordLoop.
  bool GrowBody(int w, std::set<int>& body) {
    bool irreducible = false;
    std::vector<int> work_list(body.begin(), body.end());
    while (!work_list.empty()) {
      const int x = work_list.back();
      work_list.pop_back();
      assert(x != w && "only w's own set grows below");
      for (int y : preds_.non_back[x]) {
        const int y_rep = Representative(y);
        if (!tree_.IsAncestor(w, y_rep)) {
          irreducible = true;
          preds_.non_back[w].insert(y_rep);
        } else if (y_rep != w && body.insert(y_rep).second) {
          work_list.push_back(y_rep);
        }
      }
    }
    return irreducible;
  }

  // Collapses the body into w. A body block that heads a loop found earlier
  // brings that whole loop in as a child. O(|body|).
  void RecordLoop(int w, const std::set<int>& body, bool reducible) {
    const int index = static_cast<int>(loops_.size());
    HavlakLoop loop;
    loop.header = w;
    loop.reducible = reducible;
    for (int x : body) {
      collapsed_into_[x] = w;
      if (loop_headed_by_[x] != kNone) {
        loops_[loop_headed_by_[x]].parent = index;
      } else {
        loop.members.push_back(x);
      }
    }
    loop_headed_by_[w] = index;
    loops_.push_back(std::move(loop));
  }

  const DepthFirstTree& tree_;
  ClassifiedPredecessors preds_;
  // By preorder number: the header x was collapsed into, or kNone.
  std::vector<int> collapsed_into_;
  // By preorder number: the index of the loop x heads, or kNone.
  std::vector<int> loop_headed_by_;
  std::vector<HavlakLoop> loops_;
};

// Translates the loops back to block ids, with depths from the parent
// chains and nesting levels from the children. O(N + L * d).
LoopForest HavlakLoopsToForest(const DepthFirstTree& tree,
                               const std::vector<HavlakLoop>& loops) {
  const int num_loops = static_cast<int>(loops.size());
  // A loop is found after all its children, so one pass in that order sees
  // each child's final nesting level before its parent needs it.
  std::vector<int> nesting_level(num_loops, 0);
  for (int i = 0; i < num_loops; ++i) {
    const int parent = loops[i].parent;
    assert(parent == kNone || parent > i);
    if (parent != kNone) {
      nesting_level[parent] =
          std::max(nesting_level[parent], nesting_level[i] + 1);
    }
  }

  LoopForestBuilder builder;
  for (int i = 0; i < num_loops; ++i) {
    ForestLoop loop;
    loop.header = tree.block[loops[i].header];
    loop.blocks.push_back(loop.header);
    for (int x : loops[i].members) loop.blocks.push_back(tree.block[x]);
    loop.reducible = loops[i].reducible;
    loop.parent = loops[i].parent == kNone
                      ? kNoParent
                      : tree.block[loops[loops[i].parent].header];
    loop.depth = 1;
    for (int p = loops[i].parent; p != kNone; p = loops[p].parent) {
      ++loop.depth;
    }
    loop.nesting_level = nesting_level[i];
    builder.Add(std::move(loop));
  }
  return std::move(builder).Build();
}

// ---------------------------------------------------------------------------
// Natural loops, by block ids, sharing only the depth-first search above.

// Each reached block's predecessors among reached blocks: the backward
// search must not wander into dead code. O(N + E).
std::vector<std::vector<BlockId>> ReachedPredecessors(
    const EdgeList& graph, const DepthFirstTree& tree) {
  std::vector<std::vector<BlockId>> predecessors(graph.num_blocks);
  for (const Edge& edge : graph.edges) {
    if (tree.Reached(edge.from)) predecessors[edge.to].push_back(edge.from);
  }
  return predecessors;
}

// Back edges of the depth-first tree, grouped by target: header -> the
// sources (latches), self loops included. O(E log N).
std::map<BlockId, std::vector<BlockId>> LatchesByHeader(
    const EdgeList& graph, const DepthFirstTree& tree) {
  std::map<BlockId, std::vector<BlockId>> latches;
  for (const Edge& edge : graph.edges) {
    if (!tree.Reached(edge.from)) continue;
    if (tree.IsAncestor(tree.preorder[edge.to], tree.preorder[edge.from])) {
      latches[edge.to].push_back(edge.from);
    }
  }
  return latches;
}

// The blocks `dominator` dominates, straight from the definition: those no
// path from the start reaches once `dominator` is taken out. O(N + E).
std::vector<bool> DominatedBy(const EdgeList& graph,
                              const std::vector<std::vector<BlockId>>& succ,
                              BlockId dominator) {
  std::vector<bool> reached(graph.num_blocks, false);
  std::vector<BlockId> stack;
  if (graph.start != dominator) {
    reached[graph.start] = true;
    stack.push_back(graph.start);
  }
  while (!stack.empty()) {
    const BlockId b = stack.back();
    stack.pop_back();
    for (BlockId next : succ[b]) {
      if (next != dominator && !reached[next]) {
        reached[next] = true;
        stack.push_back(next);
      }
    }
  }
  std::vector<bool> dominated(graph.num_blocks);
  for (BlockId b = 0; b < graph.num_blocks; ++b) dominated[b] = !reached[b];
  return dominated;
}

// The natural loop of `header`: the header and every block that reaches a
// latch without passing through the header. O((N + E) log N).
std::set<BlockId> NaturalLoopBody(
    BlockId header, const std::vector<BlockId>& latches,
    const std::vector<std::vector<BlockId>>& predecessors) {
  std::set<BlockId> body = {header};
  std::vector<BlockId> stack;
  for (BlockId latch : latches) {
    if (body.insert(latch).second) stack.push_back(latch);
  }
  while (!stack.empty()) {
    const BlockId b = stack.back();
    stack.pop_back();
    for (BlockId pred : predecessors[b]) {
      if (body.insert(pred).second) stack.push_back(pred);
    }
  }
  return body;
}

struct NaturalLoop {
  BlockId header;
  std::set<BlockId> body;
};

// Nests the loops by body containment. The natural loops of a reducible
// graph are nested or disjoint, so going from the largest body down, each
// block ends up owned by the smallest body holding it (its innermost loop),
// and when a loop comes up, the current owner of its header is the smallest
// body around it: its parent. O(L log L + L * N).
LoopForest NaturalLoopsToForest(std::vector<NaturalLoop> loops,
                                BlockId num_blocks) {
  std::stable_sort(loops.begin(), loops.end(),
                   [](const NaturalLoop& a, const NaturalLoop& b) {
                     return a.body.size() > b.body.size();
                   });
  const int num_loops = static_cast<int>(loops.size());
  std::vector<int> owner(num_blocks, kNone);
  std::vector<int> parent(num_loops, kNone);
  std::vector<int> depth(num_loops, 1);
  for (int i = 0; i < num_loops; ++i) {
    parent[i] = owner[loops[i].header];
    if (parent[i] != kNone) {
      [[maybe_unused]] const std::set<BlockId>& outer = loops[parent[i]].body;
      assert(std::includes(outer.begin(), outer.end(), loops[i].body.begin(),
                           loops[i].body.end()) &&
             "natural loops of a reducible graph nest");
      depth[i] = depth[parent[i]] + 1;
    }
    for (BlockId b : loops[i].body) owner[b] = i;
  }

  // A child's body is strictly smaller than its parent's, so it comes later
  // in `loops`: going backwards settles each child before its parent.
  std::vector<int> nesting_level(num_loops, 0);
  for (int i = num_loops - 1; i >= 0; --i) {
    if (parent[i] != kNone) {
      nesting_level[parent[i]] =
          std::max(nesting_level[parent[i]], nesting_level[i] + 1);
    }
  }

  std::vector<ForestLoop> forest_loops(num_loops);
  for (BlockId b = 0; b < num_blocks; ++b) {
    if (owner[b] != kNone) forest_loops[owner[b]].blocks.push_back(b);
  }
  LoopForestBuilder builder;
  for (int i = 0; i < num_loops; ++i) {
    ForestLoop& loop = forest_loops[i];
    loop.header = loops[i].header;
    loop.reducible = true;
    loop.parent = parent[i] == kNone ? kNoParent : loops[parent[i]].header;
    loop.depth = depth[i];
    loop.nesting_level = nesting_level[i];
    builder.Add(std::move(loop));
  }
  return std::move(builder).Build();
}

}  // namespace

LoopForest FindLoopForest(const EdgeList& graph) {
  const DepthFirstTree tree = NumberDepthFirst(graph);
  std::vector<HavlakLoop> loops =
      HeaderSearch(tree, ClassifyPredecessors(graph, tree)).FindLoops();
  return HavlakLoopsToForest(tree, loops);
}

int CountReachableBlocks(const EdgeList& graph) {
  return NumberDepthFirst(graph).size();
}

std::optional<LoopForest> NaturalLoopForest(const EdgeList& graph) {
  const DepthFirstTree tree = NumberDepthFirst(graph);
  const std::vector<std::vector<BlockId>> successors = Successors(graph);
  const std::vector<std::vector<BlockId>> predecessors =
      ReachedPredecessors(graph, tree);

  // Reducible iff every back edge's target dominates its source: then each
  // back edge closes a natural loop. O(L * (N + E)) for the dominance tests,
  // O(L * (N + E) log N) for the bodies.
  std::vector<NaturalLoop> loops;
  for (const auto& [header, latches] : LatchesByHeader(graph, tree)) {
    const std::vector<bool> dominated = DominatedBy(graph, successors, header);
    for (BlockId latch : latches) {
      if (!dominated[latch]) return std::nullopt;
    }
    loops.push_back({header, NaturalLoopBody(header, latches, predecessors)});
  }
  return NaturalLoopsToForest(std::move(loops), graph.num_blocks);
}

}  // namespace havlak::reference
