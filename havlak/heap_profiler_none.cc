// glibc builds have no heap profiler.
#include "havlak/allocator.h"

namespace havlak {

bool CanProfileHeap() { return false; }

std::string StartHeapProfile() {
  return std::string("heap profiles need tcmalloc's or jemalloc's heap "
                     "profiler, and this build uses ") +
         AllocatorName() + ": use the -tcmalloc or -jemalloc build of this rung";
}

std::string TakeHeapProfile(std::string*) {
  return "no heap profile was started";
}

}  // namespace havlak
