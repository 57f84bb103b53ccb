#ifndef HAVLAK_EDGE_LIST_H_
#define HAVLAK_EDGE_LIST_H_

// A control-flow graph as plain data: the one input format every rung can
// build its own graph from (hand-made test graphs, random graphs, CFG files).
//
// Example:
//   havlak::EdgeList g;
//   g.AddEdge(0, 1);   // creates blocks 0 and 1; block 0 becomes the start
//   g.AddEdge(1, 1);
//   TopRung::Cfg cfg;  // any rung's CFG
//   havlak::ReplayInto(g, cfg);

#include <vector>

#include "havlak/types.h"

namespace havlak {

struct Edge {
  BlockId from;
  BlockId to;
  friend bool operator==(const Edge&, const Edge&) = default;
};

struct EdgeList {
  // Blocks are 0..num_blocks-1; blocks without edges exist too.
  BlockId num_blocks = 0;
  // The block loop finding starts from; meaningful only when num_blocks > 0.
  BlockId start = 0;
  // In insertion order: a block's successors are visited in this order, and
  // Havlak's algorithm depends on the depth-first order for irreducible loops.
  std::vector<Edge> edges;

  // The graph-builder interface of Hundt's CFG, so the workload generator can
  // record into an EdgeList: the first block ever created is the start.
  void CreateNode(BlockId block);
  void AddEdge(BlockId from, BlockId to);

  friend bool operator==(const EdgeList&, const EdgeList&) = default;
};

// A rung whose CFG is built in two steps (adding edges, then laying them out)
// has a Finish(); the harness calls it after adding a batch of edges and
// before finding loops. Other CFGs are ready as they are.
template <typename Cfg>
void FinishCfg(Cfg& cfg) {
  if constexpr (requires { cfg.Finish(); }) cfg.Finish();
}

// Builds a rung's CFG from `graph`: the start block first (it is the first
// block ever created, as in Hundt's CFG), then every other block, then the
// edges in order.
template <typename Cfg>
void ReplayInto(const EdgeList& graph, Cfg& cfg) {
  if (graph.num_blocks > 0) {
    cfg.CreateNode(graph.start);
    for (BlockId block = 0; block < graph.num_blocks; ++block) {
      cfg.CreateNode(block);
    }
    for (const Edge& edge : graph.edges) cfg.AddEdge(edge.from, edge.to);
  }
  FinishCfg(cfg);
}

}  // namespace havlak

#endif  // HAVLAK_EDGE_LIST_H_
