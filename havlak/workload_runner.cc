#include "havlak/workload_runner.h"

namespace havlak {

std::string_view PhaseTitle(Phase phase) {
  switch (phase) {
    case Phase::kSmallGraphLoops:
      return "small-graph loops";
    case Phase::kCfgConstruction:
      return "CFG construction";
    case Phase::kFirstFind:
      return "first loop finding";
    case Phase::kRepeatedFinds:
      return "repeated loop finding";
    case Phase::kNestingLevels:
      return "nesting levels";
  }
  return "?";
}

std::string_view PhaseKey(Phase phase) {
  switch (phase) {
    case Phase::kSmallGraphLoops:
      return "small_graph_loops";
    case Phase::kCfgConstruction:
      return "cfg_construction";
    case Phase::kFirstFind:
      return "first_find";
    case Phase::kRepeatedFinds:
      return "repeated_finds";
    case Phase::kNestingLevels:
      return "nesting_levels";
  }
  return "?";
}

}  // namespace havlak
