#ifndef HAVLAK_REPEATED_FINDING_H_
#define HAVLAK_REPEATED_FINDING_H_

// A rung's finder run again and again, as the workload, the benchmarks and
// the instruction counts run it: the finder keeps whatever it keeps from
// call to call, and the loop graph of each finding is thrown away, a fresh
// one per call or, where the rung reuses its loop graph (rung.h) and the
// caller asks for that, one graph the rung clears and refills.
//
// Example:
//   RepeatedFinding<TopRung> finding(/*reuse_loop_graph=*/true);
//   for (int i = 0; i < 50; ++i) total += finding.FindDiscardingGraph(cfg);

#include <utility>

#include "havlak/rung.h"

namespace havlak {

template <Rung R>
class RepeatedFinding {
 public:
  // `reuse_loop_graph` is ignored by rungs that cannot reuse one.
  explicit RepeatedFinding(bool reuse_loop_graph)
      : reuse_loop_graph_(ReusesLoopGraph<R>() && reuse_loop_graph) {}

  // Finds the loops of `cfg` and returns their number, the artificial root
  // included; their loop graph is not kept.
  int FindDiscardingGraph(const typename R::Cfg& cfg) {
    if (reuse_loop_graph_) return finder_.FindLoops(cfg, &reused_);
    typename R::LoopGraph fresh;
    return finder_.FindLoops(cfg, &fresh);
  }

  // Finds the loops of `cfg` into `lsg`, which the caller keeps, with the
  // same finder.
  int FindInto(const typename R::Cfg& cfg, typename R::LoopGraph* lsg) {
    return finder_.FindLoops(cfg, lsg);
  }

  bool reuses_loop_graph() const { return reuse_loop_graph_; }

 private:
  typename R::Finder finder_;
  typename R::LoopGraph reused_;  // empty unless reuse_loop_graph_
  bool reuse_loop_graph_;
};

}  // namespace havlak

#endif  // HAVLAK_REPEATED_FINDING_H_
