#ifndef HAVLAK_TESTS_CFG_INPUT_TEST_H_
#define HAVLAK_TESTS_CFG_INPUT_TEST_H_

// --cfg and --dump-cfg, end to end: every rung binary reads a CFG file and
// prints its loop forest, and reads back the workload it dumps. (Bad input
// is shared code, tested once in cfg_input_test.cc.)

#include <cstdint>
#include <string>

#include "all_rungs.h"
#include "cfg_texts.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/workload.h"
#include "subprocess.h"

namespace havlak::testing {

template <typename R>
class CfgInput : public ::testing::Test {};
TYPED_TEST_SUITE_P(CfgInput);

TYPED_TEST_P(CfgInput, PrintsTheForestWithTheFilesIds) {
  const TemporaryDirectory directory;
  const std::string path = directory.Write("loops.cfg", kTwoNestedLoopsCfg);
  const ProcessResult run =
      RunProcess({RungBinary<TypeParam>(), "--cfg", path});
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "# " + std::string(TypeParam::kName) + ": 2 loops in " + path +
                " (5 blocks, 7 edges), plus the artificial root\n"
                "loop 100: depth 1, nesting 1, reducible, parent none, "
                "blocks 100\n"
                "loop 200: depth 2, nesting 0, reducible, parent 100, "
                "blocks 200 300 400\n");
}

TYPED_TEST_P(CfgInput, JsonAndStandardInput) {
  const ProcessResult run = RunProcess(
      {RungBinary<TypeParam>(), "--cfg=-", "--json"}, kTwoNestedLoopsCfg);
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out,
            "{\"rung\":\"" + std::string(TypeParam::kName) +
                "\",\"input\":\"<stdin>\",\"blocks\":5,\"edges\":7,"
                "\"loops\":[{\"header\":100,\"blocks\":[100],\"reducible\":"
                "true,\"parent\":null,\"depth\":1,\"nesting_level\":1},"
                "{\"header\":200,\"blocks\":[200,300,400],\"reducible\":true,"
                "\"parent\":100,\"depth\":2,\"nesting_level\":0}]}\n");
}

// The workload's graph, dumped and read back, has the workload's loops
// (--cfg counts them without the artificial root) and blocks.
TYPED_TEST_P(CfgInput, DumpedWorkloadReadsBack) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("workload.cfg");
  const std::string binary = RungBinary<TypeParam>();
  const ProcessResult dump =
      RunProcess({binary, "--scale=0.01", "--dump-cfg=" + path});
  ASSERT_EQ(dump.exit_code, kExitSuccess) << dump.err;
  EXPECT_EQ(dump.out, "");
  const ProcessResult run = RunProcess({binary, "--cfg", path});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 0);
  EXPECT_NE(
      run.out.find(": " + std::to_string(spec.ExpectedBigGraphLoops() - 1) +
                   " loops in " + path + " (" +
                   std::to_string(spec.BigGraphBlocks()) + " blocks, "),
      std::string::npos)
      << run.out.substr(0, 200);
}

REGISTER_TYPED_TEST_SUITE_P(CfgInput, PrintsTheForestWithTheFilesIds,
                            JsonAndStandardInput, DumpedWorkloadReadsBack);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_CFG_INPUT_TEST_H_
