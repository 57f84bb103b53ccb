#!/usr/bin/env python3
"""The JVM top programs' steady state, cross-checked once with JMH
(`make jmh`): JMH 1.37 from Maven Central (languages/jvm/jmh/jmh.json,
each jar SHA-256 pinned) times one loop finding on the canonical big graph
(languages/jvm/jmh/havlakjmh/FindingBenchmark.java: 2 forks, 5 warm-up and
10 measured iterations of 1 s, G1), and the programs' own runs give their
steady time per finding as results.md does (the median of findings 11 to
50, scripts/havlak_tools/steady.py), on the same machine in one sitting.

Writes results/<date>-<host>-jmh[-N]/ (jmh.md, jmh.json: JMH's own
results and the programs' runs, env.json), staged and renamed at the end.
Exit status: 0 written, 1 a failure, 2 a bad command line, 130
interrupted."""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compare import fresh_folder, lock_path, stamp  # noqa: E402
from havlak_tools import (environment, files, languages, steady,  # noqa: E402
                          toolchains)
from havlak_tools.files import read_json  # noqa: E402
from havlak_tools.runner import RunError, run_rung  # noqa: E402
from havlak_tools.stats import Summary  # noqa: E402
from havlak_tools.table import markdown_table  # noqa: E402

SUITE_ROOT = environment.SUITE_ROOT
JMH_FOLDER = os.path.join(SUITE_ROOT, "languages", "jvm", "jmh")
PROGRAMS = {"top.Main$Top": "java-top", "scalatop.Top": "scala-top"}


class JmhError(RuntimeError):
    pass


def say(line):
    print(f"jmh: {line}", file=sys.stderr, flush=True)


def jars():
    """(runtime classpath, annotation processor path) of the pinned jars,
    fetched from Maven Central when missing."""
    pins = read_json(os.path.join(JMH_FOLDER, "jmh.json"), JmhError)
    wanted = {**pins["runtime"], **pins["processor"]}
    if not all(os.path.isfile(toolchains.maven_path(c)) for c in wanted):
        for coordinates in pins["fetch"]:
            say(f"fetching {coordinates} from Maven Central")
            done = subprocess.run(["mvn", "-B", "-q", "dependency:get",
                                   f"-Dartifact={coordinates}"],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                lines = (done.stdout + done.stderr).strip().splitlines()
                raise JmhError(f"mvn could not fetch {coordinates}: "
                               + (lines[-1] if lines else "no message"))
    for coordinates, digest in wanted.items():
        path = toolchains.maven_path(coordinates)
        if not os.path.isfile(path) or toolchains.sha256(path) != digest:
            raise JmhError(f"{path} is not the pinned {coordinates} "
                           "(missing, or its SHA-256 differs)")
    runtime = [toolchains.maven_path(c) for c in pins["runtime"]]
    return runtime, runtime + [toolchains.maven_path(c)
                               for c in pins["processor"]]


def program_classpath(build):
    scala = toolchains.locate(toolchains.registry().default("scala"))
    if scala.missing:
        raise JmhError(f"no Scala toolchain: {scala.missing}")
    return [os.path.join(build, "java", "classes"),
            os.path.join(build, "scala", "classes"),
            *scala.paths["library"]]


def run_jmh(build, out):
    jdk = toolchains.locate(toolchains.registry().default("java"))
    if jdk.missing:
        raise JmhError(f"no JDK: {jdk.missing}")
    bin_dir = os.path.join(jdk.paths["java_home"], "bin")
    runtime, processor = jars()
    classes = os.path.join(build, "jmh", "classes")
    os.makedirs(classes, exist_ok=True)
    programs = program_classpath(build)
    source = os.path.join(JMH_FOLDER, "havlakjmh", "FindingBenchmark.java")
    say("compiling the benchmark")
    done = subprocess.run([os.path.join(bin_dir, "javac"), "-encoding",
                           "UTF-8", "-d", classes, "-cp",
                           ":".join(runtime + programs), "-processorpath",
                           ":".join(processor), source],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise JmhError(f"javac failed: {done.stderr.strip()}")
    result = os.path.join(out, "jmh-result.json")
    say("running JMH (about 2 minutes)")
    done = subprocess.run([os.path.join(bin_dir, "java"), "-cp",
                           ":".join([classes] + runtime + programs),
                           "org.openjdk.jmh.Main", "-rf", "json", "-rff",
                           result, "havlakjmh.FindingBenchmark"],
                          capture_output=True, text=True)
    if done.returncode != 0 or not os.path.isfile(result):
        raise JmhError("JMH failed: " + (done.stderr.strip() or
                                         done.stdout.strip()[-500:]))
    with open(result) as text:
        found = json.load(text)
    return {PROGRAMS[entry["params"]["rung"]]: entry for entry in found}, \
        jdk.version_line


def own_runs(bin_dir, program, runs):
    """The program's own runs, as results.json keeps them, and the last
    one's record."""
    language = languages.language_of(program)
    env = languages.environment(language, languages.default_setting(
        language))
    kept = []
    for index in range(runs):
        measurement = run_rung([os.path.join(bin_dir, program), "--json"],
                               None, None, env)
        record = measurement.record
        kept.append({"wall_seconds": measurement.wall_seconds,
                     "phases_seconds": dict(record.phases),
                     "finds_seconds": list(record.finds_seconds)})
        say(f"{program} run {index + 1}/{runs}: {measurement.wall_seconds:.2f}"
            " s")
    return kept, record


def report(jmh, runs, jdk_line, env):
    body = []
    for program, entry in jmh.items():
        metric = entry["primaryMetric"]
        low, high = metric["scoreConfidence"]
        mine = Summary.of(steady.steady_seconds(run) for run in runs[program])
        ratio = mine.median * 1000 / metric["score"]
        body.append([program, f"{metric['score']:.3f} [{low:.3f}-{high:.3f}]",
                     f"{mine.median * 1000:.3f} [{mine.minimum * 1000:.3f}-"
                     f"{mine.maximum * 1000:.3f}]", f"{ratio:.3f}",
                     f"{(ratio - 1) * 100:+.1f}%"])
    table = markdown_table(["program", "JMH ms per finding [99.9% interval]",
                            "own steady ms per finding [min-max of runs]",
                            "own / JMH", "difference"], body, left=1)
    return "\n".join([
        "# The JVM top programs' steady state: own timing against JMH", "",
        f"`{env['command']}` on {env['cpu_model']} ({env['cores']} cores), "
        f"{env['date']}, {jdk_line}, G1 with its default heap.", "",
        "JMH: average time of one finding on the canonical big graph, the "
        "same finder and one loop graph refilled (as the workload's repeated "
        "findings), 2 forks of 5 warm-up and 10 measured 1-s iterations, "
        "its 99.9% interval. Own: each program's steady time per finding as "
        "`results.md` gives it (each run's median of its findings 11 to 50 "
        f"of the workload), median of {len(next(iter(runs.values())))} runs "
        "of the whole program.", "", table, ""]
        + ([f"**Warning: {env['busy_warning']}.**", ""]
           if env.get("busy_warning") else []))


def measure(args, argv):
    out = args.out or fresh_folder(os.path.join(SUITE_ROOT, "results"),
                                   stamp() + "-jmh")
    for program in PROGRAMS.values():
        if not os.path.isfile(os.path.join(args.bin, program)):
            say(f"{program} is not built in {args.bin} (make build first)")
            return 1
    source = environment.source_state()
    before = environment.machine_sample()
    try:
        with files.StagedFolder(out) as staged:
            jmh, jdk_line = run_jmh(args.build, staged.path)
            runs = {}
            for program in PROGRAMS.values():
                runs[program], record = own_runs(args.bin, program,
                                                 args.runs)
            busy = environment.busy_report(before,
                                           environment.machine_sample())
            env = environment.collect(["scripts/jmh.py"] + argv, record, {},
                                      source, busy)
            files.write_json(os.path.join(staged.path, "jmh.json"),
                             {"jmh": jmh, "runs": runs, "jdk": jdk_line})
            files.write_json(os.path.join(staged.path, "env.json"), env)
            text = report(jmh, runs, jdk_line, env)
            files.write_text(os.path.join(staged.path, "jmh.md"), text)
            staged.commit()
    except (JmhError, RunError, OSError) as error:
        say(f"FAILED: {error}; nothing written")
        return 1
    print(text)
    say(f"written to {out}/")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="scripts/jmh.py", description=__doc__.split("\n\n")[0],
        epilog="Exit status: 0 written, 1 a failure, 2 a bad command line, "
               "130 interrupted.")
    parser.add_argument("--build", default=os.path.join(SUITE_ROOT, "build"),
                        help="the build tree (default build)")
    parser.add_argument("--bin", help="the programs (default BUILD/bin)")
    parser.add_argument("--runs", type=int, default=5,
                        help="own runs of each program (default 5)")
    parser.add_argument("--out", help="the folder to write (must not exist)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.bin = args.bin or os.path.join(args.build, "bin")
    return files.measure_exclusively(
        lock_path(), "scripts/jmh.py " + " ".join(argv), say,
        lambda: measure(args, argv))


if __name__ == "__main__":
    sys.exit(main())
