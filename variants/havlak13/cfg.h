#ifndef HAVLAK_VARIANTS_HAVLAK13_CFG_H_
#define HAVLAK_VARIANTS_HAVLAK13_CFG_H_

// The control-flow graph in flat arrays: every block's successors are one
// range of a single array, and so are its predecessors (compressed sparse
// rows), indexed by 32-bit block numbers. No per-block allocation: two
// offset arrays and two edge arrays hold the whole graph.
//
// AddEdge records an edge; Finish() lays the recorded edges out in the rows,
// keeping each block's edges in the order they were added (the depth-first
// search follows that order). Finding loops needs a finished graph.

#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

namespace havlak13 {

class Cfg {
 public:
  // The first block created is the start block.
  void CreateNode(int name) {
    if (name >= num_blocks_) num_blocks_ = name + 1;
    if (start_ == kNoBlock) start_ = name;
  }
  // Creates both ends if they are new.
  void AddEdge(int from, int to) {
    CreateNode(from);
    CreateNode(to);
    added_.push_back({from, to});
  }
  // Lays out the edges added since the last call. O(N + E).
  void Finish();

  int NumNodes() const { return num_blocks_; }
  // kNoBlock for an empty graph.
  int start() const { return start_; }
  std::span<const int> out_edges(int block) const {
    assert(added_.empty() && "Finish() the graph first");
    return successors_.Row(block);
  }
  std::span<const int> in_edges(int block) const {
    assert(added_.empty() && "Finish() the graph first");
    return predecessors_.Row(block);
  }

  static constexpr int kNoBlock = -1;

 private:
  struct Edge {
    int from;
    int to;
  };

  // One direction of the edges: block b's neighbours are
  // neighbours[begin[b] .. begin[b + 1]).
  struct Rows {
    std::vector<std::uint32_t> begin = {0};
    std::vector<int> neighbours;

    std::span<const int> Row(int block) const {
      return {neighbours.data() + begin[block],
              neighbours.data() + begin[block + 1]};
    }
    // Appends `added` (edges as (block, neighbour) pairs) after each
    // block's existing neighbours, in order.
    void Append(int num_blocks, const std::vector<Edge>& added, bool by_target);
  };

  int num_blocks_ = 0;
  int start_ = kNoBlock;
  Rows successors_;
  Rows predecessors_;
  std::vector<Edge> added_;  // since the last Finish()
};

}  // namespace havlak13

#endif  // HAVLAK_VARIANTS_HAVLAK13_CFG_H_
