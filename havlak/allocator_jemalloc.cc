// jemalloc, linked in place of malloc. Debian's jemalloc is built with heap
// profiling; it is switched on when the program starts, by MALLOC_CONF:
//
//   export MALLOC_CONF=prof:true,prof_accum:true,lg_prof_sample:14
//   build/bin/havlak3-jemalloc --heapprofile=havlak3.jemalloc.heap
//   jeprof --text --alloc_space build/bin/havlak3-jemalloc havlak3.jemalloc.heap
//
// Only jeprof reads jemalloc's dumps.
#include <jemalloc/jemalloc.h>

#include <string>

#include "havlak/allocator.h"
#include "havlak/atomic_file.h"

namespace havlak {
namespace {

std::string heap_profile_path;

bool ProfilingEnabled() {
  bool enabled = false;
  size_t size = sizeof(enabled);
  return mallctl("opt.prof", &enabled, &size, nullptr, 0) == 0 && enabled;
}

}  // namespace

const char* AllocatorName() { return "jemalloc"; }

std::string AllocatorVersion() {
  const char* version = nullptr;
  size_t size = sizeof(version);
  if (mallctl("version", &version, &size, nullptr, 0) != 0) return "unknown";
  return version;
}

bool CanProfileHeap() { return ProfilingEnabled(); }

// Profiling has been on since the program started; this only names the file.
std::string StartHeapProfile(const std::string& path) {
  if (!ProfilingEnabled()) {
    return "jemalloc heap profiles need profiling switched on when the "
           "program starts: MALLOC_CONF=prof:true,prof_accum:true";
  }
  heap_profile_path = path;
  return "";
}

std::string WriteHeapProfile() {
  if (heap_profile_path.empty()) return "no heap profile was started";
  const std::string temporary = TemporaryPathFor(heap_profile_path);
  const char* name = temporary.c_str();
  if (mallctl("prof.dump", nullptr, nullptr, &name, sizeof(name)) != 0) {
    return "jemalloc could not write " + heap_profile_path;
  }
  return CommitTemporaryFile(temporary, heap_profile_path);
}

}  // namespace havlak
