"""The Go rungs' benchmarks (`go test -bench`, languages/go/havlak/bench.go) in Google
Benchmark's JSON format, to be merged into havlak_bench's bench.json.

Each Go rung's package (languages/go/variants/havlakN) has BenchmarkFindLoops/<blocks>;
its results become `go-havlakN/FindLoops/<blocks>`, one entry per repetition
(`-count`), as Google Benchmark writes them, with the same counters: blocks,
allocations_per_find and bytes_per_find (from -benchmem's allocs/op and
B/op: one finding per iteration), items_per_second, and "language": "go";
then, for two repetitions or more, the mean, median and stddev
aggregates. Reads `go test`'s text output
or its -json event stream."""

import json
import os
import re
import statistics

GO_DIR = os.path.join("languages", "go")
PACKAGE = re.compile(r"(?:^|/)variants/(havlak\d+)$")
RESULT = re.compile(r"^Benchmark(?P<name>[A-Za-z0-9_]+)/(?P<blocks>\d+)"
                    r"(?:-\d+)?\s+(?P<iterations>\d+)\s+(?P<rest>.*\bns/op.*)$")
METRIC = re.compile(r"([0-9.eE+-]+) ([A-Za-z/]+)")


class GoBenchError(ValueError):
    """Output that is not what `go test -bench` writes for our benchmarks."""


def _by_package(text):
    """{package: its output text}, from text or -json output."""
    outputs = {}
    package = None
    for line in text.splitlines(keepends=True):
        if line.startswith("{"):
            try:
                event = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoBenchError(f"a malformed -json event: {error}") \
                    from None
            if event.get("Action") == "fail" and event.get("Package") \
                    and not event.get("Test"):
                raise GoBenchError(f"{event['Package']} failed")
            if event.get("Action") == "output" and event.get("Package"):
                outputs.setdefault(event["Package"], []).append(
                    event.get("Output", ""))
            continue
        if line.startswith("pkg: "):
            package = line[5:].strip()
        elif line.startswith(("FAIL", "--- FAIL")) or "panic:" in line:
            raise GoBenchError(f"go test failed: {line.strip()}")
        elif package is not None:
            outputs.setdefault(package, []).append(line)
    return {package: "".join(lines) for package, lines in outputs.items()}


def parse(text):
    """[(rung, operation, blocks, iterations, ns/op, allocs/op, B/op)] in
    the order run; raises GoBenchError if there is none or one is odd."""
    runs = []
    for package, output in _by_package(text).items():
        match = PACKAGE.search(package)
        if not match:
            continue
        rung = "go-" + match.group(1)
        if re.search(r"^(FAIL|--- FAIL)|panic:", output, re.M):
            raise GoBenchError(f"{package} failed")
        # -json may split a result line over events: join, then read lines.
        for line in output.splitlines():
            result = RESULT.match(line.strip())
            if not result:
                continue
            metrics = {unit: float(value) for value, unit
                       in METRIC.findall(result.group("rest"))}
            if "ns/op" not in metrics:
                raise GoBenchError(f"{rung}: no ns/op in '{line.strip()}'")
            blocks = int(result.group("blocks"))
            if "blocks" in metrics and metrics["blocks"] != blocks:
                raise GoBenchError(f"{rung}: blocks do not match the name "
                                   f"in '{line.strip()}'")
            runs.append((rung, result.group("name"), blocks,
                         int(result.group("iterations")), metrics["ns/op"],
                         metrics.get("allocs/op"), metrics.get("B/op")))
    if not runs:
        raise GoBenchError("no Go benchmark results")
    return runs


def to_google_benchmark(runs):
    """Google Benchmark JSON entries (repetitions, then aggregates)."""
    grouped = {}
    for run in runs:
        grouped.setdefault(run[:3], []).append(run)
    entries = []
    for (rung, operation, blocks), repetitions in grouped.items():
        name = f"{rung}/{operation}/{blocks}"
        common = {"run_name": name, "repetitions": len(repetitions),
                  "threads": 1, "time_unit": "ns", "language": "go"}
        for index, (_, _, _, iterations, nanoseconds, allocations,
                    size) in enumerate(repetitions):
            entry = dict(common, name=name, run_type="iteration",
                         repetition_index=index, iterations=iterations,
                         real_time=nanoseconds, cpu_time=nanoseconds,
                         blocks=float(blocks),
                         items_per_second=blocks * 1e9 / nanoseconds)
            if allocations is not None:
                entry["allocations_per_find"] = allocations
            if size is not None:
                entry["bytes_per_find"] = size
            entries.append(entry)
        times = [run[4] for run in repetitions]
        if len(times) < 2:   # Google Benchmark adds none to one run either
            continue
        for aggregate, function in (("mean", statistics.mean),
                                    ("median", statistics.median),
                                    ("stddev", statistics.stdev)):
            value = function(times)
            entries.append(dict(common, name=f"{name}_{aggregate}",
                                run_type="aggregate",
                                aggregate_name=aggregate,
                                iterations=len(times), real_time=value,
                                cpu_time=value, blocks=float(blocks)))
    return entries


def merge(document_text, runs, command):
    """havlak_bench's JSON document with the Go runs appended; the context
    names the go test command."""
    document = json.loads(document_text)
    document["benchmarks"].extend(to_google_benchmark(runs))
    document["context"]["go_benchmark_command"] = command
    return json.dumps(document, indent=2) + "\n"


def packages(suite_root, rungs):
    """The Go rungs (go-havlakN) whose package has BenchmarkFindLoops, as
    package paths for go test (./variants/havlakN)."""
    found = []
    for rung in rungs:
        folder = os.path.join(suite_root, GO_DIR, "variants", rung[3:])
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in sorted(names):
            if not name.endswith("_test.go"):
                continue
            with open(os.path.join(folder, name)) as source:
                if "func BenchmarkFindLoops(" in source.read():
                    found.append("./variants/" + rung[3:])
                    break
    return found


def command(package_paths, repetitions, pattern="^BenchmarkFindLoops$",
            go="go"):
    """The go test command line (run in go/), with the `go` given: the
    pinned toolchain's (toolchains.json), as the rungs are built."""
    return ([go, "test", "-run", "^$", "-bench", pattern, "-benchmem",
             f"-count={repetitions}", "-timeout=0", "-json"]
            + list(package_paths))
