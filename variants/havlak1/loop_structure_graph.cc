#include "havlak1/loop_structure_graph.h"

#include <algorithm>

namespace havlak1 {

LoopStructureGraph::LoopStructureGraph() : root_(CreateNewLoop()) {}

SimpleLoop* LoopStructureGraph::CreateNewLoop() {
  loops_.push_back(std::make_unique<SimpleLoop>(loop_counter_++));
  return loops_.back().get();
}

void LoopStructureGraph::CalculateNestingLevel() {
  for (const std::unique_ptr<SimpleLoop>& loop : loops_) {
    if (loop.get() != root_ && loop->parent() == nullptr) {
      loop->set_parent(root_);
    }
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
  for (const std::unique_ptr<SimpleLoop>& loop : loops_) {
    if (loop.get() == root_) continue;
    havlak::ForestLoop exported;
    exported.header = loop->header()->name();
    for (const BasicBlock* block : loop->basic_blocks()) {
      exported.blocks.push_back(block->name());
    }
    exported.reducible = loop->is_reducible();
    const SimpleLoop* parent = loop->parent();
    exported.parent = parent == nullptr || parent == root_
                          ? havlak::kNoParent
                          : parent->header()->name();
    exported.depth = loop->depth_level();
    exported.nesting_level = loop->nesting_level();
    forest.Add(std::move(exported));
  }
  return std::move(forest).Build();
}

}  // namespace havlak1
