//! Whether a standard stream (0, 1, 2) was open when the process started,
//! as havlak/standard_stream.cc asks it: open, and not close-on-exec.
//! Rust's runtime reopens a closed standard stream on /dev/null before
//! `main`, so asking later would read a closed standard input as empty and
//! write a closed standard output into nothing. The C library runs the
//! functions in `.init_array` before that, so one there looks first.

use crate::posix;
use std::os::raw::{c_char, c_int};
use std::sync::atomic::{AtomicU8, Ordering};

// Bit `fd` set: that stream was closed at start.
static CLOSED_AT_START: AtomicU8 = AtomicU8::new(0);

extern "C" fn record_standard_streams(_argc: c_int, _argv: *const *const c_char, _env: *const *const c_char) {
    let mut closed = 0;
    for fd in 0..3 {
        // SAFETY: F_GETFD only reads the descriptor's flags.
        let flags = unsafe { posix::fcntl(fd, posix::F_GETFD) };
        if flags < 0 || flags & posix::FD_CLOEXEC != 0 {
            closed |= 1 << fd;
        }
    }
    CLOSED_AT_START.store(closed, Ordering::Relaxed);
}

#[used]
#[link_section = ".init_array"]
static RECORD_STANDARD_STREAMS: extern "C" fn(c_int, *const *const c_char, *const *const c_char) =
    record_standard_streams;

/// Whether standard stream `fd` (0, 1 or 2) was open at start.
pub fn standard_stream_is_open(fd: i32) -> bool {
    CLOSED_AT_START.load(Ordering::Relaxed) & (1 << fd) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_runner_starts_with_its_streams_open() {
        // cargo test gives the runner a standard output and error.
        assert!(standard_stream_is_open(1));
        assert!(standard_stream_is_open(2));
    }
}
