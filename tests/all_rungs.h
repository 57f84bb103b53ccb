#ifndef HAVLAK_TESTS_ALL_RUNGS_H_
#define HAVLAK_TESTS_ALL_RUNGS_H_

// Every rung of variants/CMakeLists.txt joins every typed test.

#include <string>

#include "gtest/gtest.h"
#include "havlak/all_rungs.h"

namespace havlak::testing {

template <typename List>
struct AsTestingTypes;
template <typename... Rungs>
struct AsTestingTypes<RungList<Rungs...>> {
  using Types = ::testing::Types<Rungs...>;
};

using AllRungs = AsTestingTypes<havlak::AllRungs>::Types;

// Names typed tests after the rung: HandMadeGraphs/havlak1.SelfLoop.
struct RungName {
  template <typename R>
  static std::string GetName(int) {
    return std::string(R::kName);
  }
};

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_ALL_RUNGS_H_
