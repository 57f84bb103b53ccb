"""Tiny stand-ins for the rung binaries and havlak_bench: small Python
scripts that print what the real ones print, and misbehave on request
through environment variables, so the runners' behaviour can be tested in
milliseconds without a build."""

import json
import os
import stat
import sys

from test_records import GOOD

RUNG = r'''#!{python}
import json, math, os, subprocess, sys, time
# The rung a binary reports is the file's own (a symlink reports its target).
name = os.path.basename(os.path.realpath(sys.argv[0]))
rung, build = name, ""
for suffix in ("-jemalloc", "-tcmalloc", "-counting"):
    if name.endswith(suffix):
        rung, build = name[:-len(suffix)], suffix[1:]
language = "c++"
for prefix in ("go", "rust", "java", "scala", "python"):
    if rung.startswith(prefix + "-"):
        language = prefix
scale, iterations = None, 50
for argument in sys.argv[1:]:
    if argument.startswith("--scale="):
        scale = float(argument[8:])
    if argument.startswith("--iterations="):
        iterations = int(argument[13:])
s = 1.0 if scale is None else scale
loops_per_tree = math.floor(100 * s + 0.5)
small_finds = max(1, math.floor(15000 * s + 0.5))
loops = 76 * 10 * loops_per_tree + 2
def env(key):
    return os.environ.get(key + "_" + rung) or os.environ.get(key)
if env("FAKE_PIDFILE"):
    with open(env("FAKE_PIDFILE"), "a") as out:
        out.write(f"{{os.getpid()}}\n")
if env("FAKE_HANG"):
    child = subprocess.Popen(["sleep", "60"])
    with open(env("FAKE_HANG"), "w") as out:
        out.write(f"{{os.getpid()}} {{child.pid}}\n")
    time.sleep(60)
if env("FAKE_SLEEP"):
    time.sleep(float(env("FAKE_SLEEP")))
record = json.loads({good!r})
record["rung"] = rung
record["allocator"] = {{"jemalloc": "jemalloc", "tcmalloc": "tcmalloc"}}.get(
    build, "glibc")
record["workload"] = {{
    "canonical": scale is None and iterations == 50, "scale": s, "trees": 10,
    "loops_per_tree": loops_per_tree,
    "blocks": 3 + 10 * (1 + loops_per_tree * 252),
    "small_graph_finds": small_finds, "big_graph_finds": iterations}}
record["loops"] = int(env("FAKE_LOOPS") or loops)
record["loops_total"] = int(env("FAKE_LOOPS_TOTAL") or loops * iterations)
record["allocations"] = ({{"count": 7, "bytes": 700, "peak_live_bytes": 70}}
                         if build == "counting" else None)
# The other languages report their runtime and always their allocations.
if language == "go":
    record["allocator"] = "go"
    record["allocator_version"] = ("go1.19.8 GOGC=" + (os.environ.get("GOGC")
        or "100") + " GOMEMLIMIT=" + (os.environ.get("GOMEMLIMIT") or "off"))
    record["compiler"] = "go1.19.8 gc"
    record["allocations"] = {{"count": 9, "bytes": 900, "peak_live_bytes": 90}}
elif language == "rust":
    record["compiler"] = "rustc 1.63.0"
    record["allocations"] = {{"count": 8, "bytes": 800, "peak_live_bytes": 80}}
elif language in ("java", "scala"):
    options = os.environ.get("JAVA_OPTS", "")
    record["allocator"] = ("Parallel" if "UseParallelGC" in options
                           else "G1")
    record["allocator_version"] = "OpenJDK 17 (" + options + ")"
    record["compiler"] = "javac 17.0.15"
    record["allocations"] = {{"count": None, "bytes": 1000,
                              "peak_live_bytes": 0, "how": "bytes"}}
elif language == "python":
    implementation = {{"pypy": "PyPy"}}.get(os.environ.get("HAVLAK_PYTHON"),
                                           "CPython")
    record["allocator"] = implementation
    record["allocator_version"] = implementation + " 3.11.7 (/usr/bin/x)"
    record["compiler"] = implementation + " 3.11.7"
    record["allocations"] = None    # Python measures none
if language != "c++":
    record["language"] = language
if env("FAKE_LANGUAGE") is not None:
    record.pop("language", None)
    if env("FAKE_LANGUAGE"):
        record["language"] = env("FAKE_LANGUAGE")
if env("FAKE_FLAGS"):
    record["build_flags"] = env("FAKE_FLAGS")
if env("FAKE_ALLOCATOR"):
    record["allocator"] = env("FAKE_ALLOCATOR")
print(json.dumps(record))
'''

BENCH = r'''#!{python}
import json, os, sys
if os.environ.get("FAKE_PIDFILE"):
    with open(os.environ["FAKE_PIDFILE"], "a") as out:
        out.write(f"{{os.getpid()}}\n")
out = [a[len("--benchmark_out="):] for a in sys.argv
       if a.startswith("--benchmark_out=")][0]
entry = {{"name": "havlak1/FindLoops/1012", "run_name": "havlak1/FindLoops/1012",
         "run_type": "iteration", "iterations": 10, "real_time": 300.0,
         "time_unit": "us", "blocks": 1012.0, "allocations_per_find": 7.0}}
with open(out, "w") as text:
    json.dump({{"context": {{"num_cpus": 2}}, "benchmarks": [entry]}}, text)
'''


def _script(path, text):
    with open(path, "w") as out:
        out.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)


def make_bin(folder, rungs=("havlak1", "havlak2"), bench=False):
    """A bin folder of fake rungs, each in its four builds."""
    os.makedirs(folder, exist_ok=True)
    text = RUNG.format(python=sys.executable, good=json.dumps(GOOD))
    for rung in rungs:
        # Programs of other languages are one binary each.
        suffixes = (("",) if rung.split("-")[0] in ("go", "rust", "java",
                                                     "scala")
                    else ("", "-jemalloc", "-tcmalloc", "-counting"))
        for suffix in suffixes:
            _script(os.path.join(folder, rung + suffix), text)
    if bench:
        _script(os.path.join(folder, "havlak_bench"),
                BENCH.format(python=sys.executable))
    return folder


def pids(path):
    """The pids a pid file collected."""
    if not os.path.exists(path):
        return []
    with open(path) as text:
        return [int(word) for word in text.read().split()]


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as text:
            return text.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
