"""The machine, toolchain and library versions behind a result, and the exact
command that made it: what a citation of the result needs."""

import datetime
import os
import platform
import resource
import re
import shlex
import socket
import subprocess
import sys
import time


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


def _memory():
    total = _proc_field("/proc/meminfo", "MemTotal")  # "24684092 kB"
    match = re.match(r"(\d+) kB", total or "")
    return f"{int(match.group(1)) / 2**20:.1f} GiB" if match else None


NOT_A_CHECKOUT = "not a git checkout"

# The suite's own checkout: scripts/havlak_tools/ is two levels below it.
SUITE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def source_state(root=SUITE_ROOT):
    """The commit checked out in the suite's own checkout `root` (not the
    current directory's) and the tracked files that differ from it; both
    "not a git checkout" when `root` is not the top of a git work tree.
    Taken before measuring: the binaries are built from this tree, and an
    edit made while the runs go on must not be blamed on them."""
    def git(*args):
        try:
            return subprocess.run(["git", "-C", root, *args],
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as error:
            return subprocess.CompletedProcess(args, 1, "", str(error))

    top = git("rev-parse", "--show-toplevel")
    if (top.returncode != 0 or os.path.realpath(top.stdout.strip())
            != os.path.realpath(root)):
        if os.path.exists(os.path.join(root, ".git")):
            reason = (top.stderr.strip().splitlines() or ["git failed"])[-1]
            unknown = f"unknown: git failed in {root}: {reason}"
            return {"commit": unknown, "uncommitted_files": unknown}
        return {"commit": NOT_A_CHECKOUT, "uncommitted_files": NOT_A_CHECKOUT}
    head = git("rev-parse", "HEAD")
    status = git("status", "--porcelain=v1", "-z", "--untracked-files=no")
    if head.returncode != 0 or status.returncode != 0:
        reason = ((head.stderr or status.stderr).strip().splitlines()
                  or ["git failed"])[-1]
        unknown = f"unknown: {reason}"
        return {"commit": unknown, "uncommitted_files": unknown}
    changed = []
    entries = iter(status.stdout.split("\0"))
    for entry in entries:
        if not entry:
            continue
        changed.append(entry[3:])
        if entry[0] in "RC":   # a rename or copy: its source path follows
            next(entries, None)
    return {"commit": head.stdout.strip(), "uncommitted_files": changed}


def _proc_stat_busy():
    """Busy CPU seconds of the whole machine since boot (all CPUs: user,
    nice, system, irq, softirq and steal), from /proc/stat."""
    with open("/proc/stat") as lines:
        fields = lines.readline().split()
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(value) for value in fields[1:9])
    return ((user + nice + system + irq + softirq + steal)
            / os.sysconf("SC_CLK_TCK"))


def _own_cpu_seconds():
    """CPU seconds of this process and of every child it has waited for
    (the rungs' wait4 rusage adds up here)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def machine_sample():
    """A snapshot for busy_report(): load averages, the machine's busy CPU
    time and our own, and the time. None where /proc is not readable."""
    try:
        busy = _proc_stat_busy()
        load = list(os.getloadavg())
    except (OSError, ValueError, IndexError):
        busy, load = None, None
    return {"time": time.monotonic(), "load": load, "busy": busy,
            "ours": _own_cpu_seconds()}


# Other work may use this much of one CPU, on average over the runs, before
# the runs are called disturbed.
OTHERS_CPU_LIMIT = 0.25


def busy_report(before, after, cores=None):
    """How busy the machine was with work not ours between two
    machine_sample()s: a dict for env.json, with a one-line "warning" (None
    when quiet)."""
    cores = cores or os.cpu_count() or 1
    wall = max(after["time"] - before["time"], 1e-9)
    report = {"seconds": round(wall, 3), "cores": cores,
              "load_before": before["load"], "load_after": after["load"]}
    if before["busy"] is None or after["busy"] is None:
        report["warning"] = None
        report["note"] = "/proc/stat not readable: not checked"
        return report
    total = after["busy"] - before["busy"]
    ours = after["ours"] - before["ours"]
    others = max(0.0, total - ours)
    report.update(cpu_seconds_machine=round(total, 3),
                  cpu_seconds_ours=round(ours, 3),
                  cpu_seconds_others=round(others, 3))
    report["warning"] = judge_busy(report)
    return report


def busy_warning(env):
    """The warning of an env.json, judged from its figures by today's rule
    (judge_busy), so that a folder rewritten says what its numbers say."""
    return (judge_busy(env["busy"]) if env.get("busy")
            else env.get("busy_warning"))


def judge_busy(report):
    """busy_report()'s warning from its figures: the CPU time of other
    processes over the runs. The load averages are kept for a reader but
    judge nothing: a JVM or Go program of ours keeps more than one core
    busy, so the load it leaves is ours, not other work (the heaps set of
    2026-12-06 was called busy by a load of 1.98 while others used 0.02 of
    a CPU). A report without the figures keeps the warning it has."""
    if "cpu_seconds_others" not in report:
        return report.get("warning")
    wall = max(report["seconds"], 1e-9)
    others = report["cpu_seconds_others"]
    if others / wall <= OTHERS_CPU_LIMIT:
        return None
    return ("the machine was busy with other work during the runs: other "
            f"processes used {others:.1f} CPU seconds during the {wall:.0f}"
            f" s of runs ({others / wall:.2f} of a CPU on average; ours "
            f"{report['cpu_seconds_ours']:.1f}): the times may be "
            "disturbed; do not cite them")


def collect(argv, record, allocator_versions, source, busy=None):
    """`record` is one run's RunRecord: the compiler and flags it reports are
    those the binaries were built with. `allocator_versions` maps glibc,
    jemalloc and tcmalloc to the versions the binaries reported (what was
    linked and loaded). `source` is what source_state() returned before the
    runs. `busy` is busy_report()'s account of the machine during the runs.
    """
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
        "busy": busy,
        "busy_warning": busy.get("warning") if busy else None,
    }


def languages(measurements):
    """env.json's account of every language in the run: per language the
    compiler and flags its records report, its runtime settings with the
    version and options each run reported, and each toolchain its records
    name (toolchains.json): exact version, where it came from, its paths.
    `measurements` maps (rung, build, setting) to Measurements."""
    from . import toolchains
    from .languages import language_of
    seen = {}
    for (rung, build, setting), runs in measurements.items():
        record = runs[0].record
        language = language_of(rung)
        entry = seen.setdefault(language, {
            "compiler": record.compiler, "build_flags": record.build_flags,
            "runtime_settings": {}, "toolchains": {}})
        name = toolchains.identify(language, record.compiler)
        if name is None and not toolchains.registry().names(language):
            entry["toolchains"][record.compiler] = {
                "from": "the interpreter of the runtime setting "
                        f"{setting} (language.json)"}
        elif name is None:
            entry["toolchains"][record.compiler] = {
                "missing": "no toolchain of toolchains.json says this"}
        elif name not in entry["toolchains"]:
            entry["toolchains"][name] = toolchains.locate(name).describe()
        if setting not in entry["runtime_settings"]:
            entry["runtime_settings"][setting] = record.allocator_version
            if setting.startswith("GOGC"):
                entry["runtime_settings"][setting] = (
                    f"{record.allocator_version} ({setting.replace('+', ' ')}"
                    " in the environment)")
    return {"languages": seen}
