#ifndef HAVLAK_TESTS_SUBPROCESS_H_
#define HAVLAK_TESTS_SUBPROCESS_H_

// Runs a program and collects what it printed, for end-to-end tests of the
// rung binaries.

#include <string>
#include <vector>

namespace havlak::testing {

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal
  int signal = 0;      // the signal that killed it, or 0
  std::string out;
  std::string err;
};

// Runs `argv` with `input` on standard input, and `env` ("NAME=value")
// added to this process's environment. argv[0] is looked up in PATH unless
// it holds a slash.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "",
                         const std::vector<std::string>& env = {});

// A program running in the background, its output discarded, for tests
// that signal it mid-run. The destructor kills it if it still runs.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::vector<std::string>& env = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  void Signal(int signal_number);
  // Whether it has ended (then Wait() returns at once).
  bool Ended();
  // Waits for it to end; out and err stay empty.
  ProcessResult Wait();

 private:
  int pid_ = -1;
  bool waited_ = false;
  int status_ = 0;
};

// A directory under the system's temporary directory, removed with all it
// holds when this goes out of scope.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  // `name` inside the directory.
  std::string Path(const std::string& name) const;
  // Writes `contents` to the file `name` inside the directory, replacing
  // it, and returns its path.
  std::string Write(const std::string& name, const std::string& contents) const;

 private:
  std::string path_;
};

// The path of a binary built next to the rungs: build/bin/NAME, or
// $HAVLAK_TEST_BIN_DIR/NAME when that is set.
std::string BinaryPath(const std::string& name);

// The sanitizer build links the rungs with glibc malloc only, and its
// memory figures include ASan's shadow: tests that need the other builds,
// or real memory figures, skip there.
#ifdef HAVLAK_SANITIZE_BUILD
#define SKIP_IN_SANITIZER_BUILD(why) GTEST_SKIP() << (why)
#else
#define SKIP_IN_SANITIZER_BUILD(why) static_cast<void>(0)
#endif

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_SUBPROCESS_H_
