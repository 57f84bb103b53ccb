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

// The kernel's own high-water mark of resident memory, VmHWM from
// /proc/self/status, in KiB; -1 if it cannot be read. It should equal
// ResourceUsage::peak_rss_kib: the suite reports both so that a reader can
// see the figure is not the 4x one of GNU time 1.7.
std::int64_t ReadVmHwmKib();

}  // namespace havlak

#endif  // HAVLAK_MEASURE_H_
