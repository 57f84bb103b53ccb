// glibc builds have no heap profiler.
#include "havlak/allocator.h"

namespace havlak {

Status CanProfileHeap() {
  return Status::Error(
      std::string("heap profiles need tcmalloc's or jemalloc's heap "
                  "profiler, and this build uses ") +
      AllocatorName() + ": use the -tcmalloc or -jemalloc build of this rung");
}

Status StartHeapProfile() { return CanProfileHeap(); }

Status TakeHeapProfile(std::string*) {
  return Status::Error("no heap profile was started");
}

}  // namespace havlak
