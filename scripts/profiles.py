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

Per Rust program (rust-havlak1, rust-top), with gperftools' CPU profiler
preloaded (LD_PRELOAD=libprofiler.so.0 CPUPROFILE=...); per Java and Scala
program (java-havlak1, java-top, scala-havlak1, scala-top), with JDK Flight
Recorder (languages/jvm/profile/cpu.jfc); per Python program, with py-spy
under CPython; per JavaScript program, with V8's own sampler (node
--cpu-prof); the last three turned into pprof's format by topprof
(tools/pprof/topprof, built into tools/):
  profiles/PROGRAM.cpu.prof       the CPU profile, canonical workload
  results/profiles/PROGRAM.md     top 20s by the standalone pprof: CPU flat
                                  and cumulative, and the load average
  results/profiles/PROGRAM.cpu.svg  the call graph, if graphviz is there

--rungs picks a subset (`make profiles RUNGS=go-havlak1,rust-top`): the
other programs' summaries are left as they are.

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
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import files, toolchains  # noqa: E402
from havlak_tools.languages import CXX, language_of  # noqa: E402
from havlak_tools.binaries import (  # noqa: E402
    binary_path, find_programs, find_rungs)
from compare import SUITE_ROOT, lock_path  # noqa: E402

MIN_SAMPLES = 1000
PROFILER_HZ = 250
CANONICAL_ITERATIONS = 50
JEMALLOC_CONF = "prof:true,prof_accum:true,lg_prof_sample:14"
GO_PROFILER_HZ = 100   # runtime/pprof's fixed rate
# gperftools' CPU profiler, preloaded into a program not linked with it.
PROFILER_LIBRARY = "libprofiler.so.0"
# The programs of each language profiled (C++ and Go: every rung).
PROGRAM = re.compile(r"(go-)?havlak\d+|(rust|java|scala|python|js)-"
                     r"(havlak1|top)")


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


def iterations_args(iterations):
    """The command-line arguments for `iterations` big-graph findings: none
    for the canonical workload's."""
    return ([] if iterations == CANONICAL_ITERATIONS
            else [f"--iterations={iterations}"])


def shell_line(command, env=None):
    """A command as a person would type it, for the summaries."""
    prefix = " ".join(f"{key}={shlex.quote(value)}"
                      for key, value in (env or {}).items())
    return (prefix + " " if prefix else "") + shlex.join(command)


def load_average():
    try:
        return os.getloadavg()
    except OSError:
        return None


def go_samples_in(text):
    """The sample count of `pprof -top -sample_index=samples` output: its
    "Total samples" line where the profile has a duration (runtime/pprof's),
    else the total of its "Showing nodes" line (gperftools', topprof's)."""
    match = (re.search(r"Total samples = (\d+)\b", text)
             or re.search(r"^Showing nodes accounting for .* of (\d+) total",
                          text, re.MULTILINE))
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
            command = [self.binary(), f"--cpuprofile={self.cpu_profile}",
                       *iterations_args(iterations)]
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


class PprofProfiler:
    """A program's CPU profile (and a Go rung's heap profile), read with the
    standalone pprof. A subclass says how the profile is taken."""

    KIND = ""          # how the profile is taken, for the summary
    HZ = 0             # the nominal sampling rate
    HEAP = False
    BY_LINE = False    # also the top lines: a search written as one function

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

    def cpu_command(self, iterations):
        """(command, environment) of a CPU-profiled run."""
        raise NotImplementedError

    def after_cpu_run(self):
        """Turns what the run wrote into self.cpu_profile, if it must."""

    def pprof_inputs(self, profile):
        """What pprof reads besides its options: the binary for its symbols,
        then the profile."""
        return [self.binary, profile]

    def profile_cpu(self):
        """Returns the command that wrote the profile and its sample count;
        repeats the big-graph finding until there are MIN_SAMPLES."""
        iterations = CANONICAL_ITERATIONS
        for _ in range(5):
            command, env = self.cpu_command(iterations)
            before = load_average()
            start = time.monotonic()
            run(command, env)
            seconds = time.monotonic() - start
            after = load_average()
            self.after_cpu_run()
            samples = go_samples_in(run(
                [self.pprof, "-top", "-nodecount=1", "-sample_index=samples"]
                + self.pprof_inputs(self.cpu_profile)))
            if samples >= MIN_SAMPLES:
                if before and after:
                    self.loads.append(
                        f"CPU run: {seconds:.0f} s wall; load average "
                        f"(1 min) {before[0]:.2f} before, {after[0]:.2f} "
                        f"after, on {os.cpu_count()} CPUs")
                if iterations != CANONICAL_ITERATIONS:
                    self.notes.append(
                        f"The canonical workload gives this program fewer "
                        f"than {MIN_SAMPLES} samples at {self.HZ} Hz, so "
                        f"this profile repeats the big-graph loop finding: "
                        f"--iterations={iterations} instead of "
                        f"{CANONICAL_ITERATIONS}. The repeated finding "
                        f"weighs more here than in the canonical run.")
                return suite_relative(shell_line(command, env)), samples
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

    def summarize(self, cpu, heap=None):
        cpu_command, samples = cpu
        graph = ""
        if shutil.which("dot"):
            svg = os.path.join(self.summaries, f"{self.rung}.cpu.svg")
            files.write_text(svg, run([self.pprof, "-svg"]
                                      + self.pprof_inputs(self.cpu_profile)))
            graph = (f" Call graph: [{self.rung}.cpu.svg]"
                     f"({self.rung}.cpu.svg).")

        def listing(title, options, profile):
            command = ([self.pprof, "-top", "-nodecount=20"] + options
                       + self.pprof_inputs(profile))
            # pprof's header names the file, the build ID and the time of
            # the run: keep what says what the rows are.
            lines = [line for line in run(command).splitlines()
                     if not line.startswith(("File:", "Build ID:", "Time:"))]
            return (f"### {title}\n\n    "
                    f"{suite_relative(shell_line(command))}\n\n"
                    + "".join(f"    {line}\n" for line in lines) + "\n")

        text = [f"# {self.rung}: profiles\n\n",
                "Written by `make profiles` (`scripts/profiles.py`) with "
                f"{self.KIND}; the profiles themselves are in `profiles/` "
                "(not committed). Read by the standalone pprof "
                f"(`make pprof RUNG={self.rung}`).\n\n"]
        if self.loads:
            text.append("The machine was shared: " + "; ".join(self.loads)
                        + ". Wall times are disturbed by that load; the CPU "
                        "profile's shares are not (each sample is this "
                        "process's own CPU time).\n\n")
        text += [f"## CPU ({self.KIND})\n\n", f"    {cpu_command}\n\n",
                 f"{samples} samples at {self.HZ} Hz.{graph}\n\n"]
        text += [note + "\n\n" for note in self.notes]
        text.append(listing("Top 20, flat", [], self.cpu_profile))
        text.append(listing("Top 20, cumulative", ["-cum"],
                            self.cpu_profile))
        if self.BY_LINE:
            text.append(listing("Top 20 lines, flat", ["-lines"],
                                self.cpu_profile))
        if heap:
            heap_command, heap_seconds = heap
            text += ["## Heap (runtime/pprof)\n\n", f"    {heap_command}\n\n",
                     "Everything allocated until the end of the first loop "
                     "finding on the big graph (the small-graph findings, the "
                     "CFG, the first finding), sampled by Go's heap profiler "
                     "at one allocation per 4 KiB (`runtime.MemProfileRate`), "
                     f"in a run of its own ({heap_seconds:.0f} s). Most of it "
                     "is garbage by then, so it is read by allocated space "
                     "and count, not by what is in use.\n\n"]
            text.append(listing("Top 20 by allocated space",
                                ["-sample_index=alloc_space"],
                                self.heap_profile))
            text.append(listing("Top 20 by allocation count",
                                ["-sample_index=alloc_objects"],
                                self.heap_profile))
        files.write_text(os.path.join(self.summaries, f"{self.rung}.md"),
                         "".join(text).rstrip() + "\n")
        return samples


class GoRungProfiler(PprofProfiler):
    """A Go rung's runtime/pprof profiles."""

    KIND = "Go's runtime/pprof"
    HZ = GO_PROFILER_HZ
    HEAP = True

    def cpu_command(self, iterations):
        return [self.binary, f"--cpuprofile={self.cpu_profile}",
                *iterations_args(iterations)], None


class RustProfiler(PprofProfiler):
    """A Rust program's CPU profile by gperftools' profiler, preloaded: the
    same sampler as the C++ rungs', with no change to the program."""

    KIND = "gperftools' CPU profiler (libprofiler, preloaded)"
    HZ = PROFILER_HZ

    def cpu_command(self, iterations):
        return [self.binary, *iterations_args(iterations)], {
            "LD_PRELOAD": PROFILER_LIBRARY, "CPUPROFILE": self.cpu_profile,
            "CPUPROFILE_FREQUENCY": str(PROFILER_HZ)}


class JvmProfiler(PprofProfiler):
    """A Java or Scala program's CPU samples recorded by JDK Flight Recorder
    (languages/jvm/profile/cpu.jfc: every millisecond, stacks 2,048 frames
    deep) and turned into a pprof profile by topprof with pprof's own
    profile package; the names are the source's (havlak1.LoopFinder.dfs)."""

    KIND = "JDK Flight Recorder (jdk.ExecutionSample every 1 ms, topprof)"
    HZ = 1000
    SETTINGS = os.path.join(SUITE_ROOT, "languages", "jvm", "profile",
                            "cpu.jfc")

    def __init__(self, rung, args):
        super().__init__(rung, args)
        self.topprof = args.topprof
        self.recording = os.path.join(args.out, f"{rung}.jfr")
        self.jfr = os.path.join(args.java_home, "bin", "jfr")
        self.notes.append(
            "JFR samples Java threads while they run Java code, each sample "
            "counted as one period of CPU time: the collector's and the JIT "
            "compiler's threads are not sampled, so their time is in no row "
            "here (`make variants` times the whole process). The rate is "
            "nominal: JFR takes fewer samples than one a millisecond.")

    def cpu_command(self, iterations):
        return [self.binary, *iterations_args(iterations)], {"JAVA_OPTS": (
            f"-XX:StartFlightRecording:filename={self.recording},"
            f"settings={self.SETTINGS} "
            "-XX:FlightRecorderOptions:stackdepth=2048")}

    def after_cpu_run(self):
        # jfr's JSON (hundreds of MB for a long run) streams through a pipe.
        with tempfile.TemporaryFile() as errors:
            printer = subprocess.Popen(
                [self.jfr, "print", "--json", "--stack-depth", "2048",
                 "--events", "jdk.ExecutionSample", self.recording],
                stdout=subprocess.PIPE, stderr=errors)
            converter = None
            try:
                converter = subprocess.Popen(
                    [self.topprof, "-from", "jfr", "-period", "1ms",
                     "-o", self.cpu_profile], stdin=printer.stdout,
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    text=True)
                # Ours closed, a converter that stops early ends jfr too.
                printer.stdout.close()
                _, converter_errors = converter.communicate()
            finally:
                printer.stdout.close()
                if converter is None or converter.returncode:
                    printer.kill()      # nothing if it has ended
                printed = printer.wait()
            # The converter's complaint first: jfr's is then a broken pipe.
            if converter.returncode != 0:
                raise ProfileError(f"{self.rung}: topprof failed: "
                                   f"{converter_errors.strip()[-300:]}")
            if printed != 0:
                errors.seek(0)
                raise ProfileError(
                    f"{self.rung}: jfr print failed: "
                    f"{errors.read().decode(errors='replace').strip()[-300:]}")
        os.remove(self.recording)

    def pprof_inputs(self, profile):
        # Symbolized already: no binary to read.
        return [profile]


class ConvertedProfiler(PprofProfiler):
    """A profile the runtime's own sampler writes in its own format, into a
    folder of its own, that topprof turns into pprof's (names already
    readable: no binary to read)."""

    FORMAT = ""   # topprof's -from

    def __init__(self, rung, args):
        super().__init__(rung, args)
        self.topprof = args.topprof
        self.raw = os.path.join(args.out, f"{rung}.raw")

    def after_cpu_run(self):
        inputs = sorted(os.path.join(self.raw, name)
                        for name in os.listdir(self.raw))
        try:
            run([self.topprof, "-from", self.FORMAT, "-period",
                 f"{1000 // self.HZ}ms", "-o", self.cpu_profile, *inputs])
        finally:
            shutil.rmtree(self.raw)

    def fresh_raw_folder(self):
        shutil.rmtree(self.raw, ignore_errors=True)
        os.makedirs(self.raw)

    def pprof_inputs(self, profile):
        return [profile]


class PythonProfiler(ConvertedProfiler):
    """A Python program's CPU profile under CPython by py-spy (PyPI, pinned
    in tools/py-spy/requirements.txt), which reads the interpreter's stack
    from outside, 100 times a second, without pausing it (paused for every
    sample, python-havlak1 ran at a fifth of its speed, the longer the
    deeper its recursion, which weighs deep phases more), and only the
    thread holding the GIL, the one running Python: the functions and
    lines are the source's."""

    KIND = ("py-spy 0.4.3 (100 Hz, from outside the process, not pausing "
            "it; the thread holding the GIL), CPython")
    HZ = 100
    FORMAT = "folded"
    # An interpreter's time is in lines: a hot function is one row.
    BY_LINE = True

    def __init__(self, rung, args):
        super().__init__(rung, args)
        self.py_spy = args.py_spy
        self.notes.append(
            "py-spy reads the running interpreter's Python stack: time in "
            "C code called from Python (a dict lookup, a list's growth) "
            "counts in the calling line, and \"(outside Python code)\" is "
            "start-up and shutdown. A thread waiting (the main thread "
            "while the search runs on a thread with a large stack) holds "
            "no GIL and is not sampled. Read without a pause, a stack can "
            "change under the reader: py-spy drops such samples. Profiled "
            "under CPython only: py-spy cannot read PyPy's JIT-compiled "
            "frames.")

    def cpu_command(self, iterations):
        self.fresh_raw_folder()
        return [self.py_spy, "record", "--rate", str(self.HZ),
                "--nonblocking", "--gil", "--format", "raw", "--output",
                os.path.join(self.raw, "stacks.txt"),
                "--", self.binary, *iterations_args(iterations)], {
                    "HAVLAK_PYTHON": "cpython"}


class NodeProfiler(ConvertedProfiler):
    """A JavaScript program's CPU profile by V8's own sampler (node
    --cpu-prof, through the launcher's HAVLAK_NODE_FLAGS: NODE_OPTIONS
    refuses it), every millisecond, one .cpuprofile per thread (a Worker's
    too), merged by topprof."""

    KIND = "V8's CPU profiler (node --cpu-prof, every 1 ms)"
    HZ = 1000
    FORMAT = "v8"

    def __init__(self, rung, args):
        super().__init__(rung, args)
        self.notes.append(
            "V8 samples JavaScript stacks; its own rows say where the rest "
            "went: \"(garbage collector)\" and \"(program)\" (V8 and "
            "Node outside JavaScript: compiling, start-up). Its \"(idle)\" "
            "samples, a thread waiting (the main thread while a Worker "
            "searches), are no CPU time and are left out.")

    def cpu_command(self, iterations):
        self.fresh_raw_folder()
        return [self.binary, *iterations_args(iterations)], {
            "HAVLAK_NODE_FLAGS": (
            f"--cpu-prof --cpu-prof-dir={self.raw} --cpu-prof-interval=1000")}


PROFILERS = {"go": GoRungProfiler, "rust": RustProfiler,
             "java": JvmProfiler, "scala": JvmProfiler,
             "python": PythonProfiler, "javascript": NodeProfiler}


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
        language = language_of(rung)
        if language != CXX:
            profiler = PROFILERS[language](rung, args)
            say(f"{rung}: CPU")
            cpu = profiler.profile_cpu()
            heap = None
            if profiler.HEAP:
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
                        help="comma-separated programs: C++ (havlakN), Go "
                             "(go-havlakN), and rust-, java-, scala-, "
                             "python- or js-havlak1 or -top (default: every "
                             "one built)")
    parser.add_argument("--pprof", default=None,
                        help="the standalone pprof, for every program but "
                             "the C++ rungs (default: tools/pprof beside "
                             "--bin)")
    parser.add_argument("--topprof", default=None,
                        help="the converter of the JVM's, Python's and "
                             "Node's profiles to pprof's format (default: "
                             "tools/topprof beside --bin)")
    parser.add_argument("--py-spy", default=None,
                        help="py-spy, for the Python programs (default: "
                             "tools/py-spy/bin/py-spy beside --bin)")
    parser.add_argument("--heap-scale", type=float, default=1,
                        help="--scale of the heap-profile runs (default 1)")
    args = parser.parse_args(argv)
    tools = os.path.join(os.path.dirname(os.path.normpath(args.bin)), "tools")
    args.pprof = args.pprof or os.path.join(tools, "pprof")
    args.topprof = args.topprof or os.path.join(tools, "topprof")
    args.py_spy = args.py_spy or os.path.join(tools, "py-spy", "bin",
                                              "py-spy")
    if args.rungs:
        rungs = args.rungs.split(",")
        for rung in rungs:
            if not PROGRAM.fullmatch(rung):
                parser.error(f"--rungs: {rung!r} is not a program (havlakN, "
                             "go-havlakN, rust-top, java-top, ...)")
            if not os.access(os.path.join(args.bin, rung), os.X_OK):
                parser.error(f"--rungs: no {rung} in {args.bin}: build first")
    else:
        rungs = find_rungs(args.bin) + [
            name for name in find_programs(args.bin)
            if PROGRAM.fullmatch(name) and language_of(name) != CXX]
    if not rungs:
        parser.error(f"no rung binaries in {args.bin}: build first")
    languages = {language_of(rung) for rung in rungs}
    if languages - {CXX} and not os.access(args.pprof, os.X_OK):
        parser.error(f"no pprof at {args.pprof} (make profiles builds it)")
    if languages & {"java", "scala", "python", "javascript"}:
        if not os.access(args.topprof, os.X_OK):
            parser.error(f"no topprof at {args.topprof} (make profiles "
                         "builds it)")
    if "python" in languages and not os.access(args.py_spy, os.X_OK):
        parser.error(f"no py-spy at {args.py_spy} (make profiles installs "
                     "it)")
    if languages & {"java", "scala"}:
        if not os.access(args.topprof, os.X_OK):
            parser.error(f"no topprof at {args.topprof} (make profiles "
                         "builds it)")
        jdk = toolchains.locate(toolchains.registry().default("java"))
        if jdk.missing:
            parser.error(f"the JVM programs' profiles need {jdk.name}: "
                         f"{jdk.missing}")
        args.java_home = jdk.paths["java_home"]
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
