// tcmalloc from gperftools, linked in place of malloc, with its heap
// profiler. The profiler records every allocation (15-30x slower): it runs
// only when asked, never together with the CPU profiler.
#include <gperftools/heap-profiler.h>
#include <gperftools/tcmalloc.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

#include "havlak/allocator.h"
#include "havlak/atomic_file.h"

namespace havlak {
namespace {

std::string heap_profile_path;
// tcmalloc also dumps on its own every HEAP_PROFILE_ALLOCATION_INTERVAL
// bytes; those interim dumps go here and are removed.
std::filesystem::path interim_dumps;

}  // namespace

const char* AllocatorName() { return "tcmalloc"; }

std::string AllocatorVersion() {
  int major = 0, minor = 0;
  const char* patch = nullptr;
  return tc_version(&major, &minor, &patch);
}

bool CanProfileHeap() { return true; }

std::string StartHeapProfile(const std::string& path) {
  std::string directory = TemporaryPathFor(path) + ".XXXXXX";
  if (mkdtemp(directory.data()) == nullptr) {
    return "cannot create a directory next to " + path;
  }
  heap_profile_path = path;
  interim_dumps = directory;
  // Walking the stack with libgcc's unwinder roughly halves the profiler's
  // cost; an explicit setting in the environment wins.
  setenv("TCMALLOC_STACKTRACE_METHOD", "libgcc", /*overwrite=*/0);
  HeapProfilerStart((interim_dumps / "interim").c_str());
  return "";
}

std::string WriteHeapProfile() {
  if (!IsHeapProfilerRunning()) return "no heap profile was started";
  const std::unique_ptr<char, decltype(&std::free)> profile(GetHeapProfile(),
                                                            &std::free);
  HeapProfilerStop();
  std::error_code ignored;
  std::filesystem::remove_all(interim_dumps, ignored);
  return WriteFileAtomically(heap_profile_path, profile.get());
}

}  // namespace havlak
