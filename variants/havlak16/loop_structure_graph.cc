#include "havlak16/loop_structure_graph.h"

#include <algorithm>

namespace havlak16 {

void LoopStructureGraph::Clear(int num_blocks) {
  loops_.clear();
  // The root, with the fields of a loop, so that loops can point to it.
  loops_.push_back({kNoLoop, kNoLoop, true});
  depth_.clear();
  nesting_level_.clear();
  block_loop_.assign(num_blocks, kNoLoop);
}

int LoopStructureGraph::CreateNewLoop(int header, bool reducible) {
  const int loop = NumLoops();
  loops_.push_back({header, kNoLoop, reducible});
  block_loop_[header] = loop;
  return loop;
}

void LoopStructureGraph::CalculateNestingLevel() {
  for (int loop = 1; loop < NumLoops(); ++loop) {
    if (loops_[loop].parent == kNoLoop) loops_[loop].parent = kRoot;
  }
  // Children come before their parent, so each nesting level is final
  // before it is passed up.
  nesting_level_.assign(NumLoops(), 0);
  for (int loop = 1; loop < NumLoops(); ++loop) {
    int& parent_level = nesting_level_[loops_[loop].parent];
    parent_level = std::max(parent_level, nesting_level_[loop] + 1);
  }
  // Parents come after their children: set depths from the end.
  depth_.assign(NumLoops(), 0);
  for (int loop = NumLoops() - 1; loop >= 1; --loop) {
    depth_[loop] = depth_[loops_[loop].parent] + 1;
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
    const Loop& record = loops_[loop];
    exported.header = record.header;
    exported.reducible = record.reducible;
    exported.parent = record.parent == kRoot || record.parent == kNoLoop
                          ? havlak::kNoParent
                          : loops_[record.parent].header;
    exported.depth = depth_[loop];
    exported.nesting_level = nesting_level_[loop];
    forest.Add(std::move(exported));
  }
  return std::move(forest).Build();
}

}  // namespace havlak16
