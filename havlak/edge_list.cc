#include "havlak/edge_list.h"

#include <algorithm>
#include <cassert>

namespace havlak {

void EdgeList::CreateNode(BlockId block) {
  assert(block >= 0 && "block ids are non-negative");
  if (num_blocks == 0) start = block;
  num_blocks = std::max(num_blocks, block + 1);
}

void EdgeList::AddEdge(BlockId from, BlockId to) {
  CreateNode(from);
  CreateNode(to);
  edges.push_back({from, to});
}

}  // namespace havlak
