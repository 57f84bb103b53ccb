//! Every allocation of the process counted, for the record's `allocations`:
//! a `GlobalAlloc` around the system allocator (glibc malloc). Each count
//! is a relaxed load and store, not a read-modify-write: plain moves on
//! x86, where a locked add cost rust-havlak1 9% of its time (perf). The
//! programs allocate from one thread at a time (the workload's thread, then
//! main), so no count is lost. Out of memory, Rust aborts as it always does.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

static ALLOCATIONS: AtomicI64 = AtomicI64::new(0);
static BYTES: AtomicI64 = AtomicI64::new(0);
static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);
static PEAK_LIVE_BYTES: AtomicI64 = AtomicI64::new(0);

// `counter += delta` without a locked instruction; returns the new value.
#[inline(always)]
fn add(counter: &AtomicI64, delta: i64) -> i64 {
    let value = counter.load(Relaxed) + delta;
    counter.store(value, Relaxed);
    value
}

#[inline(always)]
fn counted(block: *mut u8, size: usize) -> *mut u8 {
    if !block.is_null() {
        add(&ALLOCATIONS, 1);
        add(&BYTES, size as i64);
        let live = add(&LIVE_BYTES, size as i64);
        if live > PEAK_LIVE_BYTES.load(Relaxed) {
            PEAK_LIVE_BYTES.store(live, Relaxed);
        }
    }
    block
}

struct CountingAllocator;

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(System.alloc(layout), layout.size())
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        counted(System.alloc_zeroed(layout), layout.size())
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        add(&LIVE_BYTES, -(layout.size() as i64));
        System.dealloc(block, layout)
    }
    // A reallocation is an allocation, as a vector's growth is in C++.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(block, layout, new_size);
        if !moved.is_null() {
            add(&LIVE_BYTES, -(layout.size() as i64));
        }
        counted(moved, new_size)
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// (allocations, bytes asked for, peak live bytes) of the process so far.
pub fn counts() -> (i64, i64, i64) {
    (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed), PEAK_LIVE_BYTES.load(Relaxed))
}
