#include "havlak/cpu_profiler.h"

#include <gperftools/profiler.h>

namespace havlak {

bool CpuProfile::StartedByEnvironment() {
  ProfilerState state{};
  ProfilerGetCurrentState(&state);
  return state.enabled != 0;
}

Status CpuProfile::Start(const std::string& path) {
  if (Status status = out_.Open(path); !status.ok()) return status;
  if (Status status = profile_.Create("cpu-profile"); !status.ok()) {
    return status;
  }
  if (ProfilerStart(profile_.path().c_str()) == 0) {
    return Status::Error("cannot start the CPU profiler");
  }
  running_ = true;
  return Status();
}

Status CpuProfile::Stop() {
  if (!running_) return Status();
  running_ = false;
  ProfilerStop();
  std::string bytes;
  if (Status status = profile_.ReadAll(&bytes); !status.ok()) return status;
  if (Status status = out_.Write(bytes); !status.ok()) return status;
  return out_.Commit();
}

}  // namespace havlak
