#ifndef HAVLAK_DRIVER_H_
#define HAVLAK_DRIVER_H_

// The main program every rung shares: parses the command line, runs the
// workload under the profilers asked for, checks and prints the result.
//
// Example (this is all of a rung's main, see rung_main.cc):
//   int main(int argc, char** argv) {
//     return havlak::RungMain<HAVLAK_RUNG>(argc, argv);
//   }

#include <string_view>

#include "havlak/rung.h"
#include "havlak/workload_runner.h"

namespace havlak {

// Exit statuses.
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitWrongLoopCount = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 3;        // a file or the profiler
inline constexpr int kExitResourceLimit = 4;  // memory, or a large stack

struct RungEntry {
  std::string_view name;
  std::string_view idea;
  bool reuses_loop_graph;
  bool recursive;  // runs on a stack sized for the graph
  WorkloadResult (*run_workload)(const WorkloadSpec&, const WorkloadPlan&,
                                 WorkloadObserver&);
  LoopForest (*find_forest)(const EdgeList&);  // for --cfg
};

int RunCommandLine(int argc, char** argv, const RungEntry& rung);

template <Rung R>
int RungMain(int argc, char** argv) {
  return RunCommandLine(
      argc, argv,
      {R::kName, R::kIdea, ReusesLoopGraph<R>(), IsRecursive<R>(),
       &RunWorkload<R>, &FindLoopForest<R>});
}

}  // namespace havlak

#endif  // HAVLAK_DRIVER_H_
