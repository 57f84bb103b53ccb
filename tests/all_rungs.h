#ifndef HAVLAK_TESTS_ALL_RUNGS_H_
#define HAVLAK_TESTS_ALL_RUNGS_H_

// The registry (ladder.json, through havlak/all_rungs.h) as the tests use
// it: every rung as gtest types, and a rung's binaries.
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, HandMadeGraphs, AllRungs, RungName);
//   RunProcess({RungBinary<TopRung>("tcmalloc"), "--scale=0.05"});

#include <string>
#include <string_view>
#include <type_traits>

#include "gtest/gtest.h"
#include "havlak/all_rungs.h"
#include "havlak/rung.h"
#include "subprocess.h"

namespace havlak::testing {

template <typename List>
struct AsTestingTypes;
template <typename... Rungs>
struct AsTestingTypes<RungList<Rungs...>> {
  using Types = ::testing::Types<Rungs...>;
};

using AllRungs = AsTestingTypes<havlak::AllRungs>::Types;

// Names typed tests after the rung: Ladder/HandMadeGraphs/NAME.SelfLoop.
struct RungName {
  template <typename R>
  static std::string GetName(int) {
    return std::string(R::kName);
  }
};

// The path of rung R's binary linked with `allocator`, one of ladder.json's
// "allocators" (all of them are built but in the sanitizer build).
template <Rung R>
std::string RungBinary(std::string_view allocator = "glibc") {
  for (const AllocatorSuffix& entry : kAllocatorSuffixes) {
    if (entry.allocator == allocator) {
      return BinaryPath(std::string(R::kName) + std::string(entry.suffix));
    }
  }
  ADD_FAILURE() << "no " << allocator << " build in ladder.json";
  return "";
}

// The first rung, in ladder order, of which `kHolds<R>` is true; void if
// none is. For tests about a property rather than a rung:
//
//   using Recursive =
//       FirstRungWhere<[]<typename R>() { return IsRecursive<R>(); }>;
template <auto kHolds, typename List = havlak::AllRungs>
struct FirstRungWhereImpl;
template <auto kHolds>
struct FirstRungWhereImpl<kHolds, RungList<>> {
  using Type = void;
};
template <auto kHolds, typename R, typename... Rest>
struct FirstRungWhereImpl<kHolds, RungList<R, Rest...>> {
  using Type = std::conditional_t<
      kHolds.template operator()<R>(), R,
      typename FirstRungWhereImpl<kHolds, RungList<Rest...>>::Type>;
};
template <auto kHolds>
using FirstRungWhere = typename FirstRungWhereImpl<kHolds>::Type;

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_ALL_RUNGS_H_
