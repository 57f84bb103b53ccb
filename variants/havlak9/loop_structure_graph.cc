#include "havlak9/loop_structure_graph.h"

#include <algorithm>

namespace havlak9 {

LoopStructureGraph::LoopStructureGraph() : root_(CreateNewLoop()) {}

SimpleLoop* LoopStructureGraph::CreateNewLoop() {
  const int counter = num_loops_++;
  if (counter < static_cast<int>(loops_.size())) {
    loops_[counter]->Reset(counter);
  } else {
    loops_.push_back(std::make_unique<SimpleLoop>(counter));
  }
  return loops_[counter].get();
}

void LoopStructureGraph::Clear() {
  num_loops_ = 1;
  root_->Reset(0);
}

void LoopStructureGraph::CalculateNestingLevel() {
  for (int i = 1; i < num_loops_; ++i) {
    if (loops_[i]->parent() == nullptr) loops_[i]->set_parent(root_);
  }
  CalculateNestingLevelRec(root_, 0);
}

void LoopStructureGraph::CalculateNestingLevelRec(SimpleLoop* loop, int depth) {
  loop->set_depth_level(depth);
  for (SimpleLoop* child : loop->children()) {
    CalculateNestingLevelRec(child, depth + 1);
    loop->set_nesting_level(
        std::max(loop->nesting_level(), 1 + child->nesting_level()));
  }
}

havlak::LoopForest LoopStructureGraph::ToLoopForest() const {
  havlak::LoopForestBuilder forest;
  for (int i = 1; i < num_loops_; ++i) {
    const SimpleLoop* loop = loops_[i].get();
    havlak::ForestLoop exported;
    exported.header = loop->header();
    exported.blocks = loop->basic_blocks();
    exported.reducible = loop->is_reducible();
    const SimpleLoop* parent = loop->parent();
    exported.parent = parent == nullptr || parent == root_ ? havlak::kNoParent
                                                           : parent->header();
    exported.depth = loop->depth_level();
    exported.nesting_level = loop->nesting_level();
    forest.Add(std::move(exported));
  }
  return std::move(forest).Build();
}

}  // namespace havlak9
