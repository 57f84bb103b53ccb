// glibc malloc: the system allocator.
#include <gnu/libc-version.h>

#include "havlak/allocator.h"

namespace havlak {

const char* AllocatorName() { return "glibc"; }
std::string AllocatorVersion() { return gnu_get_libc_version(); }

}  // namespace havlak
