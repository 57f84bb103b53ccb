// jemalloc, linked in place of malloc. Debian's jemalloc is built with heap
// profiling; it is switched on when the program starts, by MALLOC_CONF:
//
//   export MALLOC_CONF=prof:true,prof_accum:true,lg_prof_sample:14
//   build/bin/havlakN-jemalloc --heapprofile=havlakN.jemalloc.heap
//   jeprof --text --alloc_space build/bin/havlakN-jemalloc
//   havlakN.jemalloc.heap
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

Status CanProfileHeap() {
  if (!ProfilingEnabled()) {
    return Status::Error(
        "jemalloc heap profiles need profiling switched on when the "
        "program starts: MALLOC_CONF=prof:true,prof_accum:true");
  }
  return Status();
}

// Profiling has been on since the program started: nothing to begin.
Status StartHeapProfile() {
  if (Status status = CanProfileHeap(); !status.ok()) return status;
  started = true;
  return Status();
}

// jemalloc dumps only to a file name: a file in memory, read back.
Status TakeHeapProfile(std::string* profile) {
  if (!started) return Status::Error("no heap profile was started");
  started = false;
  MemoryFile dump;
  if (Status status = dump.Create("jemalloc-heap"); !status.ok()) {
    return status;
  }
  const char* name = dump.path().c_str();
  if (mallctl("prof.dump", nullptr, nullptr, &name, sizeof(name)) != 0) {
    return Status::Error("jemalloc could not dump its heap profile");
  }
  return dump.ReadAll(profile);
}

}  // namespace havlak
