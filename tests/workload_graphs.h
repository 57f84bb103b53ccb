#ifndef HAVLAK_TESTS_WORKLOAD_GRAPHS_H_
#define HAVLAK_TESTS_WORKLOAD_GRAPHS_H_

// Hundt's workload graphs as edge lists, for the tests of their shape
// (workload_test.cc) and of every rung's counts (workload_counts_test.h).

#include "havlak/edge_list.h"
#include "havlak/loop_forest.h"
#include "havlak/workload.h"

namespace havlak::testing {

inline EdgeList SmallGraph() {
  EdgeList graph;
  BuildSmallGraph(graph);
  return graph;
}

inline EdgeList BigGraph(const WorkloadSpec& spec) {
  EdgeList graph = SmallGraph();
  BuildBigGraph(spec, graph);
  return graph;
}

// The loop headed by `header`, or nullptr.
inline const ForestLoop* FindLoop(const LoopForest& forest, BlockId header) {
  for (const ForestLoop& loop : forest.loops) {
    if (loop.header == header) return &loop;
  }
  return nullptr;
}

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_WORKLOAD_GRAPHS_H_
