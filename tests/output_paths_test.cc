// Where --dump-cfg, --cpuprofile and --heapprofile write, end to end: a
// regular file or a new path is replaced whole; a device or FIFO is written
// in place, never replaced; a symbolic link's target is replaced and the
// link stays; '-' is standard output; and nothing is left behind by a
// failed write or by Ctrl-C.

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "all_rungs.h"
#include "gtest/gtest.h"
#include "havlak/driver.h"
#include "havlak/workload.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

namespace fs = std::filesystem;

const char kHeader[] = "# the workload's graph at --scale=0.01: 2533 blocks";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

// The names in a folder, sorted.
std::vector<std::string> Names(const std::string& folder) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A character device like /dev/null or /dev/full, made in `folder` (as
// root): the tests never name the system's own devices, which a broken
// writer would replace.
bool MakeDevice(const std::string& path, unsigned minor) {
  return mknod(path.c_str(), S_IFCHR | 0666, makedev(1, minor)) == 0;
}

bool IsCharacterDevice(const std::string& path) {
  struct stat status {};
  return lstat(path.c_str(), &status) == 0 && S_ISCHR(status.st_mode);
}

// Output paths are shared code: the top rung's binary stands for all, but
// where a run must last long enough to be interrupted.
std::string Binary() { return RungBinary<TopRung>(); }

ProcessResult DumpCfg(const std::string& path) {
  return RunProcess({Binary(), "--scale=0.01", "--dump-cfg=" + path});
}

TEST(OutputPaths, DeviceIsWrittenInPlace) {
  const TemporaryDirectory directory;
  const std::string null = directory.Path("null");
  if (!MakeDevice(null, 3)) GTEST_SKIP() << "mknod needs root";
  const ProcessResult run = DumpCfg(null);
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_TRUE(IsCharacterDevice(null)) << "the device was replaced";
  EXPECT_EQ(Names(directory.Path("")), std::vector<std::string>{"null"});
}

TEST(OutputPaths, FullDeviceFailsWithoutReplacingIt) {
  const TemporaryDirectory directory;
  const std::string full = directory.Path("full");
  if (!MakeDevice(full, 7)) GTEST_SKIP() << "mknod needs root";
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{"--scale=0.01", "--dump-cfg=" + full},
        std::vector<std::string>{"--scale=0.01", "--iterations=1",
                                 "--cpuprofile=" + full}}) {
    std::vector<std::string> argv = {Binary()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const ProcessResult run = RunProcess(argv);
    EXPECT_EQ(run.exit_code, kExitFailure) << flags[1] << run.err;
    EXPECT_EQ(run.out, "") << flags[1];
    EXPECT_NE(
        run.err.find("cannot write " + full + ": No space left on device"),
        std::string::npos)
        << run.err;
    EXPECT_TRUE(IsCharacterDevice(full)) << flags[1];
    EXPECT_EQ(Names(directory.Path("")), std::vector<std::string>{"full"});
  }
}

// The test reads the FIFO without blocking, so a binary that replaces the
// FIFO instead of opening it fails the test instead of hanging it.
TEST(OutputPaths, FifoIsWrittenInPlace) {
  const TemporaryDirectory directory;
  const std::string fifo = directory.Path("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  ProcessResult run;
  bool ended = false;
  std::thread writer([&] {
    run = DumpCfg(fifo);
    ended = true;
  });
  std::string received;
  for (bool last = false; !last;) {
    last = ended;  // one more read after the writer ends
    pollfd poll_fd{reader, POLLIN, 0};
    poll(&poll_fd, 1, 20);
    char buffer[65536];
    ssize_t n = 0;
    while ((n = read(reader, buffer, sizeof(buffer))) > 0) {
      received.append(buffer, n);
    }
  }
  writer.join();
  close(reader);
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  struct stat status {};
  ASSERT_EQ(lstat(fifo.c_str(), &status), 0);
  EXPECT_TRUE(S_ISFIFO(status.st_mode)) << "the FIFO was replaced";
  EXPECT_TRUE(received.starts_with(kHeader)) << received.substr(0, 100);
}

TEST(OutputPaths, SymbolicLinkKeepsItsPlaceAndItsTargetIsReplaced) {
  const TemporaryDirectory directory;
  fs::create_directory(directory.Path("real"));
  const std::string target = directory.Path("real/graph.cfg");
  WriteFile(target, "old\n");
  const std::string link = directory.Path("link.cfg");
  fs::create_symlink("real/graph.cfg", link);  // relative to the link
  const ProcessResult run = DumpCfg(link);
  ASSERT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_TRUE(fs::is_symlink(link)) << "the link was replaced";
  EXPECT_EQ(fs::read_symlink(link), "real/graph.cfg");
  EXPECT_TRUE(ReadFile(target).starts_with(kHeader));
  EXPECT_EQ(Names(directory.Path("")),
            (std::vector<std::string>{"link.cfg", "real"}));
  EXPECT_EQ(Names(directory.Path("real")),
            std::vector<std::string>{"graph.cfg"});
}

TEST(OutputPaths, DashIsStandardOutput) {
  const ProcessResult run = DumpCfg("-");
  EXPECT_EQ(run.exit_code, kExitSuccess) << run.err;
  EXPECT_TRUE(run.out.starts_with(kHeader)) << run.out.substr(0, 100);
  EXPECT_FALSE(fs::exists("-")) << "wrote a file named '-'";
  // And it reads back.
  const ProcessResult read = RunProcess({Binary(), "--cfg=-"}, run.out);
  EXPECT_EQ(read.exit_code, kExitSuccess) << read.err;
  const WorkloadSpec spec = WorkloadSpec::Scaled(0.01, 0);
  EXPECT_NE(
      read.out.find(": " + std::to_string(spec.ExpectedBigGraphLoops() - 1) +
                    " loops in <stdin> (" +
                    std::to_string(spec.BigGraphBlocks()) + " blocks, "),
      std::string::npos);
}

TEST(OutputPaths, ClosedStandardOutputIsNamed) {
  const ProcessResult run = RunProcess(
      {"/bin/sh", "-c", "exec \"$0\" --scale=0.01 --dump-cfg=- >&-", Binary()});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_EQ(run.err,
            std::string(TopRung::kName) +
                ": --dump-cfg: cannot write <stdout>: standard output is "
                "closed\n");
}

TEST(OutputPaths, FolderIsRefused) {
  const TemporaryDirectory directory;
  const ProcessResult run = DumpCfg(directory.Path(""));
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_NE(run.err.find("Is a directory"), std::string::npos) << run.err;
  EXPECT_TRUE(Names(directory.Path("")).empty());
}

// Past the file size limit (ulimit -f) a write fails: a clear error and
// exit 3, the old file intact, no temporary file (not death by SIGXFSZ).
TEST(OutputPaths, FailedWriteLeavesTheOldFileAndNoTemporary) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("graph.cfg");
  WriteFile(path, "old\n");
  const ProcessResult run =
      RunProcess({"/bin/sh", "-c", "ulimit -f 8 && exec \"$0\" \"$@\"",
                  Binary(), "--scale=0.1", "--dump-cfg=" + path});
  EXPECT_EQ(run.exit_code, kExitFailure) << run.err;
  EXPECT_EQ(run.err, std::string(TopRung::kName) +
                         ": --dump-cfg: cannot write " + path +
                         ": File too large\n");
  EXPECT_EQ(ReadFile(path), "old\n");
  EXPECT_EQ(Names(directory.Path("")), std::vector<std::string>{"graph.cfg"});
}

TEST(OutputPaths, ReplacedFileKeepsItsPermissions) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("graph.cfg");
  WriteFile(path, "old\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write |
                            fs::perms::others_read);
  ASSERT_EQ(DumpCfg(path).exit_code, kExitSuccess);
  EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_read |
                                                fs::perms::owner_write |
                                                fs::perms::others_read);
}

TEST(OutputPaths, ProfilesGoToFilesNotStandardOutput) {
  for (const char* flag : {"--cpuprofile=-", "--heapprofile=-"}) {
    const ProcessResult run = RunProcess({Binary(), "--scale=0.01", flag});
    EXPECT_EQ(run.exit_code, kExitUsage) << flag;
    EXPECT_NE(run.err.find("would mix the profile with the report"),
              std::string::npos)
        << run.err;
  }
}

// Ctrl-C in the middle of a run: the process dies of SIGINT, and neither
// the target's folder nor the temporary directory (TMPDIR) keeps anything.
class InterruptedRun : public ::testing::Test {
 protected:
  // Runs `argv`, and sends SIGINT once something shows in either folder
  // and `settle` has passed (or after a minute).
  ProcessResult Interrupt(const std::vector<std::string>& argv,
                          std::chrono::milliseconds settle) {
    const auto start = std::chrono::steady_clock::now();
    BackgroundProcess run(argv, {"TMPDIR=" + temporary_.Path("")});
    while (!run.Ended()) {
      const auto now = std::chrono::steady_clock::now();
      if (now - start > std::chrono::minutes(1)) break;
      if (!seen_writing_) {
        seen_writing_ = !Names(folder_.Path("")).empty() ||
                        !Names(temporary_.Path("")).empty();
      }
      if (seen_writing_ && now - start >= settle) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    run.Signal(SIGINT);
    return run.Wait();
  }

  void ExpectNothingLeft(const ProcessResult& run) {
    EXPECT_TRUE(seen_writing_) << "no file showed before SIGINT";
    EXPECT_EQ(run.signal, SIGINT) << "exit status " << run.exit_code;
    EXPECT_EQ(Names(folder_.Path("")), std::vector<std::string>{});
    EXPECT_EQ(Names(temporary_.Path("")), std::vector<std::string>{});
  }

  TemporaryDirectory folder_, temporary_;
  bool seen_writing_ = false;
};

TEST_F(InterruptedRun, CpuProfileLeavesNothing) {
  const ProcessResult run = Interrupt(
      {RungBinary<BottomRung>(), "--cpuprofile=" + folder_.Path("cpu.prof")},
      std::chrono::milliseconds(500));
  ExpectNothingLeft(run);
}

TEST_F(InterruptedRun, HeapProfileLeavesNothing) {
  SKIP_IN_SANITIZER_BUILD("no -tcmalloc binaries");
  const ProcessResult run =
      Interrupt({RungBinary<BottomRung>("tcmalloc"),
                 "--heapprofile=" + folder_.Path("h.heap")},
                std::chrono::milliseconds(1000));
  ExpectNothingLeft(run);
}

// SIGINT as soon as the temporary file shows, while it is being written.
TEST_F(InterruptedRun, DumpCfgLeavesNothing) {
  const ProcessResult run = Interrupt(
      {Binary(), "--scale=10", "--dump-cfg=" + folder_.Path("graph.cfg")},
      std::chrono::milliseconds(0));
  ExpectNothingLeft(run);
}

}  // namespace
}  // namespace havlak::testing
