//! Every allocation of the process counted: a `GlobalAlloc` around the
//! system allocator (glibc malloc) that adds to a few relaxed atomics. The
//! counts are the record's `allocations`, like the C++ counting build's
//! `operator new` counts, but always on. Each count is a relaxed load and
//! store, not a read-modify-write: plain moves on x86, where a locked add
//! cost rust-havlak1 9% of its time (perf). The programs allocate from one
//! thread at a time (the workload's thread, then main), so no count is
//! lost; two threads allocating at once could lose some.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering::Relaxed};

pub struct CountingAllocator;

static ALLOCATIONS: AtomicI64 = AtomicI64::new(0);
static BYTES: AtomicI64 = AtomicI64::new(0);
static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);
static PEAK_LIVE_BYTES: AtomicI64 = AtomicI64::new(0);

// `counter += delta`, without a locked instruction; returns the new value.
#[inline(always)]
fn add(counter: &AtomicI64, delta: i64) -> i64 {
    let value = counter.load(Relaxed) + delta;
    counter.store(value, Relaxed);
    value
}

#[inline(always)]
fn counted(size: usize) {
    let size = size as i64;
    add(&ALLOCATIONS, 1);
    add(&BYTES, size);
    let live = add(&LIVE_BYTES, size);
    if live > PEAK_LIVE_BYTES.load(Relaxed) {
        PEAK_LIVE_BYTES.store(live, Relaxed);
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
        add(&LIVE_BYTES, -(layout.size() as i64));
        System.dealloc(block, layout)
    }
    // A reallocation is an allocation, as a vector's growth is in C++.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(block, layout, new_size);
        if !moved.is_null() {
            add(&LIVE_BYTES, -(layout.size() as i64));
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
