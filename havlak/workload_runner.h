#ifndef HAVLAK_WORKLOAD_RUNNER_H_
#define HAVLAK_WORKLOAD_RUNNER_H_

// Runs Hundt's workload on one rung, timing each phase.

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "havlak/measure.h"
#include "havlak/rung.h"
#include "havlak/workload.h"

namespace havlak {

enum class Phase {
  kSmallGraphLoops,
  kCfgConstruction,
  kFirstFind,
  kRepeatedFinds,
  kNestingLevels,
};
inline constexpr int kNumPhases = 5;

// "small-graph loops", ...: for people.
std::string_view PhaseTitle(Phase phase);
// "small_graph_loops", ...: for machines.
std::string_view PhaseKey(Phase phase);

struct PhaseTime {
  double wall_seconds = 0;
  int finds = 0;  // loop findings in the phase
};

struct WorkloadResult {
  std::array<PhaseTime, kNumPhases> phases{};
  PhaseTime& operator[](Phase phase) {
    return phases[static_cast<int>(phase)];
  }
  const PhaseTime& operator[](Phase phase) const {
    return phases[static_cast<int>(phase)];
  }

  // Loops (with the root) of the first finding, and summed over all.
  int small_graph_loops = 0;
  std::int64_t small_graph_loops_total = 0;
  int big_graph_loops = 0;
  std::int64_t big_graph_loops_total = 0;  // the repeated findings only
  // The artificial root's nesting level in the first big-graph result.
  int root_nesting_level = 0;
  // Set when the observer stopped the run after the first big-graph finding.
  bool stopped_after_first_find = false;
};

class WorkloadObserver {
 public:
  virtual ~WorkloadObserver() = default;
  // Between loop findings of the two long phases.
  virtual void Progress(Phase /*phase*/, int /*done*/, int /*total*/) {}
  // After the first finding on the big graph; false stops the run there.
  virtual bool ContinueAfterFirstFind() { return true; }
};

// Every finding but the first on the big graph (kept for the nesting levels)
// goes into a fresh loop graph, or, with `reuse_loop_graph`, into one graph
// the rung clears and refills (rungs with ReusesLoopGraph() only).
template <Rung R>
WorkloadResult RunWorkload(const WorkloadSpec& spec, bool reuse_loop_graph,
                           WorkloadObserver& observer) {
  WorkloadResult result;
  typename R::Cfg cfg;
  typename R::Finder finder;
  typename R::LoopGraph reused;
  auto find_loops_discarding_graph = [&]() {
    if (ReusesLoopGraph<R>() && reuse_loop_graph) {
      return finder.FindLoops(std::as_const(cfg), &reused);
    }
    typename R::LoopGraph fresh;
    return finder.FindLoops(std::as_const(cfg), &fresh);
  };

  {
    const Stopwatch watch;
    BuildSmallGraph(cfg);
    FinishCfg(cfg);
    const int finds = spec.small_graph_finds;
    for (int i = 0; i < finds; ++i) {
      const int loops = find_loops_discarding_graph();
      if (i == 0) result.small_graph_loops = loops;
      result.small_graph_loops_total += loops;
      observer.Progress(Phase::kSmallGraphLoops, i + 1, finds);
    }
    result[Phase::kSmallGraphLoops] = {watch.Seconds(), finds};
  }
  {
    const Stopwatch watch;
    BuildBigGraph(spec, cfg);
    FinishCfg(cfg);
    result[Phase::kCfgConstruction] = {watch.Seconds(), 0};
  }
  typename R::LoopGraph first;
  {
    const Stopwatch watch;
    result.big_graph_loops = finder.FindLoops(std::as_const(cfg), &first);
    result[Phase::kFirstFind] = {watch.Seconds(), 1};
  }
  if (!observer.ContinueAfterFirstFind()) {
    result.stopped_after_first_find = true;
    return result;
  }
  {
    const Stopwatch watch;
    const int finds = spec.big_graph_finds;
    for (int i = 0; i < finds; ++i) {
      result.big_graph_loops_total += find_loops_discarding_graph();
      observer.Progress(Phase::kRepeatedFinds, i + 1, finds);
    }
    result[Phase::kRepeatedFinds] = {watch.Seconds(), finds};
  }
  {
    const Stopwatch watch;
    first.CalculateNestingLevel();
    result[Phase::kNestingLevels] = {watch.Seconds(), 0};
  }
  result.root_nesting_level = first.RootNestingLevel();
  return result;
}

}  // namespace havlak

#endif  // HAVLAK_WORKLOAD_RUNNER_H_
