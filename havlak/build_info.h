#ifndef HAVLAK_BUILD_INFO_H_
#define HAVLAK_BUILD_INFO_H_

// How this binary was compiled, for the record of every run.

namespace havlak {

// "g++ 12.2.0", from the compiler's own macros.
const char* CompilerVersion();
// The flags CMake compiled the suite with ("-O2 -g -DNDEBUG").
const char* BuildFlags();

}  // namespace havlak

#endif  // HAVLAK_BUILD_INFO_H_
