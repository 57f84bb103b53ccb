"""Instructions per block per loop finding, counted by callgrind: a figure
that does not move with machine noise."""

import json
import os
import re
import subprocess
import tempfile

from .files import write_json, write_text


class InstructionsError(RuntimeError):
    pass


def count(binary, rung):
    """Runs `binary rung` under callgrind, collecting only inside the
    measured findings; returns (instructions, blocks, findings)."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no",
             "--toggle-collect=*MeasuredFindings*",
             f"--callgrind-out-file={out}", binary, rung],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise InstructionsError(f"{rung}: callgrind run failed: "
                                    f"{result.stderr.strip()[-300:]}")
        try:
            record = json.loads(result.stdout)
        except json.JSONDecodeError:
            raise InstructionsError(f"{rung}: no record: {result.stdout!r}")
        with open(out) as text:
            totals = re.search(r"^(?:summary|totals): (\d+)", text.read(),
                               re.MULTILINE)
        if not totals:
            raise InstructionsError(f"{rung}: no instruction total")
    return int(totals.group(1)), record["blocks"], record["findings"]


def write(folder, binary, rungs, progress):
    rows = []
    for rung in rungs:
        instructions, blocks, findings = count(binary, rung)
        per_block = instructions / (blocks * findings)
        rows.append({"rung": rung, "instructions": instructions,
                     "blocks": blocks, "findings": findings,
                     "instructions_per_block": per_block})
        progress(f"{rung}: {per_block:,.0f} instructions per block")
    write_json(os.path.join(folder, "instructions.json"), rows)
    first = rows[0]["instructions_per_block"]
    lines = ["# Instructions per block per loop finding", "",
             "Counted by `valgrind --tool=callgrind` "
             "(`build/bin/havlak_instructions RUNG`, collecting only inside "
             f"{rows[0]['findings']} findings on the {rows[0]['blocks']:,}-"
             "block Hundt-shaped graph, after one untimed finding). "
             "Instructions do not vary with machine noise: the same binary "
             "and graph give the same count.", "",
             "| rung | instructions per block | vs " + rows[0]["rung"] +
             " | vs rung below |",
             "| --- | ---: | ---: | ---: |"]
    below = None
    for row in rows:
        value = row["instructions_per_block"]
        lines.append(f"| {row['rung']} | {value:,.0f} | {first / value:.2f}x"
                     f" | {'' if below is None else f'{below / value:.2f}x'} |")
        below = value
    write_text(os.path.join(folder, "instructions.md"), "\n".join(lines) + "\n")
    return rows
