#include "havlak/workload_runner.h"

#include <iterator>
#include <string_view>

namespace havlak {
namespace {

struct PhaseNames {
  std::string_view key;
  std::string_view title;
};

constexpr PhaseNames kPhaseNames[] = {
#define HAVLAK_PHASE(enumerator, key, title) {key, title},
#include "havlak/phases.inc"
#undef HAVLAK_PHASE
};
static_assert(std::size(kPhaseNames) == kNumPhases);

}  // namespace

std::string_view PhaseTitle(Phase phase) {
  return kPhaseNames[static_cast<int>(phase)].title;
}

std::string_view PhaseKey(Phase phase) {
  return kPhaseNames[static_cast<int>(phase)].key;
}

}  // namespace havlak
