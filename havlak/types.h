#ifndef HAVLAK_TYPES_H_
#define HAVLAK_TYPES_H_

#include <cstdint>

namespace havlak {

// A basic block's number. Blocks are numbered densely, 0..N-1, in every graph
// the suite hands to a rung, so a rung may index vectors with them.
using BlockId = std::int32_t;

}  // namespace havlak

#endif  // HAVLAK_TYPES_H_
