#!/usr/bin/env python3
"""Runs the Google Benchmark binary (`make bench`): one loop finding of every
rung on Hundt-shaped graphs of 1,012 to 4,032,013 blocks. Writes bench.json,
bench.md and the scaling plot bench.svg into the results folder; the JSON is
checked before it is kept."""

import argparse
import datetime
import os
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from havlak_tools import bench  # noqa: E402
from havlak_tools.files import write_text  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default="build/bin/havlak_bench")
    parser.add_argument("--out", help="the results folder (default "
                                      "results/<date>-<host>)")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--filter", default=".",
                        help="--benchmark_filter (default: all)")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = os.path.join(
            "results", datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%d") + "-" + socket.gethostname())
    os.makedirs(args.out, exist_ok=True)
    final = os.path.join(args.out, "bench.json")
    temporary = os.path.join(args.out, f".bench.json.tmp.{os.getpid()}")
    command = [args.binary, f"--benchmark_filter={args.filter}",
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
    shown = " ".join(["build/bin/havlak_bench"] + command[1:-2]
                     + ["--benchmark_out=bench.json",
                        "--benchmark_out_format=json"])
    bench.write_summary(args.out, runs, shown)
    print(f"bench: {len(runs)} runs written to {final}, with bench.md and "
          "bench.svg", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
