#ifndef HAVLAK_VARIANTS_HAVLAK2_CFG_H_
#define HAVLAK_VARIANTS_HAVLAK2_CFG_H_

// Hundt's control-flow graph: a std::map from block number to a heap-
// allocated block holding vectors of its in- and out-edges, and every edge
// a heap-allocated object kept in a std::list.

#include <list>
#include <map>
#include <memory>
#include <vector>

namespace havlak2 {

class BasicBlock {
 public:
  explicit BasicBlock(int name) : name_(name) {}

  int name() const { return name_; }
  const std::vector<BasicBlock*>& in_edges() const { return in_edges_; }
  const std::vector<BasicBlock*>& out_edges() const { return out_edges_; }

  void AddInEdge(BasicBlock* from) { in_edges_.push_back(from); }
  void AddOutEdge(BasicBlock* to) { out_edges_.push_back(to); }

 private:
  int name_;
  std::vector<BasicBlock*> in_edges_;
  std::vector<BasicBlock*> out_edges_;
};

class BasicBlockEdge {
 public:
  BasicBlockEdge(BasicBlock* from, BasicBlock* to) : from_(from), to_(to) {}

  BasicBlock* from() const { return from_; }
  BasicBlock* to() const { return to_; }

 private:
  BasicBlock* from_;
  BasicBlock* to_;
};

class Cfg {
 public:
  using BlockMap = std::map<int, std::unique_ptr<BasicBlock>>;

  // The block named `name`, created if new. The first block created is the
  // start block.
  BasicBlock* CreateNode(int name);
  // Creates both ends if they are new.
  void AddEdge(int from, int to);

  int NumNodes() const { return static_cast<int>(blocks_.size()); }
  const BasicBlock* start() const { return start_; }
  const BlockMap& blocks() const { return blocks_; }

 private:
  BlockMap blocks_;
  std::list<std::unique_ptr<BasicBlockEdge>> edges_;
  BasicBlock* start_ = nullptr;
};

}  // namespace havlak2

#endif  // HAVLAK_VARIANTS_HAVLAK2_CFG_H_
