//! Time, CPU time and memory of the process (havlak/measure.cc): getrusage
//! and /proc/self/status, from glibc, which std links anyway.

use std::os::raw::{c_char, c_int, c_long};
use std::time::Instant;

/// Wall time since it was made.
pub struct Stopwatch(Instant);

impl Stopwatch {
    pub fn new() -> Self {
        Stopwatch(Instant::now())
    }
    pub fn seconds(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}

impl Default for Stopwatch {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ResourceUsage {
    pub user_seconds: f64,
    pub system_seconds: f64,
    pub peak_rss_kib: i64,
}

#[repr(C)]
#[derive(Default)]
struct Timeval {
    seconds: c_long,
    microseconds: c_long,
}

// struct rusage of Linux: two timevals, then 14 longs, ru_maxrss first.
#[repr(C)]
#[derive(Default)]
struct Rusage {
    user: Timeval,
    system: Timeval,
    max_rss: c_long,
    rest: [c_long; 13],
}

extern "C" {
    fn getrusage(who: c_int, usage: *mut Rusage) -> c_int;
    fn isatty(fd: c_int) -> c_int;
    fn gnu_get_libc_version() -> *const c_char;
}

const RUSAGE_SELF: c_int = 0;

/// The whole process so far. On Linux ru_maxrss is in KiB.
pub fn read_resource_usage() -> ResourceUsage {
    let mut usage = Rusage::default();
    // SAFETY: getrusage fills the struct it is given, which has its layout.
    let status = unsafe { getrusage(RUSAGE_SELF, &mut usage) };
    if status != 0 {
        return ResourceUsage::default();
    }
    let seconds = |t: &Timeval| t.seconds as f64 + t.microseconds as f64 / 1e6;
    ResourceUsage {
        user_seconds: seconds(&usage.user),
        system_seconds: seconds(&usage.system),
        peak_rss_kib: usage.max_rss as i64,
    }
}

/// The process's peak resident memory as the kernel keeps it (VmHWM), in
/// KiB; -1 if unknown.
pub fn read_vm_hwm_kib() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(-1)
}

/// Whether standard error is a terminal (for the progress line).
pub fn stderr_is_terminal() -> bool {
    // SAFETY: isatty only reads the descriptor's state.
    unsafe { isatty(2) == 1 }
}

/// glibc's version, "2.36": the system allocator std uses is its malloc.
pub fn glibc_version() -> String {
    // SAFETY: glibc returns a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) }.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_and_time_are_read() {
        let usage = read_resource_usage();
        assert!(usage.peak_rss_kib > 0);
        assert!(read_vm_hwm_kib() > 0);
        assert!(glibc_version().starts_with("2."));
    }
}
