#include "havlak/build_info.h"

namespace havlak {

const char* CompilerVersion() {
#if defined(__clang__)
  return "clang++ " __clang_version__;
#elif defined(__GNUC__)
  return "g++ " __VERSION__;
#else
  return "unknown";
#endif
}

// HAVLAK_BUILD_FLAGS comes from havlak/CMakeLists.txt.
const char* BuildFlags() { return HAVLAK_BUILD_FLAGS; }

}  // namespace havlak
