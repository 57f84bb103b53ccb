"""Instructions and cache misses per block (havlak_tools/instructions.py),
counted by a fake valgrind and a fake perf on PATH whose figures are known:
the simulated caches are named on callgrind's command line, the counts per
block are the totals over blocks x findings, each language's ladder starts
its own steps, and perf's counts are the difference of two runs or, where
the CPU has no counters, a sentence saying so."""

import json
import os
import stat
import sys
import tempfile
import unittest
from unittest import mock

from havlak_tools import instructions, plots

# Writes callgrind's output with totals that depend on the program's name
# (the last argument but one, or the binary's name), prints the record the
# counted programs print, and keeps its command line.
FAKE_VALGRIND = r'''#!{python}
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print("valgrind-3.19.0")
    sys.exit(0)
if "FAKE_VALGRIND_ARGS" in os.environ:
    with open(os.environ["FAKE_VALGRIND_ARGS"], "a") as out:
        out.write(json.dumps(args) + "\n")
out_file = next(a.split("=", 1)[1] for a in args
                if a.startswith("--callgrind-out-file="))
command = [a for a in args if not a.startswith("--")]
name = os.path.basename(command[0])
if name == "havlak_instructions":
    name = command[1]
if os.environ.get("FAKE_VALGRIND_FAIL") == name:
    sys.stderr.write("valgrind: the fake failed\n")
    sys.exit(1)
ir, d1mr, d1mw, dlmr, dlmw = json.loads(
    os.environ.get("FAKE_TOTALS", "{{}}")).get(name, [1000, 10, 10, 1, 1])
with open(out_file, "w") as out:
    out.write("version: 1\ncreator: callgrind-3.19.0\n"
              "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
              "fn=(1) main\n1 5 0 0 0 0 0 0 0 0\n"
              f"summary: {{ir}} 7 7 3 {{d1mr}} {{d1mw}} 3 {{dlmr}} {{dlmw}}\n")
print(json.dumps({{"rung": name, "blocks": 100, "findings": 2, "loops": 9}}))
'''

# perf stat -x, as it prints on a CPU without counters, or with them: each
# event a count that grows by PER_FINDING a finding.
FAKE_PERF = r'''#!{python}
import json, os, sys
args = sys.argv[1:]
supported = os.environ.get("FAKE_PERF") == "counters"
if os.environ.get("FAKE_PERF") == "refused":
    sys.stderr.write("Error:\nAccess to performance monitoring is restricted\n")
    sys.exit(255)
events = args[args.index("-e") + 1].split(",")
command = args[args.index("--") + 1:] if "--" in args else args[-1:]
findings = 0
for a in command[1:]:
    a = a.split("=")[-1]
    if a.isdigit():
        findings = int(a)
for event in events:
    value = 1000 + 100 * 7 * findings if supported else "<not supported>"
    sys.stderr.write(f"{{value}},,{{event}},0,100.00,,\n")
if command and command[0] != "true":
    print(json.dumps({{"blocks": 100, "findings": findings}}))
'''


def install_fakes(folder):
    """A fake valgrind and perf in `folder`, to put first on PATH."""
    os.makedirs(folder, exist_ok=True)
    _write_script(os.path.join(folder, "valgrind"), FAKE_VALGRIND)
    _write_script(os.path.join(folder, "perf"), FAKE_PERF)
    return folder


def _write_script(path, text):
    with open(path, "w") as out:
        out.write(text.format(python=sys.executable))
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)


class InstructionsTestCase(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = directory.name
        tools = install_fakes(os.path.join(self.tmp, "tools"))
        self.args_file = os.path.join(self.tmp, "valgrind-args")
        totals = {"havlak1": [40000, 900, 100, 90, 10],
                  "havlak2": [20000, 400, 100, 45, 5],
                  "rust-havlak1": [30000, 800, 200, 100, 0],
                  "rust-top": [6000, 20, 0, 1, 1]}
        environment = mock.patch.dict(os.environ, {
            "PATH": tools + os.pathsep + os.environ["PATH"],
            "FAKE_VALGRIND_ARGS": self.args_file,
            "FAKE_TOTALS": json.dumps(totals), "FAKE_PERF": "none"})
        environment.start()
        self.addCleanup(environment.stop)
        self.programs = [
            ("havlak1", lambda n: ["/bin/havlak_instructions", "havlak1",
                                   str(n)]),
            ("havlak2", lambda n: ["/bin/havlak_instructions", "havlak2",
                                   str(n)]),
            ("rust-havlak1", lambda n: ["/bin/rust-havlak1",
                                        f"--count-findings={n}"]),
            ("rust-top", lambda n: ["/bin/rust-top",
                                    f"--count-findings={n}"])]
        self.said = []

    def write(self, **options):
        folder = os.path.join(self.tmp, "out")
        os.makedirs(folder, exist_ok=True)
        rows = instructions.write(folder, self.programs, self.said.append,
                                  **options)
        with open(os.path.join(folder, "instructions.md")) as text:
            markdown = text.read()
        with open(os.path.join(folder, "instructions.json")) as text:
            document = json.load(text)
        return rows, markdown, document, folder


class CallgrindTest(InstructionsTestCase):
    def test_the_summary_line_gives_every_event(self):
        events = instructions.parse_callgrind(
            "events: Ir Dr D1mr\nfn=(1) f\n1 2 3 4\nsummary: 10 20 3\n")
        self.assertEqual(events, {"Ir": 10, "Dr": 20, "D1mr": 3})
        # Trailing zeros may be left off; a file without totals is refused.
        self.assertEqual(instructions.parse_callgrind(
            "events: Ir D1mr\ntotals: 10\n"), {"Ir": 10, "D1mr": 0})
        with self.assertRaises(instructions.InstructionsError):
            instructions.parse_callgrind("events: Ir\n")

    def test_misses_are_the_data_misses_of_reads_and_writes_per_block(self):
        counts = instructions.count("havlak1", self.programs[0][1](2))
        self.assertEqual((counts.instructions, counts.d1_misses,
                          counts.ll_misses), (40000, 1000, 100))
        self.assertEqual(counts.per_block(counts.d1_misses), 1000 / 200)
        with open(self.args_file) as text:
            args = json.loads(text.readline())
        # The caches are named, not read off the CPU, and only the measured
        # findings of either language are collected.
        self.assertIn("--cache-sim=yes", args)
        for option in ("--I1=32768,8,64", "--D1=32768,8,64",
                       "--LL=8388608,16,64", "--collect-atstart=no",
                       "--toggle-collect=*MeasuredFindings*",
                       "--toggle-collect=*measured_findings*"):
            self.assertIn(option, args)
        self.assertEqual(args[-3:], ["/bin/havlak_instructions", "havlak1",
                                     "2"])

    def test_nothing_counted_is_an_error_not_a_row_of_zeros(self):
        with mock.patch.dict(os.environ, {"FAKE_TOTALS": json.dumps(
                {"havlak1": [0, 0, 0, 0, 0]})}):
            with self.assertRaisesRegex(instructions.InstructionsError,
                                        "havlak1: callgrind counted nothing"
                                        r" inside \*MeasuredFindings\*"):
                instructions.count("havlak1", self.programs[0][1](2))

    def test_a_failed_run_names_its_program(self):
        with mock.patch.dict(os.environ, {"FAKE_VALGRIND_FAIL": "rust-top"}):
            with self.assertRaisesRegex(instructions.InstructionsError,
                                        "rust-top: callgrind run failed: "
                                        "valgrind: the fake failed"):
                self.write()


class TableTest(InstructionsTestCase):
    def test_each_ladder_steps_from_its_own_row_below(self):
        rows, markdown, document, folder = self.write()
        lines = markdown.splitlines()
        self.assertIn("| havlak1 | 200 | 5.00 | 0.500 |  |  |  |", lines)
        self.assertIn("| havlak2 | 100 | 2.50 | 0.250 | 2.00x | 2.00x | "
                      "2.00x |", lines)
        # rust-havlak1 is not a step from havlak2.
        self.assertIn("| rust-havlak1 | 150 | 5.00 | 0.500 |  |  |  |", lines)
        self.assertIn("| rust-top | 30 | 0.10 | 0.010 | 5.00x | 50.00x | "
                      "50.00x |", lines)
        self.assertIn("D1 32 KiB 8-way, 64-byte lines", markdown)
        self.assertIn("LL 8 MiB 16-way, 64-byte lines", markdown)
        simulated = document["simulated"]
        self.assertEqual(simulated["caches"]["LL"],
                         {"bytes": 8388608, "ways": 16, "line_bytes": 64})
        self.assertEqual([p["program"] for p in simulated["programs"]],
                         ["havlak1", "havlak2", "rust-havlak1", "rust-top"])
        self.assertEqual(simulated["programs"][3]["per_block"]["d1_misses"],
                         0.1)
        if plots.available():
            with open(os.path.join(folder, "cache.svg")) as svg:
                self.assertIn("<svg", svg.read())

    def test_no_misses_are_none_and_a_few_keep_their_digits(self):
        self.programs[1:2] = [self.programs[1], (
            "havlak3", lambda n: ["/bin/havlak_instructions", "havlak3",
                                  str(n)])]
        with mock.patch.dict(os.environ, {"FAKE_TOTALS": json.dumps({
                "havlak1": [40000, 900, 100, 900, 100],
                "havlak2": [20000, 400, 100, 0, 1],
                "havlak3": [20000, 400, 100, 0, 0]})}):
            _, markdown, _, _ = self.write()
        lines = markdown.splitlines()
        self.assertIn("| havlak2 | 100 | 2.50 | 0.005 | 2.00x | 2.00x | "
                      "1,000x |", lines)
        self.assertIn("| havlak3 | 100 | 2.50 | none | 1.00x | 1.00x | "
                      "to none |", lines)
        # One miss in 129,032 block-findings (havlak11's) is not 0.000.
        self.assertEqual(instructions._misses(1 / 129032, 3), "7.8e-06")

    def test_without_counters_the_measured_part_says_why(self):
        _, markdown, document, _ = self.write()
        self.assertIn("not on this machine: `perf stat -e instructions true`"
                      " says the counters are not supported", markdown)
        self.assertIn("not supported", document["measured"]["not_measured"])
        self.assertNotIn("per_block", document["measured"])


class PerfTest(InstructionsTestCase):
    def test_counters_are_measured_by_the_difference_of_two_runs(self):
        with mock.patch.dict(os.environ, {"FAKE_PERF": "counters"}):
            self.assertIsNone(instructions.perf_available())
            _, markdown, document, _ = self.write()
        # 700 more of each event a finding, over 100 blocks: 7 a block;
        # the 1,000 of start-up cancels.
        for program in ("havlak1", "rust-top"):
            self.assertEqual(document["measured"]["per_block"][program],
                             dict.fromkeys(instructions.PERF_EVENTS, 7.0))
        self.assertIn("| havlak2 | 7.00 | 7.00 | 7.00 | 7.00 |", markdown)
        self.assertIn("**Measured** (the CPU's own counters", markdown)

    def test_no_perf_is_asked_for_none(self):
        with mock.patch.dict(os.environ, {"FAKE_PERF": "counters"}):
            _, markdown, _, _ = self.write(perf=False)
        self.assertIn("not asked for (--no-perf)", markdown)

    def test_perf_output_is_read_strictly(self):
        self.assertEqual(instructions.parse_perf(
            "12,,cycles,1,100.00,,\n<not counted>,,instructions,0,0,,\n"
            "3,,page-faults,1,100,,\n# a comment\n"),
            {"cycles": 12, "instructions": None})

    def test_user_only_and_hybrid_events_keep_their_names(self):
        # perf_event_paranoid=2 gives `:u`; a hybrid Intel CPU one line per
        # PMU, summed, one that counted nothing left out.
        self.assertEqual(instructions.parse_perf(
            "10,,cpu_core/instructions/u,1,100.00,,\n"
            "5,,cpu_atom/instructions/u,1,100.00,,\n"
            "<not counted>,,cpu_atom/cycles/,0,0,,\n"
            "7,,cpu_core/cycles/,1,100.00,,\n"
            "4,,LLC-load-misses:u,1,100.00,,\n"),
            {"instructions": 15, "cycles": 7, "LLC-load-misses": 4})

    def test_perf_that_fails_says_why(self):
        with mock.patch.dict(os.environ, {"FAKE_PERF": "refused"}):
            self.assertEqual(
                instructions.perf_available(),
                "`perf stat -e instructions true` failed: Access to "
                "performance monitoring is restricted")


if __name__ == "__main__":
    unittest.main()
