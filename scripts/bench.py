#!/usr/bin/env python3
"""Runs the Google Benchmark binary (`make bench`): one loop finding of every
rung on Hundt-shaped graphs of 1,012 to 4,032,013 blocks (the top rung and a
plain depth-first search to 10,080,013). Writes bench.json, bench.md and the
plot bench.svg into the results folder, the JSON checked before it is kept;
then instruction counts per rung (instructions.md, with callgrind) and the
top rung's scaling to 10,000,000 blocks (scaling.md)."""

import argparse
import datetime
import os
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import bench, instructions, scaling  # noqa: E402
from havlak_tools.binaries import binary_path, find_rungs  # noqa: E402
from havlak_tools.runner import RunError  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="build/bin",
                        help="where havlak_bench and the rungs are")
    parser.add_argument("--out", help="the results folder (default "
                                      "results/<date>-<host>)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--filter", default=".",
                        help="--benchmark_filter (default: all)")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip the callgrind instruction counts")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the 10,000,000-block scaling runs")
    args = parser.parse_args(argv)
    binary = os.path.join(args.bin, "havlak_bench")
    rungs = find_rungs(args.bin)
    if not rungs or not os.access(binary, os.X_OK):
        parser.error(f"no havlak_bench or rungs in {args.bin}: build first")
    if args.out is None:
        args.out = os.path.join(
            "results", datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d") + "-" + socket.gethostname())
    os.makedirs(args.out, exist_ok=True)
    final = os.path.join(args.out, "bench.json")
    temporary = os.path.join(args.out, f".bench.json.tmp.{os.getpid()}")
    command = [binary, f"--benchmark_filter={args.filter}",
               f"--benchmark_repetitions={args.repetitions}",
               "--benchmark_display_aggregates_only=true",
               f"--benchmark_out={temporary}",
               "--benchmark_out_format=json"]
    try:
        status = subprocess.run(command).returncode
        if status != 0:
            print(f"bench: havlak_bench exited with status {status}; nothing "
                  "written", file=sys.stderr)
            return 1
        with open(temporary) as text:
            runs = bench.parse(text.read())
        os.replace(temporary, final)
    except bench.BenchError as error:
        print(f"bench: {temporary}: {error}; nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted; nothing written", file=sys.stderr)
        return 130
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    def progress(line):
        print(f"bench: {line}", file=sys.stderr, flush=True)

    try:
        if not args.no_instructions:
            progress("counting instructions with callgrind")
            instructions.write(args.out,
                               os.path.join(args.bin, "havlak_instructions"),
                               rungs, progress)
        if not args.no_scaling:
            progress(f"scaling {rungs[-1]} to 10,000,000 blocks")
            scaling.write(args.out, binary_path(args.bin, rungs[-1]),
                          rungs[-1], progress)
    except (instructions.InstructionsError, RunError) as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        return 1
    shown = " ".join(["build/bin/havlak_bench"] + command[1:-2]
                     + ["--benchmark_out=bench.json",
                        "--benchmark_out_format=json"])
    bench.write_summary(args.out, runs, shown)
    progress(f"{len(runs)} runs written to {final}, with bench.md and "
             "bench.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
