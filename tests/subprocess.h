#ifndef HAVLAK_TESTS_SUBPROCESS_H_
#define HAVLAK_TESTS_SUBPROCESS_H_

// Runs a program and collects what it printed, for end-to-end tests of the
// rung binaries.

#include <string>
#include <vector>

namespace havlak::testing {

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv` with `input` on standard input, and `env` ("NAME=value")
// added to this process's environment. argv[0] is looked up in PATH unless
// it holds a slash.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "",
                         const std::vector<std::string>& env = {});

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

 private:
  std::string path_;
};

// The path of a binary built next to the rungs: build/bin/NAME.
std::string BinaryPath(const std::string& name);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_SUBPROCESS_H_
