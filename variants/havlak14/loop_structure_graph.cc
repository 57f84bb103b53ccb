#include "havlak14/loop_structure_graph.h"

#include <algorithm>

namespace havlak14 {

void LoopStructureGraph::Clear(int num_blocks) {
  for (std::vector<int>* values :
       {&header_, &parent_, &depth_, &nesting_level_}) {
    values->clear();
  }
  reducible_.clear();
  // The root, with the fields of a loop, so that loops can point to it.
  header_.push_back(kNoLoop);
  parent_.push_back(kNoLoop);
  depth_.push_back(0);
  nesting_level_.push_back(0);
  reducible_.push_back(true);
  block_loop_.assign(num_blocks, kNoLoop);
}

int LoopStructureGraph::CreateNewLoop(int header, bool reducible) {
  const int loop = NumLoops();
  header_.push_back(header);
  parent_.push_back(kNoLoop);
  depth_.push_back(0);
  nesting_level_.push_back(0);
  reducible_.push_back(reducible);
  block_loop_[header] = loop;
  return loop;
}

void LoopStructureGraph::CalculateNestingLevel() {
  for (int loop = 1; loop < NumLoops(); ++loop) {
    if (parent_[loop] == kNoLoop) parent_[loop] = kRoot;
  }
  // Children come before their parent, so each nesting level is final
  // before it is passed up.
  for (int loop = 1; loop < NumLoops(); ++loop) {
    int& parent_level = nesting_level_[parent_[loop]];
    parent_level = std::max(parent_level, nesting_level_[loop] + 1);
  }
  // Parents come after their children: set depths from the end.
  depth_[kRoot] = 0;
  for (int loop = NumLoops() - 1; loop >= 1; --loop) {
    depth_[loop] = depth_[parent_[loop]] + 1;
  }
}

havlak::LoopForest LoopStructureGraph::ToLoopForest() const {
  std::vector<havlak::ForestLoop> loops(NumLoops());
  for (int block = 0; block < static_cast<int>(block_loop_.size()); ++block) {
    if (block_loop_[block] != kNoLoop) {
      loops[block_loop_[block]].blocks.push_back(block);
    }
  }
  havlak::LoopForestBuilder forest;
  for (int loop = 1; loop < NumLoops(); ++loop) {
    havlak::ForestLoop& exported = loops[loop];
    exported.header = header_[loop];
    exported.reducible = reducible_[loop] != 0;
    exported.parent = parent_[loop] == kRoot || parent_[loop] == kNoLoop
                          ? havlak::kNoParent
                          : header_[parent_[loop]];
    exported.depth = depth_[loop];
    exported.nesting_level = nesting_level_[loop];
    forest.Add(std::move(exported));
  }
  return std::move(forest).Build();
}

}  // namespace havlak14
