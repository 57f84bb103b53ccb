"""Runs a rung binary once and measures it from outside: wall time, user and
system time and peak resident memory from wait4, the process's own rusage.
Nothing the binary says is trusted: its record is checked against what was
asked for and against the known answer (workload.py), and a run that takes
longer than its timeout is killed, with everything it started."""

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import types
from dataclasses import dataclass

from . import workload
from .records import RecordError, parse_run_record

# Per run, unless --timeout says otherwise: about ten times the slowest
# rung's (havlak1) canonical run on a slow machine, scaled with the work.
DEFAULT_TIMEOUT_SECONDS = 600


class RunError(RuntimeError):
    """A run that failed: a crash, a bad exit status, a wrong loop count, a
    record that is not what was asked for, a timeout. `exit_status` is the
    run's status where that was the failure, `timed_out` whether it was
    killed for its time (and then the CPU seconds it had used, counted as
    ours)."""

    def __init__(self, message, exit_status=None, timed_out=False,
                 cpu_seconds=None):
        super().__init__(message)
        self.exit_status = exit_status
        self.timed_out = timed_out
        self.cpu_seconds = cpu_seconds   # of a killed run, when known


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


_SPAWN_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "spawn.c")
_spawn = {}


def spawn_helper():
    """The path of havlak-spawn (spawn.c), compiled once per process into a
    temporary folder; None when no C compiler works. Linux carries a
    process's peak RSS across fork and exec, so a rung started straight from
    this (Python, 20 MiB and more) process would report at least our size;
    started from havlak-spawn (about 1 MiB) it reports its own."""
    if "path" not in _spawn:
        folder = tempfile.mkdtemp(prefix="havlak-spawn-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = os.path.join(folder, "havlak-spawn")
        _spawn["path"] = None
        for compiler in ("cc", "gcc", "clang"):
            try:
                result = subprocess.run(
                    [compiler, "-O2", "-o", path, _SPAWN_SOURCE],
                    capture_output=True, timeout=120)
            except (OSError, subprocess.SubprocessError):
                continue
            if result.returncode == 0 and _spawn_works(path):
                _spawn["path"] = path
                break
    return _spawn["path"]


def _spawn_works(path):
    """Whether the compiled helper runs here (a temporary folder mounted
    noexec would stop it) and reports a child's status."""
    read, write = os.pipe()
    try:
        result = subprocess.run([path, str(write), "sh", "-c", "exit 3"],
                                pass_fds=(write,), capture_output=True,
                                timeout=30)
        os.close(write)
        write = None
        with os.fdopen(read, "rb") as report:
            read = None
            line = report.read().split()
        return result.returncode == 0 and line[:1] == [b"3"]
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        for fd in (read, write):
            if fd is not None:
                os.close(fd)


def gauge_description():
    """How the peak memory of the runs is measured (env.json)."""
    if spawn_helper():
        return ("ru_maxrss from wait4 by havlak-spawn "
                "(scripts/havlak_tools/spawn.c), a 1 MiB process that starts "
                "each run, so that no run inherits the runner's peak")
    return ("ru_maxrss from wait4 of a child of the Python runner: no C "
            "compiler for havlak-spawn, so every figure is at least the "
            "runner's own peak (about 20 MiB)")


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _kill_group_but(group, keep):
    """Kills every process of process group `group` but `keep`: the program
    havlak-spawn ran, which it then reaps, so that the CPU time of a killed
    run is still counted as ours (a busy machine is judged by it)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == keep:
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and int(fields[2]) == group:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except ProcessLookupError:
                pass


def wait_measured(command, timeout, own_peak=False, **popen_args):
    """Starts `command` in a process group of its own and waits for it, at
    most `timeout` seconds (None: no limit). Returns (exit code, wall
    seconds, rusage). A timeout, an error or Ctrl-C kills the whole group;
    a timeout raises RunError. With `own_peak`, the command is started by
    havlak-spawn (when it can be compiled), whose report gives the
    command's own rusage: its peak memory not raised to ours."""
    helper = spawn_helper() if own_peak else None
    report_read = None
    if helper:
        report_read, report_write = os.pipe()
        popen_args["pass_fds"] = (report_write,)
        command = [helper, str(report_write)] + list(command)
    start = time.monotonic()
    try:
        process = subprocess.Popen(command, start_new_session=True,
                                   **popen_args)
    finally:
        if helper:
            os.close(report_write)
    timed_out = threading.Event()
    # Should havlak-spawn not exit once its program is killed: all of it.
    last_resort = threading.Timer(10, _kill_group, (process.pid,))

    def expire():
        timed_out.set()
        if helper:
            _kill_group_but(process.pid, process.pid)
            last_resort.start()
        else:
            _kill_group(process.pid)

    timer = threading.Timer(timeout, expire) if timeout else None
    try:
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:
        _kill_group(process.pid)
        process.wait()
        if report_read is not None:
            os.close(report_read)
        raise
    finally:
        if timer:
            timer.cancel()
        last_resort.cancel()
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    name = os.path.basename(command[2] if helper else command[0])
    if timed_out.is_set():
        cpu = None
        if report_read is not None:
            with os.fdopen(report_read, "rb") as report:
                line = report.read().decode(errors="replace").split()
            if len(line) == 4:   # havlak-spawn reaped its killed program
                cpu = float(line[2]) + float(line[3])
        raise RunError(f"{name} did not finish "
                       f"within {timeout:g} s and was killed (--timeout)",
                       timed_out=True, cpu_seconds=cpu)
    if helper:
        with os.fdopen(report_read, "rb") as report:
            line = report.read().decode(errors="replace").split()
        if process.returncode != 0 or len(line) != 4:
            raise RunError(f"{name} could not be measured: havlak-spawn "
                           f"exited with status {process.returncode}")
        returncode = int(line[0])
        usage = types.SimpleNamespace(ru_maxrss=int(line[1]),
                                      ru_utime=float(line[2]),
                                      ru_stime=float(line[3]))
        return returncode, wall, usage
    return process.returncode, wall, usage


def run_rung(command, expect=None, timeout=None, env=None):
    """Runs `command` (a rung binary with --json among its flags) and returns
    its Measurement. Raises RunError if it fails, times out, reports wrong
    counts or, given `expect` (an Expectation), reports anything but what
    was asked for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        returncode, wall, usage = wait_measured(
            command, timeout, own_peak=True, stdout=out, stderr=err,
            stdin=subprocess.DEVNULL, env=env)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace").strip()
    name = os.path.basename(command[0])
    if returncode != 0:
        detail = stderr.splitlines()[-1] if stderr else "no message"
        raise RunError(f"{name} exited with status {returncode}: "
                       f"{detail}", exit_status=returncode)
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
