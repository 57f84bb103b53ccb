"""Runs a rung binary once and measures it from outside: wall time, user and
system time and peak resident memory from wait4, the process's own rusage."""

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass

from .records import RecordError, parse_run_record


class RunError(RuntimeError):
    """A run that failed: a crash, a bad exit status, a wrong loop count."""


@dataclass(frozen=True)
class Measurement:
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    max_rss_kib: int   # ru_maxrss of the child: KiB on Linux
    record: object     # the RunRecord the binary printed


def run_rung(command):
    """Runs `command` (a rung binary with --json among its flags) and returns
    its Measurement. Raises RunError if it fails or reports wrong counts."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        wall = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace").strip()
    name = os.path.basename(command[0])
    if process.returncode != 0:
        detail = stderr.splitlines()[-1] if stderr else "no message"
        raise RunError(f"{name} exited with status {process.returncode}: "
                       f"{detail}")
    try:
        record = parse_run_record(stdout)
    except RecordError as error:
        raise RunError(f"{name} printed a bad record: {error}") from None
    if not record.loop_counts_right:
        raise RunError(f"{name} found wrong loop counts: "
                       + "; ".join(record.loop_count_problems))
    return Measurement(wall, usage.ru_utime, usage.ru_stime,
                       usage.ru_maxrss, record)
