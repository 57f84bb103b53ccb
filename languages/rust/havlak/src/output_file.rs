//! Every file a program writes (--dump-cfg) goes through here, with the
//! rules of havlak/output_file.h: complete or not at all, and never in
//! place of something that is not ours to replace.
//!
//!   "-"                          standard output
//!   nothing yet, or a regular    a temporary file in the same folder,
//!   file                         renamed over it once complete
//!   a symbolic link              its target, by these rules
//!   a device, FIFO or socket     written in place, never replaced
//!   a folder                     refused
//!
//! A temporary file is registered with removed_on_signal before it is
//! created, so that SIGINT, SIGTERM or SIGHUP does not leave it behind.

use crate::removed_on_signal::RemovedOnSignal;
use crate::standard_stream::standard_stream_is_open;
use crate::text::{os_error, printable_name};
use std::ffi::OsStr;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

const ELOOP: i32 = 40;
const EISDIR: i32 = 21;
const EEXIST: i32 = 17;

// Follows symbolic links until a path that is not one (it may not exist).
fn follow_links(path: &[u8]) -> io::Result<PathBuf> {
    let mut path = PathBuf::from(OsStr::from_bytes(path));
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(path),
            Err(error) => return Err(error),
            Ok(status) if !status.file_type().is_symlink() => return Ok(path),
            Ok(_) => {
                let link = fs::read_link(&path)?;
                path = if link.is_absolute() {
                    link
                } else {
                    path.parent().map(|folder| folder.join(&link)).unwrap_or(link)
                };
            }
        }
    }
    Err(io::Error::from_raw_os_error(ELOOP))
}

/// Writes `contents` to `path` by the rules above; an error is one line
/// naming the path and the cause.
pub fn write_output_file(path: &[u8], contents: &[u8]) -> Result<(), Vec<u8>> {
    let failure = |what: &str, error: io::Error| -> Vec<u8> {
        [what.as_bytes(), b" ", &printable_name(path), b": ", os_error(&error).as_bytes()].concat()
    };
    if path == b"-" {
        if !standard_stream_is_open(1) {
            return Err(b"cannot write <stdout>: standard output is closed".to_vec());
        }
        let mut out = io::stdout().lock();
        return out.write_all(contents).and_then(|_| out.flush()).map_err(|e| failure("cannot write", e));
    }
    let target = follow_links(path).map_err(|e| failure("cannot write", e))?;
    let existing = fs::metadata(&target).ok();
    if let Some(status) = &existing {
        if status.is_dir() {
            return Err(failure("cannot write", io::Error::from_raw_os_error(EISDIR)));
        }
        if !status.is_file() {
            // A device or FIFO: written in place, never replaced.
            let mut file = OpenOptions::new().write(true).open(&target).map_err(|e| failure("cannot write", e))?;
            return file.write_all(contents).map_err(|e| failure("cannot write", e));
        }
    }
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let mut temporary = None;
    for _ in 0..100 {
        let mut name = target.clone().into_os_string();
        name.push(format!(".tmp.{}.{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        let name = PathBuf::from(name);
        let guard = RemovedOnSignal::new(name.as_os_str().as_bytes());
        match OpenOptions::new().write(true).create_new(true).mode(0o666).open(&name) {
            Ok(file) => {
                temporary = Some((name, file, guard));
                break;
            }
            Err(error) if error.raw_os_error() == Some(EEXIST) => continue, // not ours: unregistered
            Err(error) => return Err(failure("cannot write", error)),
        }
    }
    // `_guard` unregisters the temporary when this returns, renamed or removed.
    let (name, mut file, _guard) = temporary.ok_or_else(|| failure("cannot write", io::Error::from_raw_os_error(EEXIST)))?;
    let written = (|| -> Result<(), Vec<u8>> {
        if let Some(status) = &existing {
            // A replaced file keeps its permissions.
            let mode = status.permissions().mode() & 0o7777;
            file.set_permissions(fs::Permissions::from_mode(mode)).map_err(|e| failure("cannot write", e))?;
        }
        file.write_all(contents).map_err(|e| failure("cannot write", e))?;
        // Flushed before the rename, so the name never points at a file
        // the disk has not got.
        file.sync_all().map_err(|e| failure("cannot write", e))?;
        drop(file);
        fs::rename(&name, &target).map_err(|e| failure("cannot rename into", e))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&name);
    }
    written
}
