"""The conformance suite every program of every language passes, from one
place outside the language folders (README.md beside this file says what a
program must do). ctest runs it once per program (PROGRAM.conformance):

    HAVLAK_BIN_DIR=build/bin HAVLAK_PROGRAM=go-havlak6 \\
        python3 -m unittest discover -s tests/conformance

Loop forests are compared as canonical values (forest()), not as text, with
the C++ top rung, whose forests the C++ tests check against an independent
reference finder, and on samples with the C++ rung the program carries the
idea of (ladder.json). Bad input is judged by what a user sees: exit status
2, nothing on standard output, one line on standard error, in the program's
own words. Records are checked by the runner's own code.
HAVLAK_RANDOM_CFGS sets the number of random CFGs (default 1000)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, os.pardir, "scripts"))

import cfgs  # noqa: E402
from havlak_tools import languages, workload  # noqa: E402
from havlak_tools.records import RecordError, parse_run_record  # noqa: E402

BIN = os.environ.get("HAVLAK_BIN_DIR", "")
PROGRAM = os.environ.get("HAVLAK_PROGRAM", "")
RANDOM_CFGS = int(os.environ.get("HAVLAK_RANDOM_CFGS", "1000"))
SINGLE_CFGS = 20      # the first ones a file each, then batches of
BATCH_CFGS = 100
TIMEOUT = 1800        # seconds a run may take (a JVM bottom's deep chain)


class Run:
    def __init__(self, program, args, stdin=b"", timeout=TIMEOUT):
        command = [os.path.join(BIN, program), *args]
        env = languages.environment(languages.language_of(program),
                                    languages.default_setting(
                                        languages.language_of(program)))
        done = subprocess.run(command, input=stdin, capture_output=True,
                              timeout=timeout, env=env)
        self.command = " ".join([program, *args])
        self.code = done.returncode
        self.out = done.stdout.decode(errors="replace")
        self.err = done.stderr.decode(errors="replace")

    def __str__(self):
        return (f"{self.command}: exit {self.code}\nstdout: {self.out[:300]}"
                f"\nstderr: {self.err[:300]}")


def forest(run):
    """The canonical loop forest of a `--json --cfg` run: every loop (not
    the root) as header, its own blocks sorted, reducible, parent (a
    header, or None), depth and nesting level, sorted by header; ids are
    the file's."""
    if run.code != 0:
        raise AssertionError(f"{run}")
    try:
        loops = json.loads(run.out)["loops"]
        return sorted(({"header": loop["header"],
                        "blocks": sorted(loop["blocks"]),
                        "reducible": loop["reducible"],
                        "parent": loop["parent"], "depth": loop["depth"],
                        "nesting_level": loop["nesting_level"]}
                       for loop in loops), key=lambda loop: loop["header"])
    except (ValueError, KeyError, TypeError) as error:
        raise AssertionError(f"{run.command}: not a loop forest ({error!r})"
                             f": {run.out[:300]}") from None


def moved(loops, offset):
    return [dict(loop, header=loop["header"] + offset,
                 blocks=[b + offset for b in loop["blocks"]],
                 parent=None if loop["parent"] is None
                 else loop["parent"] + offset) for loop in loops]


def first_difference(got, want):
    for index, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return f"loop {index}: {a} against {b}"
    return f"{len(got)} loops against {len(want)}"


class ProgramTestCase(unittest.TestCase):
    def setUp(self):
        if not BIN or not PROGRAM:
            self.skipTest("HAVLAK_BIN_DIR and HAVLAK_PROGRAM name the "
                          "program under test")
        ladder = languages.ladder()
        self.top = ladder.top
        self.counterpart = ladder.counterparts.get(PROGRAM, PROGRAM)
        folder = tempfile.mkdtemp(prefix="havlak-conformance-")
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", folder]))
        self.folder = folder

    def write(self, name, data):
        path = os.path.join(self.folder, name)
        with open(path, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
        return path

    def loops(self, program, path):
        return forest(Run(program, ["--json", f"--cfg={path}"]))

    def assert_same_loops(self, what, path, references=None):
        got = self.loops(PROGRAM, path)
        for reference in references or [self.top]:
            want = self.loops(reference, path)
            self.assertEqual(got, want, f"{what}: {PROGRAM} and {reference} "
                             f"differ, first at {first_difference(got, want)}")

    def assert_refused(self, what, run):
        lines = run.err.strip("\n").split("\n")
        self.assertEqual(run.code, 2, f"{what}: {run}")
        self.assertEqual(run.out, "", f"{what}: {run}")
        self.assertTrue(len(lines) == 1 and lines[0].strip(),
                        f"{what}: not one line on stderr: {run}")


class RandomCfgs(ProgramTestCase):
    def test_random_cfgs_have_the_top_rungs_loops(self):
        references = [self.top] + (
            [self.counterpart] if self.counterpart != self.top else [])
        for seed in range(1, min(SINGLE_CFGS, RANDOM_CFGS) + 1):
            path = self.write("one.cfg", cfgs.RandomCfg(seed).text)
            # Every fifth against the counterpart too.
            self.assert_same_loops(f"seed {seed}", path,
                                   references if seed % 5 == 0 else None)
        first = SINGLE_CFGS + 1
        while first <= RANDOM_CFGS:
            seeds = range(first, min(first + BATCH_CFGS, RANDOM_CFGS + 1))
            text, _ = cfgs.batch([cfgs.RandomCfg(s).text for s in seeds],
                                 at_top=first // BATCH_CFGS % 2 == 1)
            path = self.write("batch.cfg", text)
            self.assert_same_loops(f"seeds {seeds[0]} to {seeds[-1]}", path)
            first += BATCH_CFGS


class HandMadeGraphs(ProgramTestCase):
    def test_hand_made_graphs_have_the_loops_their_names_say(self):
        for name, (edges, lone, loops) in cfgs.HAND_MADE.items():
            text, ids = cfgs.named_graph(edges, lone)
            path = self.write("graph.cfg", f"# {name}\n{text}")
            self.assertEqual(self.loops(PROGRAM, path),
                             cfgs.expected_forest(loops, ids), name)

    def test_a_long_chain_back_to_its_start_is_one_loop(self):
        path = self.write("chain.cfg", cfgs.chain(20000, back_to_start=True))
        self.assert_same_loops("chain of 20,000 back to its start", path)


CHAIN_BLOCKS = 5000000
NEST_DEPTH = 100000
# The exit status of a program whose recursive search cannot go as deep as
# a graph needs (its runtime's limit): the one refusal a CFG that is
# correct may get, allowed on the 5,000,000-block chain only.
TOO_DEEP = 3


class DeepGraphs(ProgramTestCase):
    """The C++ suite's deep graphs (tests/depth_test.h): five million
    frames overflow any default stack (8 MiB for C++, 1 MiB for a JVM
    thread), so a recursive search must bring its own. Their forests are
    known by construction (DeepGraphsOfTheTop checks the top rung's against
    them once), so the top rung need not run again for every program."""

    def assert_loops_by_construction(self, what, path, want):
        got = self.loops(PROGRAM, path)
        self.assertEqual(got, want, f"{what}: {PROGRAM} differs from the "
                         f"forest by construction, first at "
                         f"{first_difference(got, want)}")

    def test_the_five_million_block_chain(self):
        path = self.write("chain.cfg", cfgs.chain(CHAIN_BLOCKS))
        run = Run(PROGRAM, ["--json", f"--cfg={path}"])
        if run.code == TOO_DEEP:
            # A recursive search whose runtime cannot go this deep says
            # so in one line: skipped, with its words in the test's output.
            lines = run.err.strip("\n").split("\n")
            self.assertEqual(run.out, "", f"too deep: {run}")
            self.assertTrue(len(lines) == 1 and lines[0].strip(),
                            f"too deep, not one line on stderr: {run}")
            self.skipTest(f"exit {TOO_DEEP}: {lines[0]}")
        got = forest(run)
        want = cfgs.chain_forest(CHAIN_BLOCKS)
        self.assertEqual(got, want, f"5,000,000-block chain: {PROGRAM} "
                         f"differs from the forest by construction, first "
                         f"at {first_difference(got, want)}")

    def test_the_hundred_thousand_deep_nest(self):
        path = self.write("nest.cfg", cfgs.nest(NEST_DEPTH))
        self.assert_loops_by_construction(
            "100,000-deep nest", path, cfgs.nest_forest(NEST_DEPTH))


class BadInput(ProgramTestCase):
    def test_files_that_are_not_cfgs_are_refused_in_one_line(self):
        for name, data in cfgs.BAD_INPUTS.items():
            path = self.write("bad.cfg", data)
            self.assert_refused(name, Run(PROGRAM, [f"--cfg={path}"]))
        for path in (os.path.join(self.folder, "missing.cfg"), self.folder):
            self.assert_refused(path, Run(PROGRAM, [f"--cfg={path}"]))

    def test_an_endless_stream_fails_at_once(self):
        # Memory follows the graph, not the file: a stream that is not a
        # CFG (an endless first line) is refused in its first line, not
        # read until memory runs out (java-top once read /dev/zero whole).
        self.assert_refused("/dev/zero", Run(PROGRAM, ["--cfg=/dev/zero"],
                                             timeout=120))

    def test_cfgs_on_the_edge_of_the_format_are_read(self):
        for name, data in cfgs.ODD_INPUTS.items():
            self.assert_same_loops(name, self.write("odd.cfg", data))

    def test_standard_input_is_a_cfg_file_too(self):
        text = b"start 1\n1 2\n2 1\n"
        got = forest(Run(PROGRAM, ["--json", "--cfg=-"], text))
        self.assertEqual(got, forest(Run(self.top, ["--json", "--cfg=-"],
                                         text)))
        self.assert_refused("not a CFG on stdin",
                            Run(PROGRAM, ["--cfg=-"], b"start x\n"))

    def test_bad_command_lines_are_refused_in_one_line(self):
        for args in cfgs.BAD_COMMAND_LINES:
            self.assert_refused(" ".join(args), Run(PROGRAM, args))


class Record(ProgramTestCase):
    def test_the_json_record_is_what_the_runner_checks(self):
        run = Run(PROGRAM, ["--scale=0.02", "--json"])
        self.assertEqual(run.code, 0, f"{run}")
        try:
            record = parse_run_record(run.out)
        except RecordError as error:
            self.fail(f"{run.command}: {error}")
        language = languages.language_of(PROGRAM)
        self.assertEqual(workload.check_record(
            record, PROGRAM, languages.default_setting(language), 0.02), [])
        # Each repeated finding timed on its own, within the phase's time.
        self.assertLessEqual(sum(record.finds_seconds),
                             record.phases["repeated_finds"] + 1e-6)
        self.assertGreater(min(record.finds_seconds), 0)

    def test_without_json_it_prints_the_counts(self):
        run = Run(PROGRAM, ["--scale=0.02"])
        want = workload.expected(0.02)
        self.assertEqual(run.code, 0, f"{run}")
        self.assertIn(f"{want.loops}", run.out)
        self.assertIn(f"{want.loops_total}", run.out)


class TopRungTestCase(unittest.TestCase):
    """A premise of the suite, checked once on the C++ top rung
    (HAVLAK_BIN_DIR, no HAVLAK_PROGRAM)."""

    def setUp(self):
        if not BIN or PROGRAM:
            self.skipTest("runs once, without HAVLAK_PROGRAM")
        self.top = languages.ladder().top
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.path = os.path.join(folder.name, "graph.cfg")

    def top_loops(self, text):
        """The top rung's canonical forest of the CFG `text`."""
        with open(self.path, "w") as out:
            out.write(text)
        return forest(Run(self.top, ["--json", f"--cfg={self.path}"]))


class DeepGraphsOfTheTop(TopRungTestCase):
    """The deep graphs' forests by construction are the top rung's, as they
    are every other program's."""

    def test_the_top_rung_finds_the_forests_by_construction(self):
        for what, text, want in (
                ("chain", cfgs.chain(CHAIN_BLOCKS),
                 cfgs.chain_forest(CHAIN_BLOCKS)),
                ("nest", cfgs.nest(NEST_DEPTH),
                 cfgs.nest_forest(NEST_DEPTH))):
            got = self.top_loops(text)
            self.assertEqual(got, want, f"{what}: {self.top} differs, first "
                             f"at {first_difference(got, want)}")


class Batching(TopRungTestCase):
    """The batches' premise: a batch's forest is the union of its CFGs'
    forests."""

    def test_a_batch_has_the_loops_of_its_cfgs(self):
        for first, at_top in ((1, False), (101, True)):
            texts = [cfgs.RandomCfg(seed).text
                     for seed in range(first, first + 100)]
            text, offsets = cfgs.batch(texts, at_top)
            want = sorted((loop for part, offset in zip(texts, offsets)
                           for loop in moved(self.top_loops(part), offset)),
                          key=lambda loop: loop["header"])
            self.assertEqual(self.top_loops(text), want,
                             f"batch from {first}")
            self.assertGreater(len(want), 100)


if __name__ == "__main__":
    unittest.main()
