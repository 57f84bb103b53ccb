//! Every allocation of the process counted: a `GlobalAlloc` around the
//! system allocator (glibc malloc) that adds to a few relaxed atomics. The
//! counts are the record's `allocations`, like the C++ counting build's
//! `operator new` counts, but always on: an uncontended relaxed add costs a
//! few nanoseconds next to malloc's tens.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

pub struct CountingAllocator;

static ALLOCATIONS: AtomicI64 = AtomicI64::new(0);
static BYTES: AtomicI64 = AtomicI64::new(0);
static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);
static PEAK_LIVE_BYTES: AtomicI64 = AtomicI64::new(0);

fn counted(size: usize) {
    let size = size as i64;
    ALLOCATIONS.fetch_add(1, Relaxed);
    BYTES.fetch_add(size, Relaxed);
    let live = LIVE_BYTES.fetch_add(size, Relaxed) + size;
    if live > PEAK_LIVE_BYTES.load(Relaxed) {
        PEAK_LIVE_BYTES.fetch_max(live, Relaxed);
    }
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc(layout);
        if !block.is_null() {
            counted(layout.size());
        }
        block
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc_zeroed(layout);
        if !block.is_null() {
            counted(layout.size());
        }
        block
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as i64, Relaxed);
        System.dealloc(block, layout)
    }
    // A reallocation is an allocation, as a vector's growth is in C++.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(block, layout, new_size);
        if !moved.is_null() {
            LIVE_BYTES.fetch_sub(layout.size() as i64, Relaxed);
            counted(new_size);
        }
        moved
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocationCounts {
    pub allocations: i64,
    pub bytes: i64,
    pub peak_live_bytes: i64,
}

/// The counts so far, for the whole process.
pub fn read() -> AllocationCounts {
    AllocationCounts {
        allocations: ALLOCATIONS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
        peak_live_bytes: PEAK_LIVE_BYTES.load(Relaxed),
    }
}
