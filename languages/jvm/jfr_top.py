#!/usr/bin/env python3
"""The hot methods of a JFR recording, as JDK 17's jfr tool has no 'view'.

    python3 languages/jvm/jfr_top.py FILE.jfr [N]

Reads `jfr print --json --events jdk.ExecutionSample` (Debian's JDK 17) and
prints the N (default 15) methods most often on top of the sampled stacks
(flat) and most often anywhere on them (cumulative), as pprof's top does.
"""
import collections
import json
import subprocess
import sys

JFR = "/usr/lib/jvm/java-17-openjdk-amd64/bin/jfr"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    limit = int(sys.argv[2]) if len(sys.argv) == 3 else 15
    out = subprocess.run([JFR, "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    flat, cumulative = collections.Counter(), collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"]["stackTrace"] else []
        names = []
        for frame in frames:
            method = frame["method"]
            names.append(method["type"]["name"] + "." + method["name"])
        if not names:
            continue
        flat[names[0]] += 1
        for name in set(names):
            cumulative[name] += 1
    total = len(events)
    print(f"{total} samples (jdk.ExecutionSample, every 10-20 ms of a running Java thread)")
    print(f"{'flat':>6} {'flat%':>6} {'cum':>6} {'cum%':>6}  method")
    for name, count in flat.most_common(limit):
        print(f"{count:6d} {100 * count / total:5.1f}% {cumulative[name]:6d} "
              f"{100 * cumulative[name] / total:5.1f}%  {name}")
    out = subprocess.run([JFR, "print", "--json", "--events", "jdk.GarbageCollection", sys.argv[1]],
                         check=True, capture_output=True, text=True).stdout
    collections_ = json.loads(out)["recording"]["events"]
    pauses = sum(parse_duration(c["values"]["sumOfPauses"]) for c in collections_)
    print(f"{len(collections_)} collections (jdk.GarbageCollection), {pauses:.3f} s of pauses")


def parse_duration(text):
    """JFR's JSON durations: "PT0.0123S"."""
    text = text.removeprefix("PT")
    seconds = 0.0
    for unit, scale in (("H", 3600), ("M", 60), ("S", 1)):
        if unit in text:
            value, text = text.split(unit, 1)
            seconds += float(value) * scale
    return seconds


if __name__ == "__main__":
    main()
