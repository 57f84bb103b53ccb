"""Every file the suite's scripts write goes through here.

- write_text, write_json, write_csv: one file, under a temporary name first,
  then renamed, so a reader never finds one half-written. Only a regular
  file or a new path is replaced that way; a symlink's target is replaced,
  not the link; anything else (a device, a FIFO) is refused.
- StagedFolder: a results folder written whole under a temporary name next
  to its final one, then renamed at the end; an existing folder is never
  replaced. Interrupted or failed, it leaves nothing behind.
- check_writable: that a folder can be made and written, before hours of
  measuring rather than after.
- save_raw: where the raw runs go when the results folder cannot be written.
- MeasurementLock: one measurement at a time in one checkout;
  measure_exclusively runs a measuring script under it.
"""

import contextlib
import csv
import errno
import fcntl
import io
import json
import os
import shutil
import signal
import stat
import sys
import tempfile
import time


class LockedError(RuntimeError):
    """Another measurement holds the lock, or it cannot be taken."""


def _replaceable(path):
    """The path to rename onto: `path`, or a symlink's final target.
    Raises OSError for an existing path that is not a regular file."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(mode):
        raise OSError(errno.EEXIST,
                      "exists and is not a regular file; not replaced", path)
    return real


def write_text(path, text):
    """Writes `text` to `path` atomically (temporary name, then rename)."""
    target = _replaceable(path)
    directory = os.path.dirname(target) or "."
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory,
                             f".{os.path.basename(target)}.tmp.{os.getpid()}")
    try:
        with open(temporary, "w") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        if os.path.lexists(temporary):
            os.remove(temporary)
        raise


def write_json(path, value):
    write_text(path, json.dumps(value, indent=2, sort_keys=False) + "\n")


def write_csv(path, header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row of {len(row)} fields under a header of "
                             f"{len(header)}")
        writer.writerow(row)
    write_text(path, buffer.getvalue())


def remove_files(folder, names):
    """Removes those of `names` that exist in `folder` (stale outputs)."""
    for name in names:
        path = os.path.join(folder, name)
        if os.path.lexists(path):
            os.remove(path)


def check_writable(folder):
    """Raises OSError unless `folder` (or, if it does not exist yet, its
    parent) can be written: makes the parent, then writes and removes a small
    probe file. Leaves nothing behind but the parent folders."""
    existing = os.path.isdir(folder)
    parent = folder if existing else (os.path.dirname(
        os.path.abspath(folder)))
    # The nearest existing ancestor must be a folder, or makedirs says only
    # "File exists".
    ancestor = parent
    while not os.path.lexists(ancestor):
        ancestor = os.path.dirname(ancestor)
    if not os.path.isdir(ancestor):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", ancestor)
    os.makedirs(parent, exist_ok=True)
    probe = os.path.join(parent, f".havlak-probe.tmp.{os.getpid()}")
    try:
        with open(probe, "w") as out:
            out.write("probe\n" * 512)
            out.flush()
            os.fsync(out.fileno())
    finally:
        if os.path.lexists(probe):
            os.remove(probe)


class StagedFolder:
    """A folder written under a temporary name beside `target`:

        with StagedFolder(target) as staged:
            write_text(os.path.join(staged.path, "a.md"), ...)
            staged.commit()

    commit() renames the whole folder to `target`, which must not exist. With
    merge=True an existing `target` receives the files instead, none of which
    may exist there yet (each is linked in, which never replaces a file); a
    failure takes back those already linked. Leaving the block without
    commit(), by an error or Ctrl-C, removes the temporary folder."""

    def __init__(self, target, merge=False):
        self.target = os.path.abspath(target)
        self.merge = merge
        parent, name = os.path.split(self.target)
        self.path = os.path.join(parent, f".{name}.tmp.{os.getpid()}")
        self.committed = False

    def __enter__(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        os.mkdir(self.path)
        return self

    def __exit__(self, *exc):
        if not self.committed:
            self.discard()
        return False

    def discard(self):
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self):
        if self.merge and os.path.isdir(self.target):
            linked = []
            try:
                for name in sorted(os.listdir(self.path)):
                    destination = os.path.join(self.target, name)
                    os.link(os.path.join(self.path, name), destination)
                    linked.append(destination)
            except BaseException:
                for destination in linked:
                    os.remove(destination)
                raise
            self.committed = True
            self.discard()
            return
        if os.path.lexists(self.target):
            raise FileExistsError(errno.EEXIST, "exists; not replaced",
                                  self.target)
        os.rename(self.path, self.target)
        self.committed = True


def save_raw(near, name, text):
    """Saves `text` (raw runs that could not go where they belonged) as
    `name` in a new folder beside `near`, or else in the system's temporary
    folder; returns the new folder. Raises OSError if neither works."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    places = [os.path.dirname(os.path.abspath(near)), tempfile.gettempdir()]
    error = None
    for place in places:
        folder = os.path.join(place, f"havlak-unsaved-{stamp}-{os.getpid()}")
        try:
            os.mkdir(folder)
        except OSError as failure:
            error = failure
            continue
        try:
            write_text(os.path.join(folder, name), text)
            return folder
        except OSError as failure:
            error = failure
            shutil.rmtree(folder, ignore_errors=True)
    raise error


class MeasurementLock:
    """An exclusive flock on `path`, held while measuring, so that two
    measurements in one checkout do not slow each other down unseen. The
    lock file keeps the holder's pid and command."""

    def __init__(self, path, description):
        self.path = path
        self.description = description
        self.descriptor = None

    def __enter__(self):
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)),
                        exist_ok=True)
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise LockedError(f"cannot take the measurement lock "
                              f"{self.path}: {error}") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(descriptor, 4096).decode(errors="replace").strip()
            os.close(descriptor)
            raise LockedError(
                "another measurement is running in this checkout ("
                + (f"pid {holder}" if holder else "pid unknown")
                + f"; lock {self.path}): wait for it to finish or stop it"
            ) from None
        except BaseException:
            os.close(descriptor)
            raise
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor,
                  f"{os.getpid()}: {self.description}\n".encode(), 0)
        self.descriptor = descriptor
        return self

    def __exit__(self, *exc):
        if self.descriptor is not None:
            os.ftruncate(self.descriptor, 0)
            os.close(self.descriptor)
            self.descriptor = None
        return False


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def sigterm_as_interrupt():
    """Within it, SIGTERM raises KeyboardInterrupt as Ctrl-C does, so both
    stop a measurement through the same clean-up; the previous handler is
    put back on the way out."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)



def measure_exclusively(lock_path, description, say, work,
                        interrupted="interrupted; nothing written"):
    """A measuring script's main: `work()` under the checkout's lock (none
    when `lock_path` is None: work that measures nothing), with SIGTERM
    stopping it as Ctrl-C does. Returns work()'s exit status, 1 when another
    measurement holds the lock, 130 when interrupted; `say` prints the one
    line each of those gets."""
    lock = (MeasurementLock(lock_path, description) if lock_path is not None
            else contextlib.nullcontext())
    with sigterm_as_interrupt():
        try:
            with lock:
                return work()
        except LockedError as error:
            say(f"{error}")
            return 1
        except KeyboardInterrupt:
            print("", file=sys.stderr)
            say(interrupted)
            return 130


def read_json(path, error):
    """The JSON value in `path`, or `error` (an exception class) raised with
    one line naming the file and what is wrong with it."""
    try:
        with open(path, encoding="utf-8") as text:
            return json.load(text)
    except (OSError, ValueError) as reason:
        raise error(f"{path}: {reason}") from None
