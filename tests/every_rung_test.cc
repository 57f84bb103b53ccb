// The typed suites, each in its header, instantiated over every rung of the
// registry (ladder.json, through all_rungs.h): a rung added there joins
// every one of them. Tests are named Ladder/SUITE/RUNG.TEST. The suites are
// split between this file and every_rung_graphs_test.cc so that the two
// compile side by side (one file was the sanitizer build's longest step).

#include "all_rungs.h"
#include "cfg_input_test.h"
#include "conformance_test.h"
#include "depth_test.h"
#include "gtest/gtest.h"
#include "workload_counts_test.h"

namespace havlak::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, Conformance, AllRungs, RungName);
INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, Depth, AllRungs, RungName);
INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, CfgInput, AllRungs, RungName);
INSTANTIATE_TYPED_TEST_SUITE_P(Ladder, WorkloadCounts, AllRungs, RungName);

}  // namespace
}  // namespace havlak::testing
