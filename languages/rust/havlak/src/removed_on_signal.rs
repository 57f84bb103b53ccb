//! Temporary files that must not outlive the process, as
//! havlak/removed_on_signal.h: if SIGINT, SIGTERM or SIGHUP ends it while
//! one is registered, a signal handler removes it, then the process dies of
//! the signal as it would have, so its exit status still names the signal.
//! Signals the process was started ignoring stay ignored. At most 16 paths
//! are registered at once, each under 4,096 bytes (the handler can only use
//! storage set aside before it runs); a path past that is not protected.
//!
//! ```ignore
//! let guard = RemovedOnSignal::new(temporary);
//! // ... create, write and rename `temporary` ...
//! drop(guard); // unregisters it
//! ```

use crate::posix;
use std::cell::UnsafeCell;
use std::os::raw::c_int;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Once;

const MAX_PATH: usize = 4096;
const FREE: i32 = 0;
const FILLING: i32 = 1; // taken, the path not yet complete
const REGISTERED: i32 = 2;

struct Slot {
    state: AtomicI32,
    path: UnsafeCell<[u8; MAX_PATH]>, // NUL-terminated
}

// SAFETY: only the thread that moved a slot from FREE to FILLING writes its
// path; the handler reads it only once the state is REGISTERED, stored with
// Release after the write.
unsafe impl Sync for Slot {}

const FREE_SLOT: Slot = Slot { state: AtomicI32::new(FREE), path: UnsafeCell::new([0; MAX_PATH]) };
static SLOTS: [Slot; 16] = [FREE_SLOT; 16];

const SIGNALS: [c_int; 3] = [posix::SIGINT, posix::SIGTERM, posix::SIGHUP];

// Only async-signal-safe calls here: unlink, sigaction, raise. No
// allocation, no lock.
extern "C" fn remove_registered_and_die(signal: c_int) {
    // SAFETY: the slots' paths are NUL-terminated buffers in statics; the
    // structs passed to the C library have its layout.
    unsafe {
        let saved_errno = *posix::__errno_location();
        for slot in &SLOTS {
            if slot.state.load(Ordering::Acquire) == REGISTERED {
                posix::unlink(slot.path.get() as *const _);
            }
        }
        // Die of the signal itself, with its default action.
        let default_action = posix::SigAction::empty();
        posix::sigaction(signal, &default_action, std::ptr::null_mut());
        let mut unblock = posix::SigSet::empty();
        posix::sigemptyset(&mut unblock);
        posix::sigaddset(&mut unblock, signal);
        posix::pthread_sigmask(posix::SIG_UNBLOCK, &unblock, std::ptr::null_mut());
        posix::raise(signal);
        *posix::__errno_location() = saved_errno;
    }
}

fn install_handlers() {
    for signal in SIGNALS {
        // SAFETY: sigaction reads and fills structs of its own layout.
        unsafe {
            let mut current = posix::SigAction::empty();
            posix::sigaction(signal, std::ptr::null(), &mut current);
            if current.handler != posix::SIG_DFL {
                continue; // ignored, or someone's
            }
            let mut action = posix::SigAction::empty();
            action.handler = remove_registered_and_die as extern "C" fn(c_int) as usize;
            posix::sigfillset(&mut action.mask); // one handler at a time
            action.flags = posix::SA_RESTART;
            posix::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// A file removed if a signal ends the process while this lives.
pub struct RemovedOnSignal {
    slot: Option<usize>,
}

impl RemovedOnSignal {
    /// Registers `path` (no NUL in it) before the file is created.
    pub fn new(path: &[u8]) -> Self {
        static INSTALLED: Once = Once::new();
        INSTALLED.call_once(install_handlers);
        if path.len() >= MAX_PATH || path.contains(&0) {
            return RemovedOnSignal { slot: None };
        }
        for (index, slot) in SLOTS.iter().enumerate() {
            if slot.state.compare_exchange(FREE, FILLING, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                // SAFETY: FILLING makes this thread the slot's only writer,
                // and the handler does not read a slot that is FILLING.
                let buffer = unsafe { &mut *slot.path.get() };
                buffer[..path.len()].copy_from_slice(path);
                buffer[path.len()] = 0;
                slot.state.store(REGISTERED, Ordering::Release);
                return RemovedOnSignal { slot: Some(index) };
            }
        }
        RemovedOnSignal { slot: None }
    }
}

impl Drop for RemovedOnSignal {
    fn drop(&mut self) {
        if let Some(index) = self.slot {
            SLOTS[index].state.store(FREE, Ordering::Release);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_holds_a_slot_while_it_lives() {
        let taken = |index: usize| SLOTS[index].state.load(Ordering::Acquire) == REGISTERED;
        let guard = RemovedOnSignal::new(b"/tmp/some/file.tmp.1.0");
        let index = guard.slot.expect("a free slot");
        assert!(taken(index));
        // SAFETY: the slot is registered and this test does not change it.
        let path = unsafe { &*SLOTS[index].path.get() };
        assert_eq!(&path[..23], b"/tmp/some/file.tmp.1.0\0");
        drop(guard);
        assert!(!taken(index));
    }

    #[test]
    fn a_path_too_long_or_with_nul_is_not_registered() {
        assert!(RemovedOnSignal::new(&[b'a'; MAX_PATH]).slot.is_none());
        assert!(RemovedOnSignal::new(b"a\0b").slot.is_none());
    }
}
