"""The machine, toolchain and library versions behind a result, and the exact
command that made it: what a citation of the result needs."""

import datetime
import os
import platform
import re
import shlex
import socket
import subprocess
import sys


def _first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if result.returncode == 0 and lines else None


def _proc_field(path, field):
    try:
        with open(path) as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == field:
                    return value.strip()
    except OSError:
        pass
    return None


def _os_release():
    try:
        with open("/etc/os-release") as lines:
            for line in lines:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def _git(*args):
    return _first_line(["git", *args])


def _memory():
    total = _proc_field("/proc/meminfo", "MemTotal")  # "24684092 kB"
    match = re.match(r"(\d+) kB", total or "")
    return f"{int(match.group(1)) / 2**20:.1f} GiB" if match else None


def source_state():
    """The commit checked out and the tracked files that differ from it.
    Taken before measuring: the binaries are built from this tree, and an
    edit made while the runs go on must not be blamed on them."""
    status = subprocess.run(["git", "status", "--porcelain",
                             "--untracked-files=no"],
                            capture_output=True, text=True).stdout
    return {"commit": _git("rev-parse", "HEAD"),
            "uncommitted_files": [line[3:] for line in status.splitlines()]}


def collect(argv, record, allocator_versions, source):
    """`record` is one run's RunRecord: the compiler and flags it reports are
    those the binaries were built with. `allocator_versions` maps glibc,
    jemalloc and tcmalloc to the versions the binaries reported (what was
    linked and loaded). `source` is what source_state() returned before the
    runs."""
    return {
        "date": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%dT%H:%M:%SZ"),
        "host": socket.gethostname(),
        "cpu_model": _proc_field("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory": _memory(),
        "kernel": platform.release(),
        "os": _os_release(),
        "compiler": record.compiler,
        "build_flags": record.build_flags,
        "glibc": allocator_versions.get("glibc"),
        "jemalloc": allocator_versions.get("jemalloc"),
        "tcmalloc": allocator_versions.get("tcmalloc"),
        "gperftools": _first_line(["pkg-config", "--modversion", "libprofiler"]),
        "google_benchmark": _first_line(["pkg-config", "--modversion",
                                         "benchmark"]),
        "python": sys.version.split()[0],
        "commit": source["commit"],
        "uncommitted_files": source["uncommitted_files"],
        "command": " ".join(shlex.quote(arg) for arg in argv),
    }
