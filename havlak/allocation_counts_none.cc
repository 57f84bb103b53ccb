// Timed builds do not count allocations; the -counting build does.
#include "havlak/allocator.h"

namespace havlak {

std::optional<AllocationCounts> ReadAllocationCounts() { return std::nullopt; }
bool SetAllocationCounting(bool) { return false; }
void ResetAllocationCounts() {}

}  // namespace havlak
