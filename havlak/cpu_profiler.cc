#include "havlak/cpu_profiler.h"

#include <gperftools/profiler.h>

namespace havlak {

bool CpuProfile::StartedByEnvironment() {
  ProfilerState state{};
  ProfilerGetCurrentState(&state);
  return state.enabled != 0;
}

std::string CpuProfile::Start(const std::string& path) {
  if (std::string error = out_.Open(path); !error.empty()) return error;
  if (std::string error = profile_.Create("cpu-profile"); !error.empty()) {
    return error;
  }
  if (ProfilerStart(profile_.path().c_str()) == 0) {
    return "cannot start the CPU profiler";
  }
  running_ = true;
  return "";
}

std::string CpuProfile::Stop() {
  if (!running_) return "";
  running_ = false;
  ProfilerStop();
  std::string bytes;
  if (std::string error = profile_.ReadAll(&bytes); !error.empty()) {
    return error;
  }
  if (std::string error = out_.Write(bytes); !error.empty()) return error;
  return out_.Commit();
}

}  // namespace havlak
