#ifndef HAVLAK_CPU_PROFILER_H_
#define HAVLAK_CPU_PROFILER_H_

// The gperftools CPU profiler, started and stopped in code: Debian links
// with --as-needed, so a binary that never calls ProfilerStart drops
// libprofiler and CPUPROFILE= would silently write nothing.

#include <string>

namespace havlak {

class CpuProfile {
 public:
  // Starts profiling into a temporary file next to `path`; "" or an error.
  // Fails if CPUPROFILE already started the profiler.
  std::string Start(const std::string& path);
  // Flushes the profile and renames it to `path`; "" or an error.
  std::string Stop();
  bool running() const { return !path_.empty(); }

  // Whether the CPUPROFILE environment variable already profiles the run.
  static bool StartedByEnvironment();

 private:
  std::string path_;
  std::string temporary_;
};

}  // namespace havlak

#endif  // HAVLAK_CPU_PROFILER_H_
