// OutputFile and RemovedOnSignal, the writer every output path goes
// through (output_paths_test.cc runs them through the binaries), and the
// Status its calls return, as every fallible call in havlak/ does.

#include "havlak/output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "havlak/removed_on_signal.h"
#include "havlak/status.h"
#include "subprocess.h"

namespace havlak::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool IsEmpty(const std::string& folder) {
  return fs::directory_iterator(folder) == fs::directory_iterator();
}

TEST(Status, DefaultIsSuccessWithoutMessage) {
  const Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status, Status());
}

TEST(Status, ErrorCarriesItsMessage) {
  const Status status = Status::Error("cannot write a.txt: No space left");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "cannot write a.txt: No space left");
  EXPECT_NE(status, Status());
  EXPECT_NE(status, Status::Error("another"));
}

TEST(Status, ErrorWithoutMessageStillFails) {
  const Status status = Status::Error("");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "failed");
}

TEST(Status, PrintsOkOrItsMessage) {
  std::ostringstream out;
  out << Status() << "; " << Status::Error("no");
  EXPECT_EQ(out.str(), "OK; no");
}

TEST(OutputFile, UnopenedFileFailsToWriteAndCommit) {
  OutputFile out;
  EXPECT_FALSE(out.Write("x").ok());
  EXPECT_FALSE(out.Commit().ok());
}

TEST(OutputFile, NewFileAppearsOnlyWhenCommitted) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("new.txt");
  OutputFile out;
  ASSERT_EQ(out.Open(path), Status());
  ASSERT_EQ(out.Write("hello\n"), Status());
  EXPECT_FALSE(fs::exists(path));
  ASSERT_EQ(out.Commit(), Status());
  EXPECT_EQ(ReadFile(path), "hello\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(directory.Path("")),
                          fs::directory_iterator()),
            1);
}

TEST(OutputFile, AbandonedFileLeavesTheOldOneAndNoTemporary) {
  const TemporaryDirectory directory;
  const std::string path = directory.Path("kept.txt");
  ASSERT_EQ(WriteOutputFile(path, "old\n"), Status());
  {
    OutputFile out;
    ASSERT_EQ(out.Open(path), Status());
    ASSERT_EQ(out.Write("new, never committed\n"), Status());
  }
  EXPECT_EQ(ReadFile(path), "old\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(directory.Path("")),
                          fs::directory_iterator()),
            1);
}

TEST(OutputFile, DanglingSymbolicLinkCreatesItsTarget) {
  const TemporaryDirectory directory;
  fs::create_symlink("target.txt", directory.Path("link"));
  ASSERT_EQ(WriteOutputFile(directory.Path("link"), "via the link\n"),
            Status());
  EXPECT_TRUE(fs::is_symlink(directory.Path("link")));
  EXPECT_EQ(ReadFile(directory.Path("target.txt")), "via the link\n");
}

TEST(OutputFile, LinkLoopIsAnError) {
  const TemporaryDirectory directory;
  fs::create_symlink("b", directory.Path("a"));
  fs::create_symlink("a", directory.Path("b"));
  EXPECT_EQ(WriteOutputFile(directory.Path("a"), "x"),
            Status::Error("cannot write " + directory.Path("a") +
                          ": Too many levels of symbolic links"));
}

TEST(OutputFile, ErrorsEscapeTheName) {
  EXPECT_EQ(WriteOutputFile("/nonexistent/a\nb", "x"),
            Status::Error(
                "cannot write /nonexistent/a\\nb: No such file or directory"));
}

// The process dies of the signal, and the registered paths are gone.
TEST(RemovedOnSignalDeathTest, SigintRemovesRegisteredFilesAndFolders) {
  GTEST_FLAG_SET(death_test_style, "fast");  // the child shares the folder
  const TemporaryDirectory directory;
  const std::string path = directory.Path("target.txt");
  const std::string folder = directory.Path("interim");
  EXPECT_EXIT(
      {
        OutputFile out;
        if (!out.Open(path).ok()) std::exit(1);
        if (!out.Write("half").ok()) std::exit(1);
        fs::create_directory(folder);
        std::ofstream(folder + "/dump.0001.heap") << "x";
        const RemovedOnSignal guard(folder, RemovedOnSignal::kFolder);
        raise(SIGINT);
        std::exit(2);  // not reached
      },
      ::testing::KilledBySignal(SIGINT), "");
  EXPECT_TRUE(IsEmpty(directory.Path("")));
}

TEST(RemovedOnSignalDeathTest, UnregisteredPathsStay) {
  GTEST_FLAG_SET(death_test_style, "fast");  // the child shares the folder
  const TemporaryDirectory directory;
  const std::string path = directory.Path("done.txt");
  EXPECT_EXIT(
      {
        if (!WriteOutputFile(path, "complete\n").ok()) std::exit(1);
        { const RemovedOnSignal guard(path, RemovedOnSignal::kFile); }
        raise(SIGTERM);
        std::exit(2);
      },
      ::testing::KilledBySignal(SIGTERM), "");
  EXPECT_EQ(ReadFile(path), "complete\n");
}

}  // namespace
}  // namespace havlak::testing
