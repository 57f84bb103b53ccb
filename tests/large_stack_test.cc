// The large stack: asked for only by rungs that recurse, sized from the
// graph, and a limit hit is named (exit status 4), not a failed file.

#include "havlak/large_stack.h"

#include <cstdint>
#include <string>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/rung.h"
#include "havlak/workload.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

TEST(LargeStack, OnlyRecursiveRungsAskForOne) {
  EXPECT_EQ(StackBytesFor(50'000'000, false), 0u);
  EXPECT_GE(StackBytesFor(50'000'000, true), std::size_t{50'000'000} * 256);
}

TEST(LargeStack, SizedFromTheGraph) {
  EXPECT_EQ(StackBytesFor(10, true), StackBytesFor(1000, true));  // a floor
  EXPECT_EQ(StackBytesFor(20'000'000, true),
            2 * StackBytesFor(10'000'000, true));
}

TEST(LargeStack, ALimitSaysWhatWasAskedFor) {
  try {
    RunOnStackFor(std::int64_t{1} << 50, true, [] {});
    FAIL() << "a stack of petabytes was reserved";
  } catch (const StackLimitError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("cannot reserve a stack of "), std::string::npos)
        << message;
    EXPECT_NE(message.find(std::to_string(std::int64_t{1} << 50) + " blocks"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("ulimit -v"), std::string::npos) << message;
  }
}

TEST(LargeStack, NonRecursiveRunsOnTheCallersStack) {
  bool ran = false;
  RunOnStackFor(std::int64_t{1} << 50, false, [&] { ran = true; });
  EXPECT_TRUE(ran);
}

// The first rung that says it recurses (in its rung.h): Hundt's design
// does, so there is one.
using RecursiveRung =
    FirstRungWhere<[]<typename R>() { return IsRecursive<R>(); }>;

// Under a 400 MB address-space limit, a recursive rung at --scale=4
// (1,008,013 blocks) cannot have its stack: exit 4, and the message says
// why. The top rung, which does not recurse, runs.
TEST(LargeStack, ResourceLimitExitsWithStatus4) {
  SKIP_IN_SANITIZER_BUILD("ASan reserves terabytes of address space");
  const auto run = [](const std::string& binary) {
    return RunProcess({"/bin/sh", "-c",
                       "ulimit -v 400000 && exec \"$0\" \"$@\"", binary,
                       "--scale=4", "--iterations=0"});
  };
  const ProcessResult recursive = run(RungBinary<RecursiveRung>());
  EXPECT_EQ(recursive.exit_code, kExitResourceLimit) << recursive.err;
  EXPECT_EQ(recursive.out, "");
  EXPECT_NE(recursive.err.find(std::string(RecursiveRung::kName) +
                               ": cannot reserve a stack of "),
            std::string::npos)
      << recursive.err;
  EXPECT_NE(recursive.err.find(
                std::to_string(WorkloadSpec::Scaled(4, 0).BigGraphBlocks()) +
                " blocks"),
            std::string::npos)
      << recursive.err;
  const ProcessResult flat = run(RungBinary<TopRung>());
  EXPECT_EQ(flat.exit_code, kExitSuccess) << flat.err;
}

}  // namespace
}  // namespace havlak::testing
