// Global operator new and delete, replaced to count: the -counting build.
// Only C++ allocations are seen, which is all the rungs make. In a file of
// its own: gcc 12 warns (-Wmismatched-new-delete) when replacements share a
// file with code that calls them.
#include <malloc.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

#include "havlak/allocator.h"

namespace {

std::atomic<bool> counting{true};
std::atomic<std::int64_t> allocations{0};
std::atomic<std::int64_t> requested_bytes{0};
// Live bytes are counted as malloc_usable_size reports them, on both sides,
// so they balance whether or not delete is told the size.
std::atomic<std::int64_t> live_bytes{0};
std::atomic<std::int64_t> peak_live_bytes{0};

void* CountedAllocate(std::size_t size, std::size_t alignment) {
  if (size == 0) size = 1;
  void* block = alignment <= alignof(std::max_align_t)
                    ? std::malloc(size)
                    : std::aligned_alloc(alignment, (size + alignment - 1) /
                                                        alignment * alignment);
  if (block == nullptr || !counting.load(std::memory_order_relaxed)) {
    return block;
  }
  allocations.fetch_add(1, std::memory_order_relaxed);
  requested_bytes.fetch_add(static_cast<std::int64_t>(size),
                            std::memory_order_relaxed);
  const std::int64_t live =
      live_bytes.fetch_add(malloc_usable_size(block),
                           std::memory_order_relaxed) +
      static_cast<std::int64_t>(malloc_usable_size(block));
  std::int64_t peak = peak_live_bytes.load(std::memory_order_relaxed);
  while (live > peak && !peak_live_bytes.compare_exchange_weak(
                            peak, live, std::memory_order_relaxed)) {
  }
  return block;
}

void* CountedAllocateOrThrow(std::size_t size, std::size_t alignment) {
  void* block = CountedAllocate(size, alignment);
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void CountedFree(void* block) {
  if (block == nullptr) return;
  // Blocks allocated while counting was off are subtracted too; live_bytes
  // is only read as a peak relative to where counting started.
  live_bytes.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(block)),
                       std::memory_order_relaxed);
  std::free(block);
}

constexpr std::size_t kDefault = alignof(std::max_align_t);

}  // namespace

namespace havlak {

std::optional<AllocationCounts> ReadAllocationCounts() {
  return AllocationCounts{allocations.load(), requested_bytes.load(),
                          peak_live_bytes.load()};
}

bool SetAllocationCounting(bool on) { return counting.exchange(on); }

void ResetAllocationCounts() {
  allocations = 0;
  requested_bytes = 0;
  live_bytes = 0;
  peak_live_bytes = 0;
}

}  // namespace havlak

void* operator new(std::size_t size) {
  return CountedAllocateOrThrow(size, kDefault);
}
void* operator new[](std::size_t size) {
  return CountedAllocateOrThrow(size, kDefault);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return CountedAllocate(size, kDefault);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return CountedAllocate(size, kDefault);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return CountedAllocateOrThrow(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return CountedAllocateOrThrow(size, static_cast<std::size_t>(alignment));
}
void* operator new(std::size_t size, std::align_val_t alignment,
                   const std::nothrow_t&) noexcept {
  return CountedAllocate(size, static_cast<std::size_t>(alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment,
                     const std::nothrow_t&) noexcept {
  return CountedAllocate(size, static_cast<std::size_t>(alignment));
}

void operator delete(void* block) noexcept { CountedFree(block); }
void operator delete[](void* block) noexcept { CountedFree(block); }
void operator delete(void* block, std::size_t) noexcept { CountedFree(block); }
void operator delete[](void* block, std::size_t) noexcept {
  CountedFree(block);
}
void operator delete(void* block, const std::nothrow_t&) noexcept {
  CountedFree(block);
}
void operator delete[](void* block, const std::nothrow_t&) noexcept {
  CountedFree(block);
}
void operator delete(void* block, std::align_val_t) noexcept {
  CountedFree(block);
}
void operator delete[](void* block, std::align_val_t) noexcept {
  CountedFree(block);
}
void operator delete(void* block, std::size_t, std::align_val_t) noexcept {
  CountedFree(block);
}
void operator delete[](void* block, std::size_t, std::align_val_t) noexcept {
  CountedFree(block);
}
void operator delete(void* block, std::align_val_t,
                     const std::nothrow_t&) noexcept {
  CountedFree(block);
}
void operator delete[](void* block, std::align_val_t,
                       const std::nothrow_t&) noexcept {
  CountedFree(block);
}
