// The suite's peak-memory figure, checked against outside measurements: GNU
// time's %M (Debian's time 1.9; version 1.7 reported four times the truth,
// which inflated the memory figures of the 2011 comparisons) and the
// kernel's VmHWM. And a floor: resident memory can never be below the heap
// the counting build saw live.

#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

std::int64_t JsonInteger(const std::string& json, const std::string& key) {
  std::smatch match;
  const std::regex pattern("\"" + key + "\":(-?[0-9]+)");
  if (!std::regex_search(json, match, pattern)) {
    ADD_FAILURE() << "no " << key << " in " << json;
    return -1;
  }
  return std::stoll(match[1]);
}

// The bottom rung, Hundt's design, uses the most memory: the figures are
// far from zero at a third of the workload, found once.
std::vector<std::string> ThirdOfTheWorkload(std::string_view allocator) {
  return {RungBinary<BottomRung>(allocator), "--scale=0.3", "--iterations=1",
          "--json"};
}

TEST(MemoryGauge, AgreesWithGnuTimeAndVmHwm) {
  std::vector<std::string> argv = {"/usr/bin/time", "-f", "%M"};
  for (const std::string& arg : ThirdOfTheWorkload("glibc")) {
    argv.push_back(arg);
  }
  const ProcessResult run = RunProcess(argv);
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  const std::int64_t peak = JsonInteger(run.out, "peak_rss_kib");
  const std::int64_t vm_hwm = JsonInteger(run.out, "vm_hwm_kib");
  // GNU time prints %M, in KiB, as the last line of stderr.
  const std::string err = run.err.substr(0, run.err.find_last_not_of('\n') + 1);
  const std::int64_t outside = std::stoll(err.substr(err.rfind('\n') + 1));

  EXPECT_GT(peak, 30 * 1024) << "a third of the workload needs more";
  // VmHWM is read just after getrusage, through an ifstream whose buffer
  // may touch a few new pages (12 KiB more was seen once): equal, or a
  // little above, never below.
  EXPECT_GE(vm_hwm, peak);
  EXPECT_LE(vm_hwm, peak + 256)
      << "VmHWM " << vm_hwm << " KiB, getrusage " << peak << " KiB";
  // GNU time reads the peak after exit, the rung just before printing:
  // a little more may be touched in between, never a multiple.
  EXPECT_GE(outside, peak);
  EXPECT_LE(outside, peak + peak / 50 + 1024)
      << "GNU time says " << outside << " KiB, the rung " << peak << " KiB";
}

TEST(MemoryGauge, ResidentMemoryHoldsTheLiveHeap) {
  SKIP_IN_SANITIZER_BUILD("no -counting binaries");
  const ProcessResult run = RunProcess(ThirdOfTheWorkload("counting"));
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  const std::int64_t peak_kib = JsonInteger(run.out, "peak_rss_kib");
  const std::int64_t live_bytes = JsonInteger(run.out, "peak_live_bytes");
  EXPECT_GT(live_bytes, 10 << 20);
  EXPECT_GE(peak_kib * 1024, live_bytes);
}

}  // namespace
}  // namespace havlak::testing
