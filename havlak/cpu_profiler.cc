#include "havlak/cpu_profiler.h"

#include <gperftools/profiler.h>

#include <cstdio>

#include "havlak/atomic_file.h"

namespace havlak {

bool CpuProfile::StartedByEnvironment() {
  ProfilerState state{};
  ProfilerGetCurrentState(&state);
  return state.enabled != 0;
}

std::string CpuProfile::Start(const std::string& path) {
  temporary_ = TemporaryPathFor(path);
  if (ProfilerStart(temporary_.c_str()) == 0) {
    return "cannot start the CPU profiler writing to " + path;
  }
  path_ = path;
  return "";
}

std::string CpuProfile::Stop() {
  if (!running()) return "";
  ProfilerStop();
  const std::string path = path_;
  path_.clear();
  return CommitTemporaryFile(temporary_, path);
}

}  // namespace havlak
