#include "named_cfg.h"

#include <stdexcept>

namespace havlak::testing {

NamedCfg::NamedCfg(
    std::initializer_list<std::pair<std::string, std::string>> edges) {
  for (const auto& [from, to] : edges) {
    const BlockId source = Id(from);
    graph_.AddEdge(source, Id(to));
  }
}

NamedCfg& NamedCfg::AddBlock(const std::string& name) {
  graph_.CreateNode(Id(name));
  return *this;
}

BlockId NamedCfg::Id(const std::string& name) {
  const auto [it, inserted] =
      ids_.emplace(name, static_cast<BlockId>(ids_.size()));
  return it->second;
}

BlockId NamedCfg::operator[](const std::string& name) const {
  const auto it = ids_.find(name);
  if (it == ids_.end()) throw std::invalid_argument("no block " + name);
  return it->second;
}

LoopForest NamedCfg::Forest(std::initializer_list<NamedLoop> loops) const {
  LoopForestBuilder forest;
  for (const NamedLoop& loop : loops) {
    ForestLoop expected;
    expected.header = (*this)[loop.header];
    for (const std::string& block : loop.blocks) {
      expected.blocks.push_back((*this)[block]);
    }
    expected.parent = loop.parent.empty() ? kNoParent : (*this)[loop.parent];
    expected.depth = loop.depth;
    expected.nesting_level = loop.nesting_level;
    expected.reducible = loop.reducible;
    forest.Add(std::move(expected));
  }
  return std::move(forest).Build();
}

::testing::AssertionResult ForestsEqual(const LoopForest& actual,
                                        const LoopForest& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "loop forests differ: " << DescribeDifference(actual, expected);
}

}  // namespace havlak::testing
