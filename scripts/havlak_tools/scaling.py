"""Linear scaling: the top rung's time per block and peak memory per block
on the canonical workload's shape at about 100,000 and 10,000,000 blocks."""

import os
import statistics

from .files import write_json, write_text
from .runner import Expectation, default_timeout, run_rung

# (scale, findings): --scale=0.4 is 10 trees of 40 outer loops, 100,813
# blocks; --scale=40 is 10 trees of 4,000, 10,080,013 blocks. Both find
# about 50 million blocks' loops, so both time about a second rather than
# the small graph a few milliseconds at the mercy of noise.
SCALES = ((0.4, 500), (40, 5))
RUNS = 3


def write(folder, binary, rung, progress):
    rows = []
    for scale, iterations in SCALES:
        runs = [run_rung([binary, "--json", f"--scale={scale!r}",
                          f"--iterations={iterations}"],
                         Expectation(rung, "glibc", scale, iterations),
                         default_timeout(scale, iterations))
                for _ in range(RUNS)]
        blocks = runs[0].record.blocks
        per_finding = statistics.median(
            run.record.phases["repeated_finds"] / iterations for run in runs)
        peak_kib = statistics.median(run.max_rss_kib for run in runs)
        rows.append({
            "rung": rung, "scale": scale, "iterations": iterations,
            "blocks": blocks, "runs": RUNS,
            "seconds_per_finding": per_finding,
            "nanoseconds_per_block": per_finding / blocks * 1e9,
            "peak_rss_kib": peak_kib,
            "bytes_per_block": peak_kib * 1024 / blocks,
        })
        progress(f"{rung} at {blocks:,} blocks: "
                 f"{rows[-1]['nanoseconds_per_block']:.1f} ns and "
                 f"{rows[-1]['bytes_per_block']:.0f} bytes per block")
    write_json(os.path.join(folder, "scaling.json"), rows)
    small, large = rows
    lines = ["# Scaling to 10,000,000 blocks", "",
             f"{rung} on the workload's graph at `--scale=0.4` and "
             f"`--scale=40` (`{os.path.basename(binary)} --scale=0.4 "
             f"--iterations={small['iterations']}` and `--scale=40 "
             f"--iterations={large['iterations']}`): time per block of one "
             "loop finding (the repeated phase over its findings) and the "
             "process's peak resident memory per block (it includes the "
             f"process's own few MiB). Medians of {RUNS} runs each.", "",
             "| blocks | ms per finding | ns per block | peak MiB | "
             "bytes per block |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row['blocks']:,} | "
                     f"{row['seconds_per_finding'] * 1e3:.2f} | "
                     f"{row['nanoseconds_per_block']:.1f} | "
                     f"{row['peak_rss_kib'] / 1024:.1f} | "
                     f"{row['bytes_per_block']:.0f} |")
    ratio = (large["nanoseconds_per_block"] / small["nanoseconds_per_block"])
    lines += ["", f"Time per block at {large['blocks']:,} blocks is "
              f"{ratio:.2f}x that at {small['blocks']:,}.", ""]
    write_text(os.path.join(folder, "scaling.md"), "\n".join(lines))
    return rows
