// --cfg and --dump-cfg, end to end: every rung binary reads a CFG file and
// prints its loop forest; every kind of bad input is one line on stderr
// naming the file (and line), nothing on stdout, and exit status 2.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

const char kLoops[] =
    "# two nested loops\n"
    "start 100\n"
    "100 200\n"
    "200 300\n"
    "300 200\n"
    "300 400\n"
    "400 200\n"
    "400 100\n"
    "400 500\n";

template <typename R>
class CfgInput : public ::testing::Test {};
TYPED_TEST_SUITE(CfgInput, AllRungs, RungName);

TYPED_TEST(CfgInput, PrintsTheForestWithTheFilesIds) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("loops.cfg");
  WriteFile(path, kLoops);
  const std::string binary = BinaryPath(std::string(TypeParam::kName));
  const ProcessResult run = RunProcess({binary, "--cfg", path});
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

TYPED_TEST(CfgInput, JsonAndStandardInput) {
  const std::string binary = BinaryPath(std::string(TypeParam::kName));
  const ProcessResult run = RunProcess({binary, "--cfg=-", "--json"}, kLoops);
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out,
            "{\"rung\":\"" + std::string(TypeParam::kName) +
                "\",\"input\":\"<stdin>\",\"blocks\":5,\"edges\":7,"
                "\"loops\":[{\"header\":100,\"blocks\":[100],\"reducible\":"
                "true,\"parent\":null,\"depth\":1,\"nesting_level\":1},"
                "{\"header\":200,\"blocks\":[200,300,400],\"reducible\":true,"
                "\"parent\":100,\"depth\":2,\"nesting_level\":0}]}\n");
}

// The workload's graph, dumped and read back, has the workload's loops.
TYPED_TEST(CfgInput, DumpedWorkloadReadsBack) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("workload.cfg");
  const std::string binary = BinaryPath(std::string(TypeParam::kName));
  const ProcessResult dump =
      RunProcess({binary, "--scale=0.01", "--dump-cfg=" + path});
  ASSERT_EQ(dump.exit_code, kExitSuccess) << dump.err;
  EXPECT_EQ(dump.out, "");
  const ProcessResult run = RunProcess({binary, "--cfg", path});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  // 762 loops counting the root (tests/workload_test.cc): 761 lines.
  EXPECT_NE(run.out.find(": 761 loops in " + path + " (2533 blocks, "),
            std::string::npos)
      << run.out.substr(0, 200);
}

struct BadInput {
  std::string name;
  std::string contents;
  std::string error;  // after "havlak1: error: "; FILE is the path
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
      {"binary garbage", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10),
       "FILE:1: byte 0x7f: this is not a text CFG"},
      {"megabyte line", "start 1\n1 2\n" + std::string(1 << 20, '1') + "\n",
       "FILE:3: line longer than 4096 bytes"},
  };
}

TEST(CfgInputErrors, EveryBadInputIsOneLineAndStatus2) {
  const TemporaryDirectory directory;
  for (const BadInput& bad : BadInputs()) {
    const std::string path = directory.Path("bad.cfg");
    WriteFile(path, bad.contents);
    const ProcessResult run =
        RunProcess({BinaryPath("havlak1"), "--cfg", path});
    const std::string error =
        std::regex_replace(bad.error, std::regex("FILE"), path);
    EXPECT_EQ(run.exit_code, kExitUsage) << bad.name;
    EXPECT_EQ(run.out, "") << bad.name;
    EXPECT_EQ(run.err, "havlak1: error: " + error + "\n") << bad.name;
  }
}

TEST(CfgInputErrors, MissingAndUnreadableFiles) {
  const TemporaryDirectory directory;
  const ProcessResult missing = RunProcess(
      {BinaryPath("havlak1"), "--cfg", directory.Path("nothing.cfg")});
  EXPECT_EQ(missing.exit_code, kExitUsage);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err, "havlak1: error: cannot read " +
                             directory.Path("nothing.cfg") +
                             ": No such file or directory\n");
  // A directory cannot be read as a file (and, as root, a file without
  // read permission still can).
  const ProcessResult directory_run =
      RunProcess({BinaryPath("havlak1"), "--cfg", directory.Path("")});
  EXPECT_EQ(directory_run.exit_code, kExitUsage);
  EXPECT_NE(directory_run.err.find("Is a directory"), std::string::npos)
      << directory_run.err;
}

TEST(CfgInputErrors, WorkloadFlagsDoNotApply) {
  for (const char* flag :
       {"--scale=2", "--iterations=3", "--reuse-loop-graph=false"}) {
    const ProcessResult run =
        RunProcess({BinaryPath("havlak13"), "--cfg=-", flag}, kLoops);
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
       "havlak13: error: /dev/zero:1: byte 0x00: this is not a text CFG\n"},
      {"exec \"$0\" --cfg=- </dev/zero",
       "havlak13: error: <stdin>:1: byte 0x00: this is not a text CFG\n"},
      {"exec \"$0\" --cfg=/dev/urandom",
       "havlak13: error: /dev/urandom:[0-9]+: (byte 0x[0-9a-f]{2}: this is not "
       "a text CFG|line longer than 4096 bytes|.*is not a block id.*|"
       "expected an edge.*|too many fields)\n"},
  };
  for (const Stream& stream : streams) {
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult run =
        RunInShell(stream.shell, {BinaryPath("havlak13")});
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
  const ProcessResult run = RunProcess(
      {"/usr/bin/time", "-f", "%M", BinaryPath("havlak13"), "--cfg=-"},
      input);
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  const long peak_kib = std::stol(run.err);
  EXPECT_LT(peak_kib, 24 * 1024) << "KiB";
}

TEST(CfgInputErrors, ClosedStandardInputIsNamed) {
  const ProcessResult run =
      RunInShell("exec \"$0\" --cfg=- <&-", {BinaryPath("havlak13")});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_EQ(run.err,
            "havlak13: error: cannot read <stdin>: standard input is closed\n");
}

// A file name with a newline cannot add a line to the report, or to an
// error.
TEST(CfgInput, FileNamesCannotInjectLines) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("a\nloop 99: depth 1");
  WriteFile(path, kLoops);
  const ProcessResult run = RunProcess({BinaryPath("havlak13"), "--cfg", path});
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out.find("\nloop 99"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("a\\nloop 99: depth 1 (5 blocks"), std::string::npos)
      << run.out;
  WriteFile(path, "start 1\n1 x\n");
  const ProcessResult bad = RunProcess({BinaryPath("havlak13"), "--cfg", path});
  EXPECT_EQ(bad.exit_code, kExitUsage);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
}

TEST(CfgInput, OneBlockOneEdgeOneLoopAreSingular) {
  const ProcessResult run = RunProcess({BinaryPath("havlak13"), "--cfg=-"},
                                       "\xEF\xBB\xBFstart 1\n1 1\n");
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_EQ(run.out,
            "# havlak13: 1 loop in <stdin> (1 block, 1 edge), plus the "
            "artificial root\n"
            "loop 1: depth 1, nesting 0, reducible, parent none, blocks 1\n");
  const ProcessResult none =
      RunProcess({BinaryPath("havlak13"), "--cfg=-"}, "start 1\nblock 1\n");
  EXPECT_EQ(none.out,
            "# havlak13: 0 loops in <stdin> (1 block, 0 edges), plus the "
            "artificial root\n");
}

// Block 4,000,000,000 is remapped, not allocated for: the run stays small.
TEST(CfgInputErrors, HugeIdsCostNoMemory) {
  SKIP_IN_SANITIZER_BUILD("ASan's shadow memory is in every figure");
  const ProcessResult run =
      RunProcess({"/usr/bin/time", "-f", "%M", BinaryPath("havlak13"),
                  "--cfg=-"},
                 "start 4000000000\n4000000000 4000000000\n");
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_NE(run.out.find("loop 4000000000: depth 1"), std::string::npos)
      << run.out;
  const long peak_kib = std::stol(run.err);
  EXPECT_LT(peak_kib, 64 * 1024) << "KiB";
}

}  // namespace
}  // namespace havlak::testing
