"""Unit tests of the shared harness (havlak/): the workload's graph and
counts, the CFG reader, the command line and the record. ctest runs them
as python.unit (and python.unit.pypy):

    PYTHONPATH=languages/python python3 -m unittest discover -s languages/python/tests
"""

import contextlib
import dataclasses
import io
import json
import unittest

from havlak import Program, driver
from havlak.cfg_file import CfgError, printable, read_cfg
from havlak.forest import ForestLoop, loop_forest
from havlak.workload import (WorkloadResult, WorkloadSpec, build_big_graph,
                             build_small_graph, check_loop_counts,
                             round_half_away)


class Counter:
    """A CFG that only counts its blocks and edges."""

    def __init__(self):
        self.blocks = 0
        self.edges = 0

    def create_node(self, block):
        self.blocks = max(self.blocks, block + 1)

    def add_edge(self, source, target):
        self.create_node(max(source, target))
        self.edges += 1

    def finish(self):
        pass


class Recorder(Counter):
    """A CFG that keeps its blocks in creation order and its edges."""

    def __init__(self):
        super().__init__()
        self.created = []
        self.edge_list = []

    def create_node(self, block):
        self.created.append(block)

    def add_edge(self, source, target):
        self.edge_list.append((source, target))


class Workload(unittest.TestCase):
    def test_the_canonical_graph_has_hundts_shape(self):
        spec = WorkloadSpec.scaled(1.0)
        self.assertTrue(spec.canonical)
        self.assertFalse(WorkloadSpec.scaled(1.0001).canonical)
        self.assertFalse(spec.with_iterations(49).canonical)
        graph = Counter()
        build_small_graph(graph)
        self.assertEqual((graph.blocks, graph.edges), (11, 16))
        build_big_graph(spec, graph)
        self.assertEqual(graph.blocks, spec.big_graph_blocks)
        self.assertEqual((spec.big_graph_blocks, spec.expected_loops),
                         (252013, 76002))

    def test_scaling_rounds_half_away_from_zero(self):
        spec = WorkloadSpec.scaled(0.013)
        self.assertEqual((spec.loops_per_tree, spec.small_graph_finds),
                         (1, 195))
        self.assertEqual(WorkloadSpec.scaled(0.005).small_graph_finds, 75)
        self.assertEqual(WorkloadSpec.scaled(0.01).big_graph_blocks, 2533)
        self.assertEqual([round_half_away(x) for x in (0.5, 1.5, 2.5, 2.4)],
                         [1, 2, 3, 2])

    def test_wrong_counts_are_named(self):
        spec = WorkloadSpec.scaled(0.01)
        result = WorkloadResult(small_graph_loops=4,
                                small_graph_loops_total=4 * 150, loops=762,
                                loops_total=50 * 762, root_nesting_level=5)
        self.assertEqual(check_loop_counts(spec, result), [])
        result.loops = 761
        self.assertEqual(check_loop_counts(spec, result),
                         ["big-graph loops: 761, expected 762"])


def read(data):
    return read_cfg(io.BytesIO(data), "f")


class CfgFiles(unittest.TestCase):
    def test_ids_are_numbered_densely_start_first(self):
        cfg_file = read(b"# c\r\n1 2\n\t2 1 # back\nstart 2\nblock 9\n7 0008")
        self.assertEqual(list(cfg_file.ids), [2, 1, 9, 7, 8])
        self.assertEqual(list(zip(cfg_file.sources, cfg_file.targets)),
                         [(1, 0), (0, 1), (3, 4)])
        self.assertEqual(list(read(b"start 4294967295\nblock 4294967295").ids),
                         [4294967295])
        self.assertEqual(list(read(b"\xef\xbb\xbfstart 5\n5 6\n").ids), [5, 6])

    def test_replay_creates_the_start_first_then_the_edges_in_order(self):
        graph = Recorder()
        read(b"start 3\n3 4\n4 3\nblock 8\n").replay_into(graph)
        self.assertEqual(graph.created, [0, 1, 2])
        self.assertEqual(graph.edge_list, [(0, 1), (1, 0)])

    def test_bad_files_are_one_line_naming_it(self):
        for data, error in [
                (b"", "f: no 'start ID' line"),
                (b"start 1\n1 2 3\n",
                 "f:2: expected 'FROM TO', 'start ID' or 'block ID'"),
                (b"start 1\n1 +2\n", "f:2: '+2' is not a block id (a whole "
                 "number from 0 to 4294967295)"),
                (b"start 1\n1 4294967296\n", "f:2: '4294967296' is not a "
                 "block id (a whole number from 0 to 4294967295)"),
                (b"start 9\n1 2\n",
                 "f:1: no edge or 'block' line names start block 9"),
                (b"start 1\n1 2\nstart 2\n",
                 "f:3: a second start line (the first is line 1)"),
                (b"start 1\n" + b" " * 4097, "f:2: a line longer than 4096 "
                 "bytes"),
                (b"start 1\n1 2\x00\n",
                 "f:2: byte 0x00: this is not a text CFG"),
                (b"start 1\n1 x\n1 2\x00\n",
                 "f:2: 'x' is not a block id (a whole number from 0 to "
                 "4294967295)"),
        ]:
            with self.assertRaises(CfgError) as raised:
                read(data)
            self.assertEqual(str(raised.exception), error)

    def test_a_line_of_4096_bytes_is_read(self):
        self.assertEqual(len(read(b"start 1\n" + b" " * 4093 + b"1 2").ids),
                         2)

    def test_an_endless_line_fails_in_its_first_chunk(self):
        class Endless(io.RawIOBase):
            reads = 0

            def readable(self):
                return True

            def readinto(self, buffer):
                Endless.reads += 1
                buffer[:] = b"1" * len(buffer)
                return len(buffer)

        with self.assertRaises(CfgError):
            read_cfg(io.BufferedReader(Endless()), "endless")
        self.assertLess(Endless.reads, 10)

    def test_names_cannot_add_lines(self):
        self.assertEqual(printable("a\nb\x1b\udcff.cfg"), "a\\nb\\x1b\\xff.cfg")

    def test_the_forest_prints_in_the_files_ids(self):
        cfg_file = read(b"start 10\n10 20\n20 10\n20 30\n30 30\n")
        forest = loop_forest([
            ForestLoop(2, [2], True, None, 1, 0),
            ForestLoop(0, [1, 0], False, None, 1, 0)])
        self.assertEqual(cfg_file.forest_text("p", "f", forest),
                         "# p: 2 loops in f (3 blocks, 4 edges), plus the "
                         "artificial root\n"
                         "loop 10: depth 1, nesting 0, irreducible, parent "
                         "none, blocks 10 20\n"
                         "loop 30: depth 1, nesting 0, reducible, parent "
                         "none, blocks 30\n")
        self.assertEqual(cfg_file.forest_json("p", forest)["loops"][0],
                         {"header": 10, "blocks": [10, 20],
                          "reducible": False, "parent": None, "depth": 1,
                          "nesting_level": 0})


class NoLoops:
    """A program whose finder finds no loops: enough for the command line."""

    def find_loops(self, cfg, lsg):
        return lsg.num_loops()

    def calculate_nesting_level(self):
        pass

    def num_loops(self):
        return 1

    def root_nesting_level(self):
        return 0

    def to_loop_forest(self):
        return []


PROGRAM = Program(name="python-test", idea="a test", new_cfg=Counter,
                  new_loop_graph=NoLoops, new_finder=NoLoops)


def run(args, recursive=False):
    """(status, stdout, stderr) of the driver with `args`."""
    program = dataclasses.replace(PROGRAM, recursive=recursive)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = driver.main(program, args)
        except SystemExit as done:  # --help
            status = done.code
    return status, out.getvalue(), err.getvalue()


class CommandLine(unittest.TestCase):
    def test_flags_take_their_value_after_an_equals_sign_or_apart(self):
        options = driver.parse_args(PROGRAM, ["--scale", "0.5", "--json"])
        self.assertEqual((options.scale, options.json), (0.5, True))
        self.assertEqual(driver.parse_args(PROGRAM, ["--cfg=--json"]).cfg,
                         "--json")
        self.assertEqual(
            driver.parse_args(PROGRAM, ["--iterations=0"]).iterations, 0)

    def test_bad_command_lines_are_one_line_and_status_2(self):
        for args in (["--scale=abc"], ["--scale=0"], ["--scale=nan"],
                     ["--scale=inf"], ["--scale=1e400"], ["--scale="],
                     ["--scale"], ["--iterations=-1"],
                     ["--iterations=1000001"], ["--iterations=x"], ["--cfg"],
                     ["--cfg="], ["--cfg", "--json"], ["--json=yes"], ["-x"],
                     ["stray"], ["--sc=1"], ["--cfg=x", "--scale=1"],
                     ["--cfg=x", "--iterations=3"]):
            status, out, err = run(args)
            self.assertEqual((status, out), (2, ""), args)
            self.assertEqual(len(err.splitlines()), 1, args)
            self.assertTrue(err.startswith("python-test: "), args)

    def test_help_is_on_stdout_with_status_0(self):
        status, out, err = run(["--help"])
        self.assertEqual((status, err), (0, ""))
        self.assertIn("--scale", out)

    def test_a_missing_file_is_status_2(self):
        status, out, err = run(["--cfg=/nonexistent/x.cfg"])
        self.assertEqual((status, out), (2, ""))
        self.assertEqual(err, "python-test: cannot open /nonexistent/x.cfg: "
                              "No such file or directory\n")

    def test_the_record_has_the_runners_fields(self):
        for recursive in (False, True):
            status, out, err = run(["--scale=0.01", "--iterations=3",
                                    "--json"], recursive)
            # NoLoops finds no loops: every count is wrong.
            self.assertEqual(status, 1)
            self.assertIn("wrong loop count: big-graph loops: 1, expected "
                          "762", err)
            record = json.loads(out)
            self.assertEqual(record["rung"], "python-test")
            self.assertEqual(record["language"], "python")
            self.assertIn(record["allocator"], ("CPython", "PyPy"))
            self.assertIsNone(record["allocations"])
            self.assertFalse(record["loop_counts_right"])
            self.assertEqual(record["workload"]["blocks"], 2533)
            each = record["phases"]["repeated_finds"]["each_seconds"]
            self.assertEqual(len(each), 3)
            self.assertTrue(all(isinstance(x, float) for x in each))
            self.assertIsInstance(record["wall_seconds"], float)
            self.assertIsInstance(record["peak_rss_kib"], int)


if __name__ == "__main__":
    unittest.main()
