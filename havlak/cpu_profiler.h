#ifndef HAVLAK_CPU_PROFILER_H_
#define HAVLAK_CPU_PROFILER_H_

// The gperftools CPU profiler, started and stopped in code: Debian links
// with --as-needed, so a binary that never calls ProfilerStart drops
// libprofiler and CPUPROFILE= would silently write nothing.
//
// The profiler writes into memory (memory_file.h), never to the disk: it
// aborts the process when a write fails. Stop() writes the profile to its
// path with OutputFile, which was opened by Start(): a path that cannot be
// written fails before the run, not after it.

#include <string>

#include "havlak/memory_file.h"
#include "havlak/output_file.h"
#include "havlak/status.h"

namespace havlak {

class CpuProfile {
 public:
  // Opens `path` and starts profiling. Fails if CPUPROFILE already started
  // the profiler.
  Status Start(const std::string& path);
  // Stops profiling and writes the profile to the path; succeeds at once
  // if the profiler is not running.
  Status Stop();
  bool running() const { return running_; }

  // Whether the CPUPROFILE environment variable already profiles the run.
  static bool StartedByEnvironment();

 private:
  OutputFile out_;
  MemoryFile profile_;
  bool running_ = false;
};

}  // namespace havlak

#endif  // HAVLAK_CPU_PROFILER_H_
