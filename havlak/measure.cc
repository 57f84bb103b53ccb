#include "havlak/measure.h"

#include <sys/resource.h>

#include <fstream>
#include <string>

namespace havlak {
namespace {

double Seconds(const timeval& time) {
  return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6;
}

}  // namespace

ResourceUsage ReadResourceUsage() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  // On Linux ru_maxrss is in KiB (it was the 4x-inflated figure of GNU time
  // 1.7 that misread it as pages).
  return {Seconds(usage.ru_utime), Seconds(usage.ru_stime), usage.ru_maxrss};
}

std::int64_t ReadVmHwmKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stoll(line.substr(6));
  }
  return -1;
}

}  // namespace havlak
