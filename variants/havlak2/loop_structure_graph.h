#ifndef HAVLAK_VARIANTS_HAVLAK2_LOOP_STRUCTURE_GRAPH_H_
#define HAVLAK_VARIANTS_HAVLAK2_LOOP_STRUCTURE_GRAPH_H_

// Hundt's loop structure graph: every loop a heap object holding a std::set
// of its blocks and a std::set of its child loops, all loops in a std::list,
// under an artificial root loop.
//
//   loop        nesting level   depth
//   root        2               0
//     loop-1    1               1
//       loop-2  0               2
//     loop-3    0               1

#include <list>
#include <memory>
#include <set>

#include "havlak/loop_forest.h"
#include "havlak2/cfg.h"

namespace havlak2 {

class SimpleLoop {
 public:
  explicit SimpleLoop(int counter) : counter_(counter) {}

  void AddNode(const BasicBlock* block) { basic_blocks_.insert(block); }
  void SetHeader(const BasicBlock* block) {
    AddNode(block);
    header_ = block;
  }
  void set_parent(SimpleLoop* parent) {
    parent_ = parent;
    parent->children_.insert(this);
  }
  void set_reducible(bool reducible) { is_reducible_ = reducible; }
  void set_nesting_level(int level) { nesting_level_ = level; }
  void set_depth_level(int level) { depth_level_ = level; }

  const std::set<const BasicBlock*>& basic_blocks() const {
    return basic_blocks_;
  }
  const std::set<SimpleLoop*>& children() const { return children_; }
  SimpleLoop* parent() const { return parent_; }
  const BasicBlock* header() const { return header_; }
  bool is_reducible() const { return is_reducible_; }
  int counter() const { return counter_; }
  int nesting_level() const { return nesting_level_; }
  int depth_level() const { return depth_level_; }

 private:
  std::set<const BasicBlock*> basic_blocks_;
  std::set<SimpleLoop*> children_;
  SimpleLoop* parent_ = nullptr;
  const BasicBlock* header_ = nullptr;
  bool is_reducible_ = true;
  int counter_;
  int nesting_level_ = 0;
  int depth_level_ = 0;
};

class LoopStructureGraph {
 public:
  LoopStructureGraph();

  // A new loop, owned by the graph and counted in NumLoops.
  SimpleLoop* CreateNewLoop();

  // Links outermost loops to the root, then sets every loop's depth and
  // nesting level.
  void CalculateNestingLevel();

  // The loops found, plus the artificial root.
  int NumLoops() const { return static_cast<int>(loops_.size()); }
  int RootNestingLevel() const { return root_->nesting_level(); }
  // Requires CalculateNestingLevel().
  havlak::LoopForest ToLoopForest() const;

 private:
  void CalculateNestingLevelRec(SimpleLoop* loop, int depth);

  std::list<std::unique_ptr<SimpleLoop>> loops_;
  SimpleLoop* root_;
  int loop_counter_ = 0;
};

}  // namespace havlak2

#endif  // HAVLAK_VARIANTS_HAVLAK2_LOOP_STRUCTURE_GRAPH_H_
