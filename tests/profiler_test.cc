// The profiler hooks end to end: a small run of a rung writes each kind of
// profile, and the profile's own reader parses it and finds the loop finder.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

// The bottom rung, the slowest, gives the profiler the most samples of the
// loop finder in a short run. Its functions are in its namespace.
using Profiled = BottomRung;
std::string Binary(std::string_view allocator = "glibc") {
  return RungBinary<Profiled>(allocator);
}
std::string RungNamespace() { return std::string(Profiled::kName) + "::"; }

// Runs a reader (google-pprof or jeprof) on a profile and returns its text.
std::string Read(const std::vector<std::string>& reader) {
  const ProcessResult read = RunProcess(reader);
  EXPECT_EQ(read.exit_code, 0) << read.err;
  return read.out;
}

TEST(Profiles, CpuProfileIsWrittenAndNamesTheLoopFinder) {
  const TemporaryDirectory directory;
  const std::string profile = directory.Path("rung.cpu.prof");
  const ProcessResult run =
      RunProcess({Binary(), "--scale=0.2", "--cpuprofile=" + profile}, "",
                 {"CPUPROFILE_FREQUENCY=250"});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  ASSERT_TRUE(std::filesystem::exists(profile));
  EXPECT_NE(run.out.find("CPU profile: " + profile), std::string::npos);

  const std::string top = Read({"google-pprof", "--text", Binary(), profile});
  EXPECT_TRUE(top.starts_with("Total: ")) << top;
  EXPECT_NE(top.find(RungNamespace()), std::string::npos) << top;
  EXPECT_NE(top.find("FindLoops"), std::string::npos) << top;
}

TEST(Profiles, CpuProfileEnvironmentVariableWorksAndConflicts) {
  const TemporaryDirectory directory;
  const std::string profile = directory.Path("from-env.prof");
  const ProcessResult run =
      RunProcess({Binary(), "--scale=0.05"}, "", {"CPUPROFILE=" + profile});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_TRUE(std::filesystem::exists(profile));

  const ProcessResult both = RunProcess(
      {Binary(), "--scale=0.05", "--cpuprofile=" + directory.Path("flag.prof")},
      "", {"CPUPROFILE=" + directory.Path("env.prof")});
  EXPECT_EQ(both.exit_code, kExitUsage);
  EXPECT_NE(both.err.find("use one or the other"), std::string::npos)
      << both.err;
}

TEST(Profiles, TcmallocHeapProfileIsWrittenAndNamesTheLoopFinder) {
  SKIP_IN_SANITIZER_BUILD("no -tcmalloc binaries");
  const TemporaryDirectory directory;
  const std::string profile = directory.Path("rung.heap");
  const ProcessResult run = RunProcess(
      {Binary("tcmalloc"), "--scale=0.05", "--heapprofile=" + profile});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("stopped after the first big-graph finding"),
            std::string::npos)
      << run.out;
  ASSERT_TRUE(std::filesystem::exists(profile));
  // Only the profile is left in the directory: no interim dumps, no
  // temporary files.
  EXPECT_EQ(
      std::distance(std::filesystem::directory_iterator(directory.Path("")),
                    std::filesystem::directory_iterator()),
      1);

  const std::string top = Read(
      {"google-pprof", "--text", "--alloc_space", Binary("tcmalloc"), profile});
  EXPECT_TRUE(top.starts_with("Total: ")) << top;
  EXPECT_NE(top.find(RungNamespace()), std::string::npos) << top;
}

TEST(Profiles, JemallocHeapProfileIsWrittenAndNamesTheLoopFinder) {
  SKIP_IN_SANITIZER_BUILD("no -jemalloc binaries");
  const TemporaryDirectory directory;
  const std::string profile = directory.Path("rung.jemalloc.heap");
  const ProcessResult run = RunProcess(
      {Binary("jemalloc"), "--scale=0.05", "--heapprofile=" + profile}, "",
      {"MALLOC_CONF=prof:true,prof_accum:true,lg_prof_sample:10"});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  ASSERT_TRUE(std::filesystem::exists(profile));

  const std::string top = Read({"jeprof", "--text", "--cum", "--alloc_space",
                                Binary("jemalloc"), profile});
  EXPECT_NE(top.find(RungNamespace()), std::string::npos) << top;
  EXPECT_NE(top.find("FindLoops"), std::string::npos) << top;
}

TEST(Profiles, JemallocHeapProfileNeedsProfilingSwitchedOn) {
  SKIP_IN_SANITIZER_BUILD("no -jemalloc binaries");
  const ProcessResult run =
      RunProcess({Binary("jemalloc"), "--heapprofile=x.heap"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_NE(run.err.find("MALLOC_CONF=prof:true"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace havlak::testing
