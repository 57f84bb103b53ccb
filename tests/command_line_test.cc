// The command line every rung shares: the parser, and the binaries' exit
// statuses and messages.

#include "havlak/command_line.h"

#include <algorithm>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/rung.h"
#include "havlak/status.h"
#include "havlak/workload.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

ParsedCommandLine Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "rung");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

TEST(ParseCommandLine, Defaults) {
  const ParsedCommandLine parsed = Parse({});
  EXPECT_EQ(parsed.status, Status());
  EXPECT_EQ(parsed.options.scale, 1.0);
  EXPECT_EQ(parsed.options.iterations, 50);
  EXPECT_FALSE(parsed.options.json);
  EXPECT_FALSE(parsed.options.help);
  EXPECT_FALSE(parsed.options.reuse_loop_graph.has_value());
}

TEST(ParseCommandLine, ValuesWithEqualsOrSeparate) {
  const ParsedCommandLine parsed =
      Parse({"--scale=0.5", "--iterations", "7", "--json", "--cpuprofile",
             "a.prof", "--heapprofile=b.heap"});
  ASSERT_EQ(parsed.status, Status());
  EXPECT_EQ(parsed.options.scale, 0.5);
  EXPECT_EQ(parsed.options.iterations, 7);
  EXPECT_TRUE(parsed.options.json);
  EXPECT_EQ(parsed.options.cpuprofile, "a.prof");
  EXPECT_EQ(parsed.options.heapprofile, "b.heap");
}

TEST(ParseCommandLine, BooleansTakeTrueOrFalse) {
  EXPECT_TRUE(Parse({"--json=true"}).options.json);
  EXPECT_FALSE(Parse({"--json=false"}).options.json);
  EXPECT_TRUE(Parse({"-h"}).options.help);
  EXPECT_EQ(Parse({"--reuse-loop-graph"}).options.reuse_loop_graph, true);
  EXPECT_EQ(Parse({"--reuse-loop-graph=false"}).options.reuse_loop_graph,
            false);
}

TEST(ParseCommandLine, RangesAreInclusive) {
  EXPECT_EQ(Parse({"--scale=0.01"}).status, Status());
  EXPECT_EQ(Parse({"--scale=400"}).status, Status());
  EXPECT_EQ(Parse({"--iterations=0"}).status, Status());
  EXPECT_EQ(Parse({"--iterations=1000000"}).status, Status());
}

struct BadCommandLine {
  std::vector<std::string> args;
  std::string error;
};

const std::vector<BadCommandLine>& BadCommandLines() {
  static const std::vector<BadCommandLine> cases = {
      {{"--scale=abc"}, "--scale: 'abc' is not a number"},
      {{"--scale="}, "--scale: '' is not a number"},
      {{"--scale=1x"}, "--scale: '1x' is not a number"},
      {{"--scale=nan"}, "--scale: 'nan' is not a number"},
      {{"--scale=inf"}, "--scale: 'inf' is not a number"},
      {{"--scale=0"}, "--scale: 0 is out of range (0.01 to 400)"},
      {{"--scale=-1"}, "--scale: -1 is out of range (0.01 to 400)"},
      {{"--scale=1e9"}, "--scale: 1e9 is out of range (0.01 to 400)"},
      {{"--scale=1e999"}, "--scale: 1e999 is out of range (0.01 to 400)"},
      {{"--scale"}, "--scale needs a value"},
      {{"--iterations=1.5"}, "--iterations: '1.5' is not a whole number"},
      {{"--iterations=x"}, "--iterations: 'x' is not a whole number"},
      {{"--iterations=-1"}, "--iterations: -1 is out of range (0 to 1000000)"},
      {{"--iterations=99999999999"},
       "--iterations: 99999999999 is out of range (0 to 1000000)"},
      {{"--iterations=999999999999999999999999"},
       "--iterations: 999999999999999999999999 is out of range (0 to 1000000)"},
      {{"--json=maybe"}, "--json: 'maybe' is not true or false"},
      {{"--help=yes"}, "--help: 'yes' is not true or false"},
      {{"--reuse-loop-graph=no"},
       "--reuse-loop-graph: 'no' is not true or false"},
      {{"--cpuprofile="}, "--cpuprofile: needs a file name"},
      {{"--heapprofile="}, "--heapprofile: needs a file name"},
      {{"--bogus"}, "unknown flag '--bogus'"},
      {{"--bogus=1"}, "unknown flag '--bogus'"},
      {{"-x"}, "unexpected argument '-x'"},
      {{"--"}, "unexpected argument '--'"},
      {{"extra"}, "unexpected argument 'extra'"},
      // A name cannot start a line of its own in the message.
      {{"extra\nloop 9: depth 1"},
       "unexpected argument 'extra\\nloop 9: depth 1'"},
      // A forgotten value, not a file named --json.
      {{"--cfg", "--json"}, "--cfg needs a value"},
      {{"--dump-cfg", "--scale=2"}, "--dump-cfg needs a value"},
      {{"--scale", "--iterations=2"}, "--scale needs a value"},
      // The last value does not silently win.
      {{"--scale=2", "--scale=3"}, "--scale: given more than once"},
      {{"--json", "--json=false"}, "--json: given more than once"},
      {{"--cfg=a.cfg", "--cfg", "b.cfg"}, "--cfg: given more than once"},
  };
  return cases;
}

TEST(ParseCommandLine, BadFlagsAndValuesAreNamed) {
  for (const BadCommandLine& bad : BadCommandLines()) {
    EXPECT_EQ(Parse(bad.args).status, Status::Error(bad.error)) << bad.args[0];
  }
}

TEST(ParseCommandLine, ValueAfterEqualsMayStartWithDashes) {
  const ParsedCommandLine parsed = Parse({"--cfg=--json"});
  EXPECT_EQ(parsed.status, Status());
  EXPECT_EQ(parsed.options.cfg, "--json");
  EXPECT_FALSE(parsed.options.json);
}

TEST(UsageText, ListsEveryFlagAndTheExitStatuses) {
  const std::string usage =
      UsageText("rung", "an idea", /*reuses_loop_graph=*/true);
  for (const char* flag :
       {"--scale=S", "--iterations=N", "--json", "--cpuprofile=FILE",
        "--heapprofile=FILE", "--reuse-loop-graph", "--help"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
  EXPECT_NE(usage.find("Exit status"), std::string::npos);
  EXPECT_NE(usage.find("4 a resource\nlimit"), std::string::npos) << usage;
}

TEST(UsageText, DescribesTheCanonicalWorkload) {
  const WorkloadSpec canonical;
  const std::string usage = UsageText("rung", "an idea", true);
  EXPECT_NE(usage.find(std::to_string(canonical.small_graph_finds) +
                       " loop findings"),
            std::string::npos)
      << usage;
  EXPECT_NE(usage.find(std::to_string(canonical.BigGraphBlocks()) + " blocks"),
            std::string::npos)
      << usage;
}

// Whether the rung can reuse its loop graph comes from the rung, never
// from a rung's name.
TEST(UsageText, SaysWhetherThisRungReusesItsLoopGraph) {
  const std::string reusing = UsageText("rung", "an idea", true);
  const std::string fresh = UsageText("rung", "an idea", false);
  EXPECT_NE(reusing.find("(default true, like Cox's -reuseloopgraph)"),
            std::string::npos)
      << reusing;
  EXPECT_NE(fresh.find("(not this rung: its finder fills a fresh graph"),
            std::string::npos)
      << fresh;
  for (const std::string& usage : {reusing, fresh}) {
    EXPECT_FALSE(std::regex_search(usage, std::regex("havlak[0-9]"))) << usage;
  }
}

// The binary itself, shared by every rung: the top rung's stands for all.
std::string Binary(std::string_view allocator = "glibc") {
  return RungBinary<TopRung>(allocator);
}
std::string ErrorPrefix() { return std::string(TopRung::kName) + ": error: "; }

// A bad command line is one line on stderr, nothing on stdout, and exit
// status 2.
TEST(RungBinary, BadCommandLinesExitWithStatus2) {
  for (const BadCommandLine& bad : BadCommandLines()) {
    std::vector<std::string> argv = {Binary()};
    argv.insert(argv.end(), bad.args.begin(), bad.args.end());
    const ProcessResult run = RunProcess(argv);
    EXPECT_EQ(run.exit_code, kExitUsage) << bad.args[0];
    EXPECT_EQ(run.out, "") << bad.args[0];
    EXPECT_EQ(run.err, ErrorPrefix() + bad.error + " (see --help)\n")
        << bad.args[0];
  }
}

TEST(RungBinary, HeapProfileNeedsTheTcmallocBuild) {
  const ProcessResult run =
      RunProcess({Binary(), "--heapprofile=never-written.heap"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("use the -tcmalloc or -jemalloc build"),
            std::string::npos)
      << run.err;
}

// The first rung that builds a fresh loop graph for every finding (it says
// which in its rung.h): Hundt's design does, so there is one.
using FreshLoopGraphRung =
    FirstRungWhere<[]<typename R>() { return !ReusesLoopGraph<R>(); }>;

TEST(RungBinary, LoopGraphReuseNeedsARungThatHasIt) {
  const std::string name(FreshLoopGraphRung::kName);
  const ProcessResult run =
      RunProcess({RungBinary<FreshLoopGraphRung>(), "--scale=0.01",
                  "--reuse-loop-graph=false"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_EQ(run.out, "");
  EXPECT_TRUE(run.err.starts_with(name + ": error: --reuse-loop-graph: " +
                                  name + " has no loop graph to reuse"))
      << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

TEST(RungBinary, HeapAndCpuProfilesNeedSeparateRuns) {
  SKIP_IN_SANITIZER_BUILD("no -tcmalloc binaries");
  const ProcessResult run = RunProcess(
      {Binary("tcmalloc"), "--heapprofile=a.heap", "--cpuprofile=a.prof"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_NE(run.err.find("need separate runs"), std::string::npos) << run.err;
}

TEST(RungBinary, UnwritableProfileIsAFailure) {
  const ProcessResult run = RunProcess(
      {Binary(), "--scale=0.01", "--cpuprofile=/nonexistent/a.prof"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("/nonexistent/a.prof"), std::string::npos) << run.err;
}

// --dump-cfg writes the graph and stops: a report flag with it is a
// mistake, said so, not silently nothing on stdout.
TEST(RungBinary, ReportFlagsDoNotApplyToDumpCfg) {
  for (const char* flag : {"--json", "--cpuprofile=never.prof"}) {
    const ProcessResult run =
        RunProcess({Binary(), "--dump-cfg=never.cfg", flag});
    EXPECT_EQ(run.exit_code, kExitUsage) << flag;
    EXPECT_EQ(run.out, "") << flag;
    EXPECT_EQ(run.err,
              ErrorPrefix() +
                  std::string(flag).substr(0, std::string(flag).find('=')) +
                  " applies to a run, and --dump-cfg only writes "
                  "the graph\n");
  }
}

TEST(RungBinary, HelpExitsWithStatus0) {
  const ProcessResult run = RunProcess({Binary(), "--help"});
  EXPECT_EQ(run.exit_code, kExitSuccess);
  EXPECT_NE(run.out.find("Usage: " + std::string(TopRung::kName) + " [flags]"),
            std::string::npos);
  EXPECT_EQ(run.err, "");
}

TEST(RungBinary, ReducedRunPrintsCountsTimesAndMemory) {
  constexpr int kFinds = 3;
  const std::int64_t loops =
      WorkloadSpec::Scaled(0.01, kFinds).ExpectedBigGraphLoops();
  const ProcessResult run = RunProcess(
      {Binary(), "--scale=0.01", "--iterations=" + std::to_string(kFinds)});
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("# of loops: " + std::to_string(loops) + " (total " +
                         std::to_string(loops * kFinds) + ")\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("loop counts: right"), std::string::npos);
  EXPECT_NE(run.out.find("repeated loop finding"), std::string::npos);
  EXPECT_NE(run.out.find("peak resident memory"), std::string::npos);
}

}  // namespace
}  // namespace havlak::testing
