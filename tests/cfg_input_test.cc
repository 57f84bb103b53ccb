// --cfg end to end: every kind of bad input is one line on stderr naming
// the file (and line), nothing on stdout, and exit status 2; input costs
// memory by the graph, not the file. (Every rung's --cfg output is tested
// in cfg_input_test.h.)

#include <algorithm>
#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "all_rungs.h"
#include "cfg_texts.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

// The input errors are shared code: the top rung's binary stands for all.
std::string Binary() { return RungBinary<TopRung>(); }
std::string ErrorPrefix() { return std::string(TopRung::kName) + ": error: "; }

struct BadInput {
  std::string name;
  std::string contents;
  std::string error;  // after "RUNG: error: "; FILE is the path
};

std::vector<BadInput> BadInputs() {
  return {
      {"empty", "", "FILE: empty: no start block and no edges"},
      {"not two ids", "start 1\n1 2\n3\n",
       "FILE:3: expected an edge 'FROM TO', 'start ID' or 'block ID', got "
       "'3'"},
      {"not numeric", "start 1\n1 two\n",
       "FILE:2: 'two' is not a block id (a whole number from 0 to "
       "4294967295)"},
      {"negative", "start 1\n-1 2\n",
       "FILE:2: '-1' is not a block id (a whole number from 0 to "
       "4294967295)"},
      {"past 32 bits", "start 1\n1 4294967296\n",
       "FILE:2: '4294967296' is not a block id (a whole number from 0 to "
       "4294967295)"},
      {"missing start", "1 2\n",
       "FILE: no start block: a 'start ID' line is missing"},
      {"unknown start", "start 9\n1 2\n",
       "FILE:1: start block 9 is not in the graph: no edge or 'block' line "
       "names it"},
      {"binary garbage",
       std::string("\x7f"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "FILE:1: byte 0x7f: this is not a text CFG"},
      {"megabyte line", "start 1\n1 2\n" + std::string(1 << 20, '1') + "\n",
       "FILE:3: line longer than 4096 bytes"},
  };
}

TEST(CfgInputErrors, EveryBadInputIsOneLineAndStatus2) {
  const TemporaryDirectory directory;
  for (const BadInput& bad : BadInputs()) {
    const std::string path = directory.Write("bad.cfg", bad.contents);
    const ProcessResult run = RunProcess({Binary(), "--cfg", path});
    const std::string error =
        std::regex_replace(bad.error, std::regex("FILE"), path);
    EXPECT_EQ(run.exit_code, kExitUsage) << bad.name;
    EXPECT_EQ(run.out, "") << bad.name;
    EXPECT_EQ(run.err, ErrorPrefix() + error + "\n") << bad.name;
  }
}

TEST(CfgInputErrors, MissingAndUnreadableFiles) {
  const TemporaryDirectory directory;
  const ProcessResult missing =
      RunProcess({Binary(), "--cfg", directory.Path("nothing.cfg")});
  EXPECT_EQ(missing.exit_code, kExitUsage);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err, ErrorPrefix() + "cannot read " +
                             directory.Path("nothing.cfg") +
                             ": No such file or directory\n");
  // A directory cannot be read as a file (and, as root, a file without
  // read permission still can).
  const ProcessResult directory_run =
      RunProcess({Binary(), "--cfg", directory.Path("")});
  EXPECT_EQ(directory_run.exit_code, kExitUsage);
  EXPECT_NE(directory_run.err.find("Is a directory"), std::string::npos)
      << directory_run.err;
}

TEST(CfgInputErrors, WorkloadFlagsDoNotApply) {
  for (const char* flag :
       {"--scale=2", "--iterations=3", "--reuse-loop-graph=false"}) {
    const ProcessResult run =
        RunProcess({Binary(), "--cfg=-", flag}, kTwoNestedLoopsCfg);
    EXPECT_EQ(run.exit_code, kExitUsage) << flag;
    EXPECT_EQ(run.out, "") << flag;
    EXPECT_NE(run.err.find("applies to the workload, not to --cfg"),
              std::string::npos)
        << run.err;
  }
}

// Runs `argv` under /bin/sh, where `shell` sets up standard input and
// limits ("exec ... </dev/zero"). Outside the sanitizer build, a 1 GiB
// address-space limit keeps a reader that loads its whole input (as it
// once did) from eating the machine's memory.
ProcessResult RunInShell(const std::string& shell,
                         const std::vector<std::string>& argv) {
#ifdef HAVLAK_SANITIZE_BUILD
  const std::string limit = "";
#else
  const std::string limit = "ulimit -v 1048576 && ";
#endif
  std::vector<std::string> command = {"/bin/sh", "-c", limit + shell};
  command.insert(command.end(), argv.begin(), argv.end());
  return RunProcess(command);
}

// Streams that never end, or are not text: refused at their first line,
// within milliseconds (10 s is only a guard against a hang), exit 2.
TEST(CfgInputErrors, EndlessAndBinaryStreamsFailFast) {
  struct Stream {
    std::string shell;
    std::string error;  // a regular expression
  };
  const std::vector<Stream> streams = {
      {"exec \"$0\" --cfg=/dev/zero",
       ErrorPrefix() + "/dev/zero:1: byte 0x00: this is not a text CFG\n"},
      {"exec \"$0\" --cfg=- </dev/zero",
       ErrorPrefix() + "<stdin>:1: byte 0x00: this is not a text CFG\n"},
      {"exec \"$0\" --cfg=/dev/urandom",
       ErrorPrefix() +
           "/dev/urandom:[0-9]+: (byte 0x[0-9a-f]{2}: this is not a text "
           "CFG|line longer than 4096 bytes|.*is not a block id.*|expected "
           "an edge.*|too many fields)\n"},
  };
  for (const Stream& stream : streams) {
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult run = RunInShell(stream.shell, {Binary()});
    const std::chrono::duration<double> took =
        std::chrono::steady_clock::now() - start;
    EXPECT_EQ(run.exit_code, kExitUsage) << stream.shell << ": " << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_TRUE(std::regex_match(run.err, std::regex(stream.error)))
        << stream.shell << ": " << run.err;
    EXPECT_LT(took.count(), 10) << stream.shell;
  }
}

// 64 MiB of comments cost no memory: the reader keeps a line at a time.
TEST(CfgInputErrors, MemoryFollowsTheGraphNotTheFile) {
  SKIP_IN_SANITIZER_BUILD("ASan's shadow memory is in every figure");
  std::string input;
  const std::string comment = "# a comment line, thirty bytes\n";
  while (input.size() < (std::size_t{64} << 20)) input += comment;
  input += "start 1\n1 1\n";
  const ProcessResult run =
      RunProcess({"/usr/bin/time", "-f", "%M", Binary(), "--cfg=-"}, input);
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  const long peak_kib = std::stol(run.err);
  EXPECT_LT(peak_kib, 24 * 1024) << "KiB";
}

TEST(CfgInputErrors, ClosedStandardInputIsNamed) {
  const ProcessResult run = RunInShell("exec \"$0\" --cfg=- <&-", {Binary()});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_EQ(run.err,
            ErrorPrefix() + "cannot read <stdin>: standard input is closed\n");
}

// A file name with a newline cannot add a line to the report, or to an
// error.
TEST(CfgInput, FileNamesCannotInjectLines) {
  const TemporaryDirectory directory;
  const std::string path =
      directory.Write("a\nloop 99: depth 1", kTwoNestedLoopsCfg);
  const ProcessResult run = RunProcess({Binary(), "--cfg", path});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out.find("\nloop 99"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("a\\nloop 99: depth 1 (5 blocks"), std::string::npos)
      << run.out;
  directory.Write("a\nloop 99: depth 1", "start 1\n1 x\n");
  const ProcessResult bad = RunProcess({Binary(), "--cfg", path});
  EXPECT_EQ(bad.exit_code, kExitUsage);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
}

TEST(CfgInput, OneBlockOneEdgeOneLoopAreSingular) {
  const std::string name(TopRung::kName);
  const ProcessResult run =
      RunProcess({Binary(), "--cfg=-"}, "\xEF\xBB\xBFstart 1\n1 1\n");
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out,
            "# " + name +
                ": 1 loop in <stdin> (1 block, 1 edge), plus the artificial "
                "root\n"
                "loop 1: depth 1, nesting 0, reducible, parent none, blocks "
                "1\n");
  const ProcessResult none =
      RunProcess({Binary(), "--cfg=-"}, "start 1\nblock 1\n");
  EXPECT_EQ(none.out, "# " + name +
                          ": 0 loops in <stdin> (1 block, 0 edges), plus the "
                          "artificial root\n");
}

// Block 4,000,000,000 is remapped, not allocated for: the run stays small.
TEST(CfgInputErrors, HugeIdsCostNoMemory) {
  SKIP_IN_SANITIZER_BUILD("ASan's shadow memory is in every figure");
  const ProcessResult run =
      RunProcess({"/usr/bin/time", "-f", "%M", Binary(), "--cfg=-"},
                 "start 4000000000\n4000000000 4000000000\n");
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("loop 4000000000: depth 1"), std::string::npos)
      << run.out;
  const long peak_kib = std::stol(run.err);
  EXPECT_LT(peak_kib, 64 * 1024) << "KiB";
}

}  // namespace
}  // namespace havlak::testing
