#include "havlak5/cfg.h"

namespace havlak5 {

BasicBlock* Cfg::CreateNode(int name) {
  std::unique_ptr<BasicBlock>& block = blocks_[name];
  if (!block) {
    block = std::make_unique<BasicBlock>(name);
    if (start_ == nullptr) start_ = block.get();
  }
  return block.get();
}

void Cfg::AddEdge(int from, int to) {
  BasicBlock* source = CreateNode(from);
  BasicBlock* target = CreateNode(to);
  source->AddOutEdge(target);
  target->AddInEdge(source);
  edges_.push_back(std::make_unique<BasicBlockEdge>(source, target));
}

}  // namespace havlak5
