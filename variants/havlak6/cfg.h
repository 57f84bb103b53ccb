#ifndef HAVLAK_VARIANTS_HAVLAK6_CFG_H_
#define HAVLAK_VARIANTS_HAVLAK6_CFG_H_

// The control-flow graph, indexed by block number: a vector of blocks, each
// holding its predecessors and successors as block numbers. Nothing needs a
// pointer followed to learn a block's number, and there is no map and no
// edge object. Blocks are numbered 0..N-1: creating block n creates those
// below it too.

#include <vector>

namespace havlak6 {

class Cfg {
 public:
  // The first block created is the start block.
  void CreateNode(int name) {
    if (name >= NumNodes()) blocks_.resize(name + 1);
    if (start_ == kNoBlock) start_ = name;
  }
  // Creates both ends if they are new.
  void AddEdge(int from, int to) {
    CreateNode(from);
    CreateNode(to);
    blocks_[from].out_edges.push_back(to);
    blocks_[to].in_edges.push_back(from);
  }

  int NumNodes() const { return static_cast<int>(blocks_.size()); }
  // kNoBlock for an empty graph.
  int start() const { return start_; }
  const std::vector<int>& in_edges(int block) const {
    return blocks_[block].in_edges;
  }
  const std::vector<int>& out_edges(int block) const {
    return blocks_[block].out_edges;
  }

  static constexpr int kNoBlock = -1;

 private:
  struct Block {
    std::vector<int> in_edges;
    std::vector<int> out_edges;
  };
  std::vector<Block> blocks_;
  int start_ = kNoBlock;
};

}  // namespace havlak6

#endif  // HAVLAK_VARIANTS_HAVLAK6_CFG_H_
