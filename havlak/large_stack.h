#ifndef HAVLAK_LARGE_STACK_H_
#define HAVLAK_LARGE_STACK_H_

// Recursion is part of some rungs' design (havlak1's depth-first search goes
// one level deeper per block of a chain). Rather than change those rungs,
// the harness runs them on a thread whose stack is sized for the graph.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace havlak {

// Enough stack for a recursive depth-first search of `blocks` blocks.
std::size_t StackBytesForBlocks(std::int64_t blocks);

// Runs `task` on a new thread with a stack of `stack_bytes`, waits for it,
// and rethrows what it threw. Untouched stack pages cost no memory.
void RunOnLargeStack(std::size_t stack_bytes, const std::function<void()>& task);

}  // namespace havlak

#endif  // HAVLAK_LARGE_STACK_H_
