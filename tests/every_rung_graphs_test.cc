// The rest of every_rung_test.cc's typed suites over every rung: the
// hand-made graphs, and a finder reused across graphs.

#include "all_rungs.h"
#include "finder_reuse_test.h"
#include "gtest/gtest.h"
#include "hand_made_graphs_test.h"

namespace havlak::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, HandMadeGraphs, AllRungs, RungName);
INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, FinderReuse, AllRungs, RungName);

}  // namespace
}  // namespace havlak::testing
