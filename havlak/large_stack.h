#ifndef HAVLAK_LARGE_STACK_H_
#define HAVLAK_LARGE_STACK_H_

// Recursion is part of some rungs' design (the first rungs' depth-first
// search goes one level deeper per block of a chain). Rather than change those
// rungs, the harness runs them on a thread whose stack is sized for the graph;
// rungs that do not recurse (IsRecursive in rung.h) run on the caller's.
//
// Example:
//   RunOnStackFor(graph.num_blocks, IsRecursive<R>(), [&] { ... });

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>

namespace havlak {

// A stack could not be had: a resource limit (ulimit -v, the kernel's
// overcommit limit, too little memory), not a bug. The message says the
// size asked for and why it was refused.
class StackLimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Enough stack for a recursive depth-first search of `blocks` blocks.
std::size_t StackBytesForBlocks(std::int64_t blocks);

// The stack a search of `blocks` blocks asks for: StackBytesForBlocks if
// it recurses, 0 (the caller's own stack) if not.
std::size_t StackBytesFor(std::int64_t blocks, bool recursive);

// Runs `task` on a new thread with a stack of `stack_bytes`, waits for it,
// and rethrows what it threw; StackLimitError if the thread cannot start.
// Untouched stack pages cost no memory.
void RunOnLargeStack(std::size_t stack_bytes,
                     const std::function<void()>& task);

// Runs `task` with the stack StackBytesFor(blocks, recursive) asks for;
// StackLimitError, naming the blocks too, if it cannot be had.
void RunOnStackFor(std::int64_t blocks, bool recursive,
                   const std::function<void()>& task);

}  // namespace havlak

#endif  // HAVLAK_LARGE_STACK_H_
