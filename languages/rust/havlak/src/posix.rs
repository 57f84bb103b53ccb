//! The few C library calls that std does not offer: signal handlers, the
//! state of a raw descriptor, and leaving without unwinding or allocating.
//! std links the C library already; these are its declarations for Linux
//! with glibc.

use std::os::raw::{c_char, c_int, c_ulong};

pub const SIGINT: c_int = 2;
pub const SIGHUP: c_int = 1;
pub const SIGTERM: c_int = 15;
pub const SIG_DFL: usize = 0;
pub const SIG_UNBLOCK: c_int = 1;
pub const SA_RESTART: c_int = 0x1000_0000;
pub const F_GETFD: c_int = 1;
pub const FD_CLOEXEC: c_int = 1;

/// glibc's `sigset_t`: 1,024 bits.
#[repr(C)]
pub struct SigSet {
    bits: [c_ulong; 1024 / (8 * std::mem::size_of::<c_ulong>())],
}

/// glibc's `struct sigaction` (the kernel's differs; glibc converts).
#[repr(C)]
pub struct SigAction {
    pub handler: usize,
    pub mask: SigSet,
    pub flags: c_int,
    pub restorer: usize,
}

#[cfg(target_arch = "x86_64")]
const _: () = assert!(std::mem::size_of::<SigAction>() == 152);

impl SigAction {
    pub const fn empty() -> Self {
        SigAction { handler: SIG_DFL, mask: SigSet::empty(), flags: 0, restorer: 0 }
    }
}

impl SigSet {
    pub const fn empty() -> Self {
        SigSet { bits: [0; 1024 / (8 * std::mem::size_of::<c_ulong>())] }
    }
}

extern "C" {
    pub fn sigaction(signal: c_int, action: *const SigAction, old: *mut SigAction) -> c_int;
    pub fn sigfillset(set: *mut SigSet) -> c_int;
    pub fn sigemptyset(set: *mut SigSet) -> c_int;
    pub fn sigaddset(set: *mut SigSet, signal: c_int) -> c_int;
    pub fn pthread_sigmask(how: c_int, set: *const SigSet, old: *mut SigSet) -> c_int;
    pub fn raise(signal: c_int) -> c_int;
    pub fn unlink(path: *const c_char) -> c_int;
    pub fn fcntl(fd: c_int, command: c_int, ...) -> c_int;
    pub fn write(fd: c_int, bytes: *const u8, count: usize) -> isize;
    pub fn _exit(status: c_int) -> !;
    pub fn __errno_location() -> *mut c_int;
}
