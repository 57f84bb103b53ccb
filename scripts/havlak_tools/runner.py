"""Runs a rung binary once and measures it from outside: wall time, user and
system time and peak resident memory from wait4, the process's own rusage.
Nothing the binary says is trusted: its record is checked against what was
asked for and against the known answer (workload.py), and a run that takes
longer than its timeout is killed, with everything it started."""

import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

from . import workload
from .records import RecordError, parse_run_record

# Per run, unless --timeout says otherwise: about ten times the slowest
# rung's (havlak1) canonical run on a slow machine, scaled with the work.
DEFAULT_TIMEOUT_SECONDS = 600


class RunError(RuntimeError):
    """A run that failed: a crash, a bad exit status, a wrong loop count, a
    record that is not what was asked for, a timeout."""


@dataclass(frozen=True)
class Measurement:
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    max_rss_kib: int   # ru_maxrss of the child: KiB on Linux
    record: object     # the RunRecord the binary printed


@dataclass(frozen=True)
class Expectation:
    """What a run was asked for: the record must say the same."""
    rung: str
    allocator: str            # glibc, jemalloc, tcmalloc or counting
    scale: float = None       # None: no --scale
    iterations: int = None    # None: no --iterations
    build: str = None         # a C++ build of the build axis (builds.py):
                              # its compiler and flags are checked; None: not


def default_timeout(scale=None, iterations=None):
    work = max(1.0, scale or 1.0) * max(
        1.0, (iterations or workload.CANONICAL_ITERATIONS)
        / workload.CANONICAL_ITERATIONS)
    return DEFAULT_TIMEOUT_SECONDS * work


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def wait_measured(command, timeout, **popen_args):
    """Starts `command` in a process group of its own and waits for it, at
    most `timeout` seconds (None: no limit). Returns (exit code, wall
    seconds, rusage). A timeout, an error or Ctrl-C kills the whole group;
    a timeout raises RunError."""
    start = time.monotonic()
    process = subprocess.Popen(command, start_new_session=True, **popen_args)
    timed_out = threading.Event()

    def expire():
        timed_out.set()
        _kill_group(process.pid)

    timer = threading.Timer(timeout, expire) if timeout else None
    try:
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        _kill_group(process.pid)
        process.wait()
        raise
    finally:
        if timer:
            timer.cancel()
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        raise RunError(f"{os.path.basename(command[0])} did not finish "
                       f"within {timeout:g} s and was killed (--timeout)")
    return process.returncode, wall, usage


def run_rung(command, expect=None, timeout=None, env=None):
    """Runs `command` (a rung binary with --json among its flags) and returns
    its Measurement. Raises RunError if it fails, times out, reports wrong
    counts or, given `expect` (an Expectation), reports anything but what
    was asked for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        returncode, wall, usage = wait_measured(
            command, timeout, stdout=out, stderr=err,
            stdin=subprocess.DEVNULL, env=env)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace").strip()
    name = os.path.basename(command[0])
    if returncode != 0:
        detail = stderr.splitlines()[-1] if stderr else "no message"
        raise RunError(f"{name} exited with status {returncode}: "
                       f"{detail}")
    try:
        record = parse_run_record(stdout)
    except RecordError as error:
        raise RunError(f"{name} printed a bad record: {error}") from None
    if not record.loop_counts_right:
        raise RunError(f"{name} found wrong loop counts: "
                       + "; ".join(record.loop_count_problems))
    if expect is not None:
        problems = workload.check_record(record, expect.rung,
                                         expect.allocator, expect.scale,
                                         expect.iterations)
        if expect.build is not None:
            from .builds import check_record as check_build
            problems += check_build(record, expect.build)
        if problems:
            raise RunError(f"{name} reported what was not asked for or the "
                           "wrong answer: " + "; ".join(problems))
    return Measurement(wall, usage.ru_utime, usage.ru_stime,
                       usage.ru_maxrss, record)
