#ifndef HAVLAK_MEASURE_H_
#define HAVLAK_MEASURE_H_

// Time and memory, as the process itself sees them.

#include <chrono>
#include <cstdint>

namespace havlak {

class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

struct ResourceUsage {
  double user_seconds = 0;
  double system_seconds = 0;
  // The high-water mark of resident memory (VmHWM), in KiB.
  std::int64_t peak_rss_kib = 0;
};

// For the whole process, all threads, since it started.
ResourceUsage ReadResourceUsage();

}  // namespace havlak

#endif  // HAVLAK_MEASURE_H_
