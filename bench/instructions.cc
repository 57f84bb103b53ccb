// One rung's loop findings on one mid-size Hundt-shaped graph, for counting
// instructions with callgrind (scripts/instructions.py):
//
//   valgrind --tool=callgrind --collect-atstart=no
//       --toggle-collect='*MeasuredFindings*'
//       build/bin/havlak_instructions havlakN
//
// Instructions do not move with machine noise: the same binary and input
// give the same count on a busy machine. The findings are the benchmark's
// (havlak/repeated_finding.h): one before the measured ones grows whatever
// the rung keeps from call to call.

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "havlak/all_rungs.h"
#include "havlak/edge_list.h"
#include "havlak/large_stack.h"
#include "havlak/repeated_finding.h"
#include "havlak/rung.h"
#include "havlak/workload.h"

namespace havlak {
namespace {

// The benchmark's 64,516-block graph: 1 tree of 256 outer loops.
constexpr int kTrees = 1;
constexpr int kLoopsPerTree = 256;
constexpr int kMeasuredFindings = 2;

template <Rung R>
[[gnu::noinline]] int MeasuredFindings(RepeatedFinding<R>& finding,
                                       const typename R::Cfg& cfg) {
  int loops = 0;
  for (int i = 0; i < kMeasuredFindings; ++i) {
    loops = finding.FindDiscardingGraph(cfg);
  }
  return loops;
}

template <Rung R>
int Run() {
  WorkloadSpec spec;
  spec.trees = kTrees;
  spec.loops_per_tree = kLoopsPerTree;
  EdgeList graph;
  BuildSmallGraph(graph);
  BuildBigGraph(spec, graph);
  int loops = 0;
  RunOnStackFor(graph.num_blocks, IsRecursive<R>(), [&] {
    typename R::Cfg cfg;
    ReplayInto(graph, cfg);
    RepeatedFinding<R> finding(/*reuse_loop_graph=*/true);
    finding.FindDiscardingGraph(cfg);
    loops = MeasuredFindings<R>(finding, cfg);
  });
  std::printf(
      "{\"rung\":\"%.*s\",\"blocks\":%d,\"findings\":%d,\"loops\":%d}\n",
      static_cast<int>(R::kName.size()), R::kName.data(), graph.num_blocks,
      kMeasuredFindings, loops);
  return 0;
}

template <Rung... Rs>
int Dispatch(RungList<Rs...>, std::string_view name) {
  int status = 2;
  ((name == Rs::kName ? (status = Run<Rs>(), true) : false) || ...);
  return status;
}

}  // namespace
}  // namespace havlak

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: havlak_instructions RUNG\n");
    return 2;
  }
  const int status = havlak::Dispatch(havlak::AllRungs{}, argv[1]);
  if (status == 2)
    std::fprintf(stderr, "havlak_instructions: no rung %s\n", argv[1]);
  return status;
}
