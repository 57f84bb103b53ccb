#ifndef HAVLAK_WORKLOAD_RUNNER_H_
#define HAVLAK_WORKLOAD_RUNNER_H_

// Runs Hundt's workload on one rung, timing each phase.
//
// Example:
//   WorkloadObserver quiet;
//   const WorkloadResult result =
//       RunWorkload<TopRung>(WorkloadSpec(), WorkloadPlan(), quiet);

#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string_view>
#include <vector>

#include "havlak/measure.h"
#include "havlak/repeated_finding.h"
#include "havlak/rung.h"
#include "havlak/workload.h"

namespace havlak {

enum class Phase {
#define HAVLAK_PHASE(enumerator, key, title) enumerator,
#include "havlak/phases.inc"
#undef HAVLAK_PHASE
};

// Every phase, in the order they run.
inline constexpr Phase kAllPhases[] = {
#define HAVLAK_PHASE(enumerator, key, title) Phase::enumerator,
#include "havlak/phases.inc"
#undef HAVLAK_PHASE
};
inline constexpr int kNumPhases = std::size(kAllPhases);

// "small-graph loops", ...: for people.
std::string_view PhaseTitle(Phase phase);
// "small_graph_loops", ...: for machines.
std::string_view PhaseKey(Phase phase);

struct PhaseTime {
  double wall_seconds = 0;
  int finds = 0;  // loop findings in the phase
};

// How to run the workload; the defaults run all of it, with a fresh loop
// graph per finding.
struct WorkloadPlan {
  // Every finding but the first on the big graph (kept for the nesting
  // levels) into one loop graph the rung clears and refills; ignored by
  // rungs without ReusesLoopGraph().
  bool reuse_loop_graph = false;
  // Return after the first finding on the big graph, keeping the rung's
  // graph, finder and loops in memory (WorkloadResult::live_data): what a
  // heap profile of that moment shows.
  bool stop_after_first_find = false;
};

struct WorkloadResult {
  std::array<PhaseTime, kNumPhases> phases{};
  PhaseTime& operator[](Phase phase) { return phases[static_cast<int>(phase)]; }
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
  // Each repeated finding's wall seconds, in order: the steady state, with
  // the first ones still warming caches (and a JIT, in other languages).
  std::vector<double> repeated_find_seconds;
  // Set by WorkloadPlan::stop_after_first_find.
  bool stopped_after_first_find = false;
  // After a stop: the rung's graph, finder and loops, freed when the last
  // copy of this pointer is reset.
  std::shared_ptr<void> live_data;
};

// Sees the workload go by; it cannot change its course.
class WorkloadObserver {
 public:
  virtual ~WorkloadObserver() = default;
  // Between loop findings of the two long phases.
  virtual void Progress(Phase /*phase*/, int /*done*/, int /*total*/) {}
};

namespace internal {

// What the workload keeps in memory while it runs.
template <Rung R>
struct WorkloadData {
  explicit WorkloadData(bool reuse_loop_graph) : finding(reuse_loop_graph) {}
  typename R::Cfg cfg;
  RepeatedFinding<R> finding;
  typename R::LoopGraph first;  // the first big-graph finding's loops
};

template <Rung R>
WorkloadResult RunWorkloadOn(const WorkloadSpec& spec, const WorkloadPlan& plan,
                             WorkloadObserver& observer,
                             WorkloadData<R>& data) {
  WorkloadResult result;
  {
    const Stopwatch watch;
    BuildSmallGraph(data.cfg);
    FinishCfg(data.cfg);
    const int finds = spec.small_graph_finds;
    for (int i = 0; i < finds; ++i) {
      const int loops = data.finding.FindDiscardingGraph(data.cfg);
      if (i == 0) result.small_graph_loops = loops;
      result.small_graph_loops_total += loops;
      observer.Progress(Phase::kSmallGraphLoops, i + 1, finds);
    }
    result[Phase::kSmallGraphLoops] = {watch.Seconds(), finds};
  }
  {
    const Stopwatch watch;
    BuildBigGraph(spec, data.cfg);
    FinishCfg(data.cfg);
    result[Phase::kCfgConstruction] = {watch.Seconds(), 0};
  }
  {
    const Stopwatch watch;
    result.big_graph_loops = data.finding.FindInto(data.cfg, &data.first);
    result[Phase::kFirstFind] = {watch.Seconds(), 1};
  }
  if (plan.stop_after_first_find) {
    result.stopped_after_first_find = true;
    return result;
  }
  {
    const int finds = spec.big_graph_finds;
    result.repeated_find_seconds.reserve(finds);
    const Stopwatch watch;
    for (int i = 0; i < finds; ++i) {
      const Stopwatch each;
      result.big_graph_loops_total +=
          data.finding.FindDiscardingGraph(data.cfg);
      result.repeated_find_seconds.push_back(each.Seconds());
      observer.Progress(Phase::kRepeatedFinds, i + 1, finds);
    }
    result[Phase::kRepeatedFinds] = {watch.Seconds(), finds};
  }
  {
    const Stopwatch watch;
    data.first.CalculateNestingLevel();
    result[Phase::kNestingLevels] = {watch.Seconds(), 0};
  }
  result.root_nesting_level = data.first.RootNestingLevel();
  return result;
}

}  // namespace internal

// Runs the workload of `spec` as `plan` says, telling `observer` how far it
// got.
template <Rung R>
WorkloadResult RunWorkload(const WorkloadSpec& spec, const WorkloadPlan& plan,
                           WorkloadObserver& observer) {
  if (!plan.stop_after_first_find) {
    internal::WorkloadData<R> data(plan.reuse_loop_graph);
    return internal::RunWorkloadOn(spec, plan, observer, data);
  }
  auto data =
      std::make_shared<internal::WorkloadData<R>>(plan.reuse_loop_graph);
  WorkloadResult result = internal::RunWorkloadOn(spec, plan, observer, *data);
  result.live_data = std::move(data);
  return result;
}

}  // namespace havlak

#endif  // HAVLAK_WORKLOAD_RUNNER_H_
