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
#include "havlak/memory_file.h"

namespace havlak {
namespace {

bool started = false;

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

// Profiling has been on since the program started: nothing to begin.
std::string StartHeapProfile() {
  if (!ProfilingEnabled()) {
    return "jemalloc heap profiles need profiling switched on when the "
           "program starts: MALLOC_CONF=prof:true,prof_accum:true";
  }
  started = true;
  return "";
}

// jemalloc dumps only to a file name: a file in memory, read back.
std::string TakeHeapProfile(std::string* profile) {
  if (!started) return "no heap profile was started";
  started = false;
  MemoryFile dump;
  if (std::string error = dump.Create("jemalloc-heap"); !error.empty()) {
    return error;
  }
  const char* name = dump.path().c_str();
  if (mallctl("prof.dump", nullptr, nullptr, &name, sizeof(name)) != 0) {
    return "jemalloc could not dump its heap profile";
  }
  return dump.ReadAll(profile);
}

}  // namespace havlak
