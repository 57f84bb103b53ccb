#ifndef HAVLAK_VARIANTS_HAVLAK7_LOOP_STRUCTURE_GRAPH_H_
#define HAVLAK_VARIANTS_HAVLAK7_LOOP_STRUCTURE_GRAPH_H_

// The loop structure graph: every loop a heap object holding a vector of its
// blocks and a vector of its child loops, under an artificial root loop.
// Clear() keeps the loops and their vectors for the next finding to reuse.
//
//   loop        nesting level   depth
//   root        2               0
//     loop-1    1               1
//       loop-2  0               2
//     loop-3    0               1

#include <memory>
#include <vector>

#include "havlak/loop_forest.h"

namespace havlak7 {

class SimpleLoop {
 public:
  explicit SimpleLoop(int counter) : counter_(counter) {}

  // Makes this a new, empty loop; its vectors keep their storage.
  void Reset(int counter) {
    basic_blocks_.clear();
    children_.clear();
    parent_ = nullptr;
    header_ = 0;
    is_reducible_ = true;
    counter_ = counter;
    nesting_level_ = 0;
    depth_level_ = 0;
  }

  // The finder adds each block once, so the vectors need no duplicate check.
  void AddNode(int block) { basic_blocks_.push_back(block); }
  void SetHeader(int block) {
    AddNode(block);
    header_ = block;
  }
  void set_parent(SimpleLoop* parent) {
    parent_ = parent;
    parent->children_.push_back(this);
  }
  void set_reducible(bool reducible) { is_reducible_ = reducible; }
  void set_nesting_level(int level) { nesting_level_ = level; }
  void set_depth_level(int level) { depth_level_ = level; }

  const std::vector<int>& basic_blocks() const { return basic_blocks_; }
  const std::vector<SimpleLoop*>& children() const { return children_; }
  SimpleLoop* parent() const { return parent_; }
  int header() const { return header_; }
  bool is_reducible() const { return is_reducible_; }
  int counter() const { return counter_; }
  int nesting_level() const { return nesting_level_; }
  int depth_level() const { return depth_level_; }

 private:
  std::vector<int> basic_blocks_;  // block numbers
  std::vector<SimpleLoop*> children_;
  SimpleLoop* parent_ = nullptr;
  int header_ = 0;
  bool is_reducible_ = true;
  int counter_;
  int nesting_level_ = 0;
  int depth_level_ = 0;
};

class LoopStructureGraph {
 public:
  LoopStructureGraph();

  // A new loop, owned by the graph and counted in NumLoops: a cleared one
  // when there is one.
  SimpleLoop* CreateNewLoop();

  // Forgets every loop but the root, keeping their storage.
  void Clear();

  // Links outermost loops to the root, then sets every loop's depth and
  // nesting level.
  void CalculateNestingLevel();

  // The loops found, plus the artificial root.
  int NumLoops() const { return num_loops_; }
  int RootNestingLevel() const { return root_->nesting_level(); }
  // Requires CalculateNestingLevel().
  havlak::LoopForest ToLoopForest() const;

 private:
  void CalculateNestingLevelRec(SimpleLoop* loop, int depth);

  // Loops [0, num_loops_) are live; the rest wait to be reused.
  std::vector<std::unique_ptr<SimpleLoop>> loops_;
  int num_loops_ = 0;
  SimpleLoop* root_;
};

}  // namespace havlak7

#endif  // HAVLAK_VARIANTS_HAVLAK7_LOOP_STRUCTURE_GRAPH_H_
