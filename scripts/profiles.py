#!/usr/bin/env python3
"""Writes every rung's profiles under profiles/ and their text summaries and
call graphs under results/profiles/ (`make profiles`).

Per rung:
  profiles/havlakN.cpu.prof       gperftools CPU profile, canonical workload
  profiles/havlakN.heap           tcmalloc heap profile, after the first
                                  big-graph finding (a run of its own)
  profiles/havlakN.jemalloc.heap  jemalloc heap profile, same point
  results/profiles/havlakN.md     top 20s: CPU flat and cumulative, heap by
                                  allocated space and by allocation count
  results/profiles/havlakN.cpu.svg  the CPU profile's call graph

Per Go rung (go-havlakN), with runtime/pprof:
  profiles/go-havlakN.cpu.prof    Go CPU profile (100 Hz), canonical workload
  profiles/go-havlakN.heap        Go heap profile after the first big-graph
                                  finding (a run of its own)
  results/profiles/go-havlakN.md  top 20s by the standalone pprof (--pprof):
                                  CPU flat and cumulative, heap by
                                  alloc_space and by alloc_objects, and the
                                  load average around the runs
  results/profiles/go-havlakN.cpu.svg  the call graph, if graphviz is there

--rungs picks a subset (`make profiles RUNGS=go-havlak1,go-havlak6`): the
other rungs' summaries are left as they are.

The CPU profiler's real rate tops out near 250 Hz, so a fast rung's profile
of the canonical workload holds few samples: such a rung is profiled with
more big-graph findings (--iterations) until it holds at least 1,000, and its
summary says so.

Both folders are checked to be writable before the first run; every file is
written whole under a temporary name and renamed (the profiles by the rungs
themselves, the summaries by havlak_tools/files.py). One measurement at a
time per checkout (the lock `make variants` takes too).
"""

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import files  # noqa: E402
from havlak_tools.binaries import (  # noqa: E402
    binary_path, find_programs, find_rungs)
from compare import SUITE_ROOT, lock_path  # noqa: E402

MIN_SAMPLES = 1000
PROFILER_HZ = 250
CANONICAL_ITERATIONS = 50
JEMALLOC_CONF = "prof:true,prof_accum:true,lg_prof_sample:14"
GO_PREFIX = "go-"
GO_PROFILER_HZ = 100   # runtime/pprof's fixed rate


class ProfileError(RuntimeError):
    pass


def run(command, env=None, capture=True):
    """Runs a command; returns its stdout. Raises ProfileError on failure."""
    full_env = dict(os.environ, **(env or {}))
    result = subprocess.run(command, env=full_env, text=True,
                            stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise ProfileError(f"{' '.join(command)} exited with status "
                           f"{result.returncode}: "
                           f"{message[-1] if message else 'no message'}")
    return result.stdout


def shell_line(command, env=None):
    """A command as a person would type it, for the summaries."""
    prefix = " ".join(f"{key}={value}" for key, value in (env or {}).items())
    return (prefix + " " if prefix else "") + " ".join(command)


def load_average():
    try:
        return os.getloadavg()
    except OSError:
        return None


def go_samples_in(text):
    """The sample count of `pprof -top -sample_index=samples` output."""
    match = re.search(r"Total samples = (\d+)\b", text)
    if not match:
        raise ProfileError("pprof printed no sample count")
    return int(match.group(1))


def samples_in(text):
    match = re.match(r"Total: (\d+) samples", text)
    if not match:
        raise ProfileError("google-pprof printed no sample count")
    return int(match.group(1))


class RungProfiler:
    def __init__(self, rung, args):
        self.rung = rung
        self.bin = args.bin
        self.out = args.out
        self.summaries = args.summaries
        self.heap_scale = args.heap_scale
        self.cpu_profile = os.path.join(self.out, f"{rung}.cpu.prof")
        self.heap_profile = os.path.join(self.out, f"{rung}.heap")
        self.jemalloc_profile = os.path.join(self.out, f"{rung}.jemalloc.heap")
        self.notes = []

    def binary(self, allocator="glibc"):
        return binary_path(self.bin, self.rung, allocator)

    def profile_cpu(self):
        """Returns the command that wrote the profile and its sample count."""
        env = {"CPUPROFILE_FREQUENCY": str(PROFILER_HZ)}
        iterations = CANONICAL_ITERATIONS
        for _ in range(5):
            command = [self.binary(), f"--cpuprofile={self.cpu_profile}"]
            if iterations != CANONICAL_ITERATIONS:
                command.append(f"--iterations={iterations}")
            run(command, env)
            top = run(["google-pprof", "--text", self.binary(),
                       self.cpu_profile])
            samples = samples_in(top)
            if samples >= MIN_SAMPLES:
                if iterations != CANONICAL_ITERATIONS:
                    self.notes.append(
                        f"The canonical workload gives this rung fewer than "
                        f"{MIN_SAMPLES} samples at the profiler's "
                        f"~{PROFILER_HZ} Hz, so this profile repeats the "
                        f"big-graph loop finding: --iterations={iterations} "
                        f"instead of {CANONICAL_ITERATIONS}. The repeated "
                        f"finding weighs more here than in the canonical run.")
                return shell_line(command, env), samples
            # Time grows about linearly with the repeated findings.
            iterations = math.ceil(iterations * 1.3 * MIN_SAMPLES /
                                   max(samples, 1))
        raise ProfileError(f"{self.rung}: no {MIN_SAMPLES} samples")

    def profile_heap(self, allocator, path, env=None):
        command = [self.binary(allocator), f"--heapprofile={path}"]
        if self.heap_scale != 1:
            command.append(f"--scale={self.heap_scale}")
        start = time.monotonic()
        run(command, env)
        return shell_line(command, env), time.monotonic() - start

    def summarize(self, cpu, heap, jemalloc):
        cpu_command, samples = cpu
        binary = self.binary()
        svg = os.path.join(self.summaries, f"{self.rung}.cpu.svg")
        files.write_text(svg, run(["google-pprof", "--svg", binary,
                               self.cpu_profile]))

        def listing(title, command, entries=20):
            # The Perl pprofs print every node whatever --nodecount says:
            # keep the "Total:" line and the first `entries`.
            lines = run(command).splitlines()[:entries + 1]
            return (f"### {title}\n\n    {shell_line(command)} | head -"
                    f"{entries + 1}\n\n"
                    + "".join(f"    {line}\n" for line in lines) + "\n")

        tcmalloc = self.binary("tcmalloc")
        jemalloc_binary = self.binary("jemalloc")
        text = [f"# {self.rung}: profiles\n\n",
                "Written by `make profiles` (`scripts/profiles.py`); the "
                "profiles themselves are in `profiles/` (not committed).\n\n",
                "## CPU (gperftools)\n\n",
                f"    {cpu_command}\n\n",
                f"{samples} samples. Call graph: "
                f"[{self.rung}.cpu.svg]({self.rung}.cpu.svg).\n\n"]
        text += [note + "\n\n" for note in self.notes]
        text.append(listing("Top 20, flat", [
            "google-pprof", "--text", binary,
            self.cpu_profile]))
        text.append(listing("Top 20, cumulative", [
            "google-pprof", "--text", "--cum", binary,
            self.cpu_profile]))
        heap_command, heap_seconds = heap
        text += ["## Heap (tcmalloc)\n\n", f"    {heap_command}\n\n",
                 "Everything allocated until the end of the first loop "
                 "finding on the big graph (the small-graph findings, the "
                 "CFG, the first finding), recorded by tcmalloc's heap "
                 "profiler in a run of its own "
                 f"({heap_seconds:.0f} s under the profiler). Most of it is "
                 "freed by then, so it is read by allocated space and "
                 "count, not by what is in use.\n\n"]
        text.append(listing("Top 20 by allocated space", [
            "google-pprof", "--text", "--alloc_space",
            tcmalloc, self.heap_profile]))
        text.append(listing("Top 20 by allocation count", [
            "google-pprof", "--text", "--alloc_objects",
            tcmalloc, self.heap_profile]))
        jemalloc_command, _ = jemalloc
        text += ["## Heap (jemalloc)\n\n", f"    {jemalloc_command}\n\n",
                 "The same point of the run, from jemalloc's sampling heap "
                 "profiler (one sample per 16 KiB allocated on average, "
                 "`lg_prof_sample:14`). jeprof charges the allocator's own "
                 "frames to `malloc_usable_size`, the nearest symbol it finds "
                 "in Debian's libjemalloc, so read this listing by its "
                 "cumulative column.\n\n"]
        text.append(listing("Top 20 by allocated space, cumulative", [
            "jeprof", "--text", "--cum", "--alloc_space",
            jemalloc_binary, self.jemalloc_profile]))
        files.write_text(os.path.join(self.summaries, f"{self.rung}.md"),
                     "".join(text).rstrip() + "\n")
        return samples


def suite_relative(line):
    """A command line with the suite's own paths shown relative to it."""
    return line.replace(SUITE_ROOT + os.sep, "")


class GoRungProfiler:
    """A Go rung's runtime/pprof profiles, read with the standalone pprof."""

    def __init__(self, rung, args):
        self.rung = rung
        self.bin = args.bin
        self.pprof = args.pprof
        self.summaries = args.summaries
        self.binary = os.path.join(args.bin, rung)
        self.cpu_profile = os.path.join(args.out, f"{rung}.cpu.prof")
        self.heap_profile = os.path.join(args.out, f"{rung}.heap")
        self.notes = []
        self.loads = []

    def profile_cpu(self):
        """Returns the command that wrote the profile and its sample count;
        repeats the big-graph finding until there are MIN_SAMPLES."""
        iterations = CANONICAL_ITERATIONS
        for _ in range(5):
            command = [self.binary, f"--cpuprofile={self.cpu_profile}"]
            if iterations != CANONICAL_ITERATIONS:
                command.append(f"--iterations={iterations}")
            before = load_average()
            start = time.monotonic()
            run(command)
            seconds = time.monotonic() - start
            after = load_average()
            samples = go_samples_in(run(
                [self.pprof, "-top", "-nodecount=1", "-sample_index=samples",
                 self.binary, self.cpu_profile]))
            if samples >= MIN_SAMPLES:
                if before and after:
                    self.loads.append(
                        f"CPU run: {seconds:.0f} s wall; load average "
                        f"(1 min) {before[0]:.2f} before, {after[0]:.2f} "
                        f"after, on {os.cpu_count()} CPUs")
                if iterations != CANONICAL_ITERATIONS:
                    self.notes.append(
                        f"The canonical workload gives this rung fewer than "
                        f"{MIN_SAMPLES} samples at runtime/pprof's "
                        f"{GO_PROFILER_HZ} Hz, so this profile repeats the "
                        f"big-graph loop finding: --iterations={iterations} "
                        f"instead of {CANONICAL_ITERATIONS}. The repeated "
                        f"finding weighs more here than in the canonical run.")
                return suite_relative(shell_line(command)), samples
            iterations = math.ceil(iterations * 1.3 * MIN_SAMPLES /
                                   max(samples, 1))
        raise ProfileError(f"{self.rung}: no {MIN_SAMPLES} samples")

    def profile_heap(self):
        command = [self.binary, f"--heapprofile={self.heap_profile}"]
        before = load_average()
        start = time.monotonic()
        run(command)
        seconds = time.monotonic() - start
        after = load_average()
        if before and after:
            self.loads.append(
                f"heap run: {seconds:.0f} s wall; load average (1 min) "
                f"{before[0]:.2f} before, {after[0]:.2f} after")
        return suite_relative(shell_line(command)), seconds

    def summarize(self, cpu, heap):
        cpu_command, samples = cpu
        graph = ""
        if shutil.which("dot"):
            svg = os.path.join(self.summaries, f"{self.rung}.cpu.svg")
            files.write_text(svg, run([self.pprof, "-svg", self.binary,
                                       self.cpu_profile]))
            graph = (f" Call graph: [{self.rung}.cpu.svg]"
                     f"({self.rung}.cpu.svg).")

        def listing(title, options, profile):
            command = ([self.pprof, "-top", "-nodecount=20"] + options
                       + [self.binary, profile])
            # pprof's header names the file, the build ID and the time of
            # the run: keep what says what the rows are.
            lines = [line for line in run(command).splitlines()
                     if not line.startswith(("File:", "Build ID:", "Time:"))]
            return (f"### {title}\n\n    "
                    f"{suite_relative(shell_line(command))}\n\n"
                    + "".join(f"    {line}\n" for line in lines) + "\n")

        text = [f"# {self.rung}: profiles\n\n",
                "Written by `make profiles` (`scripts/profiles.py`) with "
                "Go's runtime/pprof; the profiles themselves are in "
                "`profiles/` (not committed). Read by the standalone pprof "
                f"(`make pprof RUNG={self.rung}`).\n\n"]
        if self.loads:
            text.append("The machine was shared: " + "; ".join(self.loads)
                        + ". Wall times are disturbed by that load; the CPU "
                        "profile's shares are not (each sample is this "
                        "process's own CPU time).\n\n")
        text += ["## CPU (runtime/pprof)\n\n", f"    {cpu_command}\n\n",
                 f"{samples} samples at {GO_PROFILER_HZ} Hz.{graph}\n\n"]
        text += [note + "\n\n" for note in self.notes]
        text.append(listing("Top 20, flat", [], self.cpu_profile))
        text.append(listing("Top 20, cumulative", ["-cum"],
                            self.cpu_profile))
        heap_command, heap_seconds = heap
        text += ["## Heap (runtime/pprof)\n\n", f"    {heap_command}\n\n",
                 "Everything allocated until the end of the first loop "
                 "finding on the big graph (the small-graph findings, the "
                 "CFG, the first finding), sampled by Go's heap profiler at "
                 "one allocation per 4 KiB (`runtime.MemProfileRate`), in a "
                 f"run of its own ({heap_seconds:.0f} s). Most of it is "
                 "garbage by then, so it is read by allocated space and "
                 "count, not by what is in use.\n\n"]
        text.append(listing("Top 20 by allocated space",
                            ["-sample_index=alloc_space"], self.heap_profile))
        text.append(listing("Top 20 by allocation count",
                            ["-sample_index=alloc_objects"],
                            self.heap_profile))
        files.write_text(os.path.join(self.summaries, f"{self.rung}.md"),
                         "".join(text).rstrip() + "\n")
        return samples


def say(line):
    print(f"profiles: {line}", file=sys.stderr, flush=True)


def profile_all(args, rungs):
    for folder in (args.out, args.summaries):
        try:
            files.check_writable(folder)
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            say(f"cannot write {folder}: {error}; nothing profiled")
            return 1
    for rung in rungs:
        if rung.startswith(GO_PREFIX):
            profiler = GoRungProfiler(rung, args)
            say(f"{rung}: CPU")
            cpu = profiler.profile_cpu()
            say(f"{rung}: heap")
            heap = profiler.profile_heap()
            samples = profiler.summarize(cpu, heap)
            say(f"{rung}: {samples} CPU samples; summary in "
                f"{args.summaries}/{rung}.md")
            continue
        profiler = RungProfiler(rung, args)
        say(f"{rung}: CPU")
        cpu = profiler.profile_cpu()
        say(f"{rung}: heap (tcmalloc, jemalloc)")
        heap = profiler.profile_heap("tcmalloc", profiler.heap_profile)
        jemalloc = profiler.profile_heap(
            "jemalloc", profiler.jemalloc_profile,
            {"MALLOC_CONF": JEMALLOC_CONF})
        samples = profiler.summarize(cpu, heap, jemalloc)
        say(f"{rung}: {samples} CPU samples; summary in "
            f"{args.summaries}/{rung}.md")
    say(f"open one in pprof's web UI with `make pprof RUNG={rungs[-1]}`")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(SUITE_ROOT, "build",
                                                      "bin"))
    parser.add_argument("--out", default=os.path.join(SUITE_ROOT,
                                                      "profiles"))
    parser.add_argument("--summaries", default=os.path.join(
        SUITE_ROOT, "results", "profiles"))
    parser.add_argument("--rungs", default=None,
                        help="comma-separated, C++ (havlakN) or Go "
                             "(go-havlakN) (default: every rung built)")
    parser.add_argument("--pprof", default=None,
                        help="the standalone pprof, for the Go rungs "
                             "(default: tools/pprof beside --bin)")
    parser.add_argument("--heap-scale", type=float, default=1,
                        help="--scale of the heap-profile runs (default 1)")
    args = parser.parse_args(argv)
    if args.pprof is None:
        args.pprof = os.path.join(os.path.dirname(os.path.normpath(args.bin)),
                                  "tools", "pprof")
    if args.rungs:
        rungs = args.rungs.split(",")
        for rung in rungs:
            if not re.fullmatch(r"(go-)?havlak\d+", rung):
                parser.error(f"--rungs: {rung!r} is not a rung (havlakN or "
                             "go-havlakN)")
            if not os.access(os.path.join(args.bin, rung), os.X_OK):
                parser.error(f"--rungs: no {rung} in {args.bin}: build first")
    else:
        rungs = find_rungs(args.bin) + [
            name for name in find_programs(args.bin)
            if re.fullmatch(r"go-havlak\d+", name)]
    if not rungs:
        parser.error(f"no rung binaries in {args.bin}: build first")
    if any(rung.startswith(GO_PREFIX) for rung in rungs) and not os.access(
            args.pprof, os.X_OK):
        parser.error(f"no pprof at {args.pprof} for the Go rungs (make "
                     "profiles builds it)")
    def work():
        try:
            return profile_all(args, rungs)
        except ProfileError as error:
            say(f"FAILED: {error}")
            return 1
        except OSError as error:
            say(f"FAILED: cannot write: {error}")
            return 1

    return files.measure_exclusively(lock_path(), "scripts/profiles.py", say,
                                     work, interrupted="interrupted")


if __name__ == "__main__":
    sys.exit(main())
