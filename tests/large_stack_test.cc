// The large stack: asked for only by rungs that recurse, sized from the
// graph, and a limit hit is named (exit status 4), not a failed file.

#include "havlak/large_stack.h"

#include <cstdint>
#include <string>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/rung.h"
#include "havlak1/rung.h"
#include "havlak13/rung.h"
#include "havlak9/rung.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

TEST(LargeStack, OnlyRecursiveRungsAskForOne) {
  EXPECT_TRUE(IsRecursive<havlak1::Rung>());
  EXPECT_TRUE(IsRecursive<havlak9::Rung>());  // its nesting levels recurse
  EXPECT_FALSE(IsRecursive<havlak13::Rung>());
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

// Under a 400 MB address-space limit, havlak1 at --scale=4 (1,008,013
// blocks) cannot have its stack: exit 4, and the message says why. havlak13
// does not recurse and runs.
TEST(LargeStack, ResourceLimitExitsWithStatus4) {
  SKIP_IN_SANITIZER_BUILD("ASan reserves terabytes of address space");
  const auto run = [](const char* rung) {
    return RunProcess({"/bin/sh", "-c", "ulimit -v 400000 && exec \"$0\" \"$@\"",
                       BinaryPath(rung), "--scale=4", "--iterations=0"});
  };
  const ProcessResult recursive = run("havlak1");
  EXPECT_EQ(recursive.exit_code, kExitResourceLimit) << recursive.err;
  EXPECT_EQ(recursive.out, "");
  EXPECT_NE(recursive.err.find("havlak1: cannot reserve a stack of "),
            std::string::npos)
      << recursive.err;
  EXPECT_NE(recursive.err.find("1008013 blocks"), std::string::npos)
      << recursive.err;
  const ProcessResult flat = run("havlak13");
  EXPECT_EQ(flat.exit_code, kExitSuccess) << flat.err;
}

}  // namespace
}  // namespace havlak::testing
