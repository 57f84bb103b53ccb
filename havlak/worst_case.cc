#include "havlak/worst_case.h"

#include <cassert>

namespace havlak {

EdgeList RamalingamWorstCase(int k) {
  assert(k >= 1);
  // In the paper's numbering, 1-based; AddEdge shifts to 0-based. Each
  // block's chain successor comes first, so the depth-first search runs
  // down the chain and the other edges are forward and back edges.
  EdgeList graph;
  const auto add = [&graph](int from, int to) {
    graph.AddEdge(from - 1, to - 1);
  };
  add(1, 2);
  for (int i = 2; i <= k + 1; ++i) {  // entries into the loops
    add(i, i + 1);
    add(i, 2 * k + 3 - i);
  }
  for (int i = k + 2; i <= 2 * k + 1; ++i) add(i, i + 1);  // the headers
  for (int i = 2 * k + 2; i <= 3 * k + 1; ++i) {           // the back edges
    add(i, i + 1);
    add(i, 4 * k + 3 - i);
  }
  return graph;
}

}  // namespace havlak
