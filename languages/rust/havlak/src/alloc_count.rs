//! Every allocation of the process counted: a `GlobalAlloc` around the
//! system allocator (glibc malloc) that adds to a few relaxed atomics. The
//! counts are the record's `allocations`, like the C++ counting build's
//! `operator new` counts, but always on. Each count is a relaxed load and
//! store, not a read-modify-write: plain moves on x86, where a locked add
//! cost rust-havlak1 9% of its time (perf). The programs allocate from one
//! thread at a time (the workload's thread, then main), so no count is
//! lost; two threads allocating at once could lose some.
//!
//! Out of memory, the process prints "NAME: out of memory" and exits with
//! status 4, as the C++ rungs do, rather than Rust's abort. So no caller
//! ever sees a failed allocation (try_reserve included): none here wants to.

use crate::posix;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, AtomicPtr, AtomicUsize, Ordering::Relaxed};

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

static PROGRAM_NAME: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static PROGRAM_NAME_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The name the out-of-memory line begins with.
pub fn set_program_name(name: &'static str) {
    PROGRAM_NAME_BYTES.store(0, Relaxed);
    PROGRAM_NAME.store(name.as_ptr() as *mut u8, Relaxed);
    PROGRAM_NAME_BYTES.store(name.len(), Relaxed);
}

// One line on stderr, then exit status 4 (driver::EXIT_RESOURCE_LIMIT),
// without allocating: the line is built on the stack.
#[cold]
fn out_of_memory() -> ! {
    const WHAT: &[u8] = b"out of memory\n";
    let mut line = [0u8; 256];
    let mut length = 0;
    let name_bytes = PROGRAM_NAME_BYTES.load(Relaxed).min(line.len() - WHAT.len() - 2);
    let name = PROGRAM_NAME.load(Relaxed);
    if !name.is_null() && name_bytes > 0 {
        // SAFETY: the name is a &'static str of at least name_bytes bytes.
        line[..name_bytes].copy_from_slice(unsafe { std::slice::from_raw_parts(name, name_bytes) });
        line[name_bytes..name_bytes + 2].copy_from_slice(b": ");
        length = name_bytes + 2;
    }
    line[length..length + WHAT.len()].copy_from_slice(WHAT);
    length += WHAT.len();
    // SAFETY: write and _exit are plain system calls on a stack buffer.
    unsafe {
        posix::write(2, line.as_ptr(), length);
        posix::_exit(crate::driver::EXIT_RESOURCE_LIMIT)
    }
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc(layout);
        if block.is_null() {
            out_of_memory();
        }
        counted(layout.size());
        block
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc_zeroed(layout);
        if block.is_null() {
            out_of_memory();
        }
        counted(layout.size());
        block
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        add(&LIVE_BYTES, -(layout.size() as i64));
        System.dealloc(block, layout)
    }
    // A reallocation is an allocation, as a vector's growth is in C++.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(block, layout, new_size);
        if moved.is_null() {
            out_of_memory();
        }
        add(&LIVE_BYTES, -(layout.size() as i64));
        counted(new_size);
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
