// jemalloc, linked in place of malloc. Its own heap profiles are switched on
// with MALLOC_CONF (see the README), not from here.
#include <jemalloc/jemalloc.h>

#include "havlak/allocator.h"

namespace havlak {

const char* AllocatorName() { return "jemalloc"; }

std::string AllocatorVersion() {
  const char* version = nullptr;
  size_t size = sizeof(version);
  if (mallctl("version", &version, &size, nullptr, 0) != 0) return "unknown";
  return version;
}

}  // namespace havlak
