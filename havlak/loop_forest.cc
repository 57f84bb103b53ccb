#include "havlak/loop_forest.h"

#include <algorithm>
#include <cassert>
#include <sstream>

namespace havlak {

int LoopForest::MaxDepth() const {
  int depth = 0;
  for (const ForestLoop& loop : loops) depth = std::max(depth, loop.depth);
  return depth;
}

void LoopForestBuilder::Add(ForestLoop loop) {
  std::sort(loop.blocks.begin(), loop.blocks.end());
  forest_.loops.push_back(std::move(loop));
}

LoopForest LoopForestBuilder::Build() && {
  std::sort(forest_.loops.begin(), forest_.loops.end(),
            [](const ForestLoop& a, const ForestLoop& b) {
              return a.header < b.header;
            });
  assert(std::adjacent_find(forest_.loops.begin(), forest_.loops.end(),
                            [](const ForestLoop& a, const ForestLoop& b) {
                              return a.header == b.header;
                            }) == forest_.loops.end() &&
         "a block heads at most one loop");
  return std::move(forest_);
}

std::ostream& operator<<(std::ostream& out, const ForestLoop& loop) {
  out << "loop " << loop.header << ": depth " << loop.depth << ", nesting "
      << loop.nesting_level << ", "
      << (loop.reducible ? "reducible" : "irreducible") << ", parent ";
  if (loop.parent == kNoParent) {
    out << "none";
  } else {
    out << loop.parent;
  }
  out << ", blocks";
  for (BlockId block : loop.blocks) out << ' ' << block;
  return out;
}

std::ostream& operator<<(std::ostream& out, const LoopForest& forest) {
  for (const ForestLoop& loop : forest.loops) out << loop << '\n';
  return out;
}

std::string ToText(const LoopForest& forest) {
  std::ostringstream out;
  out << forest;
  return out.str();
}

namespace {

// A loop's fields and at most a few of its blocks, for messages.
void PrintSummary(std::ostream& out, const ForestLoop& loop) {
  constexpr size_t kShownBlocks = 8;
  ForestLoop head = loop;
  if (head.blocks.size() > kShownBlocks) head.blocks.resize(kShownBlocks);
  out << head;
  if (loop.blocks.size() > kShownBlocks) {
    out << " ... (" << loop.blocks.size() << " blocks)";
  }
}

}  // namespace

std::string DescribeDifference(const LoopForest& actual,
                               const LoopForest& expected) {
  std::ostringstream out;
  const size_t common = std::min(actual.loops.size(), expected.loops.size());
  for (size_t i = 0; i < common; ++i) {
    const ForestLoop& a = actual.loops[i];
    const ForestLoop& e = expected.loops[i];
    if (a == e) continue;
    out << "loop #" << i << " differs:\n  actual:   ";
    PrintSummary(out, a);
    out << "\n  expected: ";
    PrintSummary(out, e);
    const auto [a_block, e_block] = std::mismatch(
        a.blocks.begin(), a.blocks.end(), e.blocks.begin(), e.blocks.end());
    if (a_block != a.blocks.end() || e_block != e.blocks.end()) {
      out << "\n  blocks first differ at position "
          << (a_block - a.blocks.begin());
    }
    return out.str();
  }
  if (actual.loops.size() != expected.loops.size()) {
    out << actual.loops.size() << " loops found, " << expected.loops.size()
        << " expected; the first unmatched is ";
    PrintSummary(out, actual.loops.size() > common ? actual.loops[common]
                                                   : expected.loops[common]);
  }
  return out.str();
}

}  // namespace havlak
