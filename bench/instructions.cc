// One rung's loop findings on one mid-size Hundt-shaped graph, for counting
// instructions and simulated cache misses with callgrind
// (scripts/havlak_tools/instructions.py), or for perf stat:
//
//   valgrind --tool=callgrind --collect-atstart=no --cache-sim=yes
//       --toggle-collect='*MeasuredFindings*'
//       build/bin/havlak_instructions havlakN [FINDINGS]
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
constexpr int kDefaultFindings = 2;
constexpr int kMaxFindings = 1000;

template <Rung R>
[[gnu::noinline]] int MeasuredFindings(RepeatedFinding<R>& finding,
                                       const typename R::Cfg& cfg,
                                       int findings) {
  int loops = 0;
  for (int i = 0; i < findings; ++i) {
    loops = finding.FindDiscardingGraph(cfg);
  }
  return loops;
}

template <Rung R>
int Run(int findings) {
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
    loops = MeasuredFindings<R>(finding, cfg, findings);
  });
  std::printf(
      "{\"rung\":\"%.*s\",\"blocks\":%d,\"findings\":%d,\"loops\":%d}\n",
      static_cast<int>(R::kName.size()), R::kName.data(), graph.num_blocks,
      findings, loops);
  return 0;
}

template <Rung... Rs>
int Dispatch(RungList<Rs...>, std::string_view name, int findings) {
  int status = 2;
  ((name == Rs::kName ? (status = Run<Rs>(findings), true) : false) || ...);
  return status;
}

}  // namespace
}  // namespace havlak

int main(int argc, char** argv) {
  int findings = havlak::kDefaultFindings;
  if (argc == 3) {
    char* end = nullptr;
    const long value = std::strtol(argv[2], &end, 10);
    findings = *end == '\0' && value >= 1 && value <= havlak::kMaxFindings
                   ? static_cast<int>(value)
                   : 0;
  }
  if (argc < 2 || argc > 3 || findings == 0) {
    std::fprintf(stderr,
                 "usage: havlak_instructions RUNG [FINDINGS: 1 to %d, "
                 "default %d]\n",
                 havlak::kMaxFindings, havlak::kDefaultFindings);
    return 2;
  }
  const int status = havlak::Dispatch(havlak::AllRungs{}, argv[1], findings);
  if (status == 2)
    std::fprintf(stderr, "havlak_instructions: no rung %s\n", argv[1]);
  return status;
}
