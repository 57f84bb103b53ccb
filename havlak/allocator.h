#ifndef HAVLAK_ALLOCATOR_H_
#define HAVLAK_ALLOCATOR_H_

// The allocator a binary is linked with, and what it offers beyond malloc.
// Every rung is linked four ways from the same objects, each with one
// implementation of this header:
//
//   havlakN            glibc malloc             allocator_glibc.cc
//   havlakN-jemalloc   jemalloc, heap profiler  allocator_jemalloc.cc
//   havlakN-tcmalloc   tcmalloc, heap profiler  allocator_tcmalloc.cc
//   havlakN-counting   glibc, counting new      counting_new.cc
//
// The counting build replaces global operator new and delete to count
// allocations; it exists so the timed builds are not disturbed by counting.

#include <cstdint>
#include <optional>
#include <string>

#include "havlak/status.h"

namespace havlak {

// "glibc", "jemalloc" or "tcmalloc".
const char* AllocatorName();
// The allocator library's own version string.
std::string AllocatorVersion();

// Heap profiling, in tcmalloc builds, and in jemalloc builds started with
// MALLOC_CONF=prof:true (see allocator_jemalloc.cc). CanProfileHeap fails
// saying why this build or run cannot; StartHeapProfile begins recording
// (tcmalloc) or checks that recording is on (jemalloc has recorded since
// the program started); TakeHeapProfile stops and hands over what was
// recorded, a profile file's bytes (a pprof heap profile; jeprof's format
// for jemalloc), for the caller to write.
Status CanProfileHeap();
Status StartHeapProfile();
Status TakeHeapProfile(std::string* profile);

struct AllocationCounts {
  std::int64_t allocations = 0;      // calls of operator new
  std::int64_t bytes = 0;            // bytes they asked for
  std::int64_t peak_live_bytes = 0;  // the most allocated and not yet freed
};

// Counts since the process started, in counting builds only.
std::optional<AllocationCounts> ReadAllocationCounts();

// Counting builds count from the start. The benchmark binary, which also
// replaces operator new, switches counting off while it times and on where
// it measures allocations. Returns whether counting was on (always false
// outside counting builds).
bool SetAllocationCounting(bool on);
// Zeroes the counts.
void ResetAllocationCounts();

}  // namespace havlak

#endif  // HAVLAK_ALLOCATOR_H_
