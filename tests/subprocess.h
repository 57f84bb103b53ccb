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

// Runs `argv` (argv[0] is a path) with `input` on standard input.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "");

// The path of a binary built next to the rungs: build/bin/NAME.
std::string BinaryPath(const std::string& name);

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_SUBPROCESS_H_
