#include "havlak12/cfg.h"

namespace havlak12 {

void Cfg::Rows::Append(int num_blocks, const std::vector<Edge>& added,
                       bool by_target) {
  const int old_blocks = static_cast<int>(begin.size()) - 1;
  // New row sizes: old sizes plus the added edges of each block.
  std::vector<std::uint32_t> new_begin(num_blocks + 1, 0);
  for (int block = 0; block < old_blocks; ++block) {
    new_begin[block + 1] = begin[block + 1] - begin[block];
  }
  for (const Edge& edge : added) {
    ++new_begin[(by_target ? edge.to : edge.from) + 1];
  }
  for (int block = 0; block < num_blocks; ++block) {
    new_begin[block + 1] += new_begin[block];
  }
  // Old neighbours first, then the added ones in the order they came.
  std::vector<int> new_neighbours(new_begin[num_blocks]);
  std::vector<std::uint32_t> fill(new_begin.begin(), new_begin.end() - 1);
  for (int block = 0; block < old_blocks; ++block) {
    for (std::uint32_t i = begin[block]; i < begin[block + 1]; ++i) {
      new_neighbours[fill[block]++] = neighbours[i];
    }
  }
  for (const Edge& edge : added) {
    const int block = by_target ? edge.to : edge.from;
    new_neighbours[fill[block]++] = by_target ? edge.from : edge.to;
  }
  begin = std::move(new_begin);
  neighbours = std::move(new_neighbours);
}

void Cfg::Finish() {
  if (added_.empty() &&
      static_cast<int>(successors_.begin.size()) == num_blocks_ + 1) {
    return;
  }
  successors_.Append(num_blocks_, added_, /*by_target=*/false);
  predecessors_.Append(num_blocks_, added_, /*by_target=*/true);
  // Give the memory back: the graph is laid out.
  std::vector<Edge>().swap(added_);
}

}  // namespace havlak12
