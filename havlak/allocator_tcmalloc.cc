// tcmalloc from gperftools, linked in place of malloc, with its heap
// profiler. The profiler records every allocation (15-30x slower): it runs
// only when asked, never together with the CPU profiler.
#include <gperftools/heap-profiler.h>
#include <gperftools/tcmalloc.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

#include "havlak/allocator.h"
#include "havlak/removed_on_signal.h"

namespace havlak {
namespace {

// tcmalloc also dumps on its own, every HEAP_PROFILE_ALLOCATION_INTERVAL
// bytes allocated and HEAP_PROFILE_INUSE_INTERVAL bytes more in use. Those
// interim dumps go to a folder of their own in the temporary directory,
// removed when the profile is taken, or by a signal that ends the run.
std::filesystem::path interim_dumps;
std::unique_ptr<RemovedOnSignal> interim_dumps_guard;

void RemoveInterimDumps() {
  std::error_code ignored;
  if (!interim_dumps.empty())
    std::filesystem::remove_all(interim_dumps, ignored);
  interim_dumps_guard.reset();
  interim_dumps.clear();
}

}  // namespace

const char* AllocatorName() { return "tcmalloc"; }

std::string AllocatorVersion() {
  int major = 0, minor = 0;
  const char* patch = nullptr;
  return tc_version(&major, &minor, &patch);
}

Status CanProfileHeap() { return Status(); }

Status StartHeapProfile() {
  std::error_code error;
  std::string folder =
      (std::filesystem::temp_directory_path(error) / "havlak-heap-XXXXXX")
          .string();
  if (error || mkdtemp(folder.data()) == nullptr) {
    return Status::Error(
        "cannot create a folder for tcmalloc's interim dumps in the "
        "temporary directory (TMPDIR)");
  }
  interim_dumps = folder;
  interim_dumps_guard =
      std::make_unique<RemovedOnSignal>(folder, RemovedOnSignal::kFolder);
  // Walking the stack with libgcc's unwinder roughly halves the profiler's
  // cost; an explicit setting in the environment wins.
  setenv("TCMALLOC_STACKTRACE_METHOD", "libgcc", /*overwrite=*/0);
  HeapProfilerStart((interim_dumps / "interim").c_str());
  return Status();
}

Status TakeHeapProfile(std::string* profile) {
  if (!IsHeapProfilerRunning()) {
    return Status::Error("no heap profile was started");
  }
  const std::unique_ptr<char, decltype(&std::free)> taken(GetHeapProfile(),
                                                          &std::free);
  HeapProfilerStop();
  RemoveInterimDumps();
  if (taken == nullptr) return Status::Error("tcmalloc gave no heap profile");
  *profile = taken.get();
  return Status();
}

}  // namespace havlak
