"""The run record parser: every malformed or truncated record is an error."""

import copy
import json
import os
import tempfile
import unittest

from havlak_tools import records
from havlak_tools.records import RecordError, parse_run_record

GOOD = {
    "rung": "havlak6", "idea": "blocks by number", "allocator": "glibc",
    "allocator_version": "2.36", "compiler": "g++ 12.2.0",
    "build_flags": "-O2 -g -DNDEBUG",
    "workload": {"canonical": True, "scale": 1, "trees": 10,
                 "loops_per_tree": 100, "blocks": 252013,
                 "small_graph_finds": 15000, "big_graph_finds": 50},
    "reuse_loop_graph": True, "loops": 76002, "loops_total": 3800100,
    "small_graph_loops": 4, "root_nesting_level": 5,
    "stopped_after_first_find": False, "loop_counts_right": True,
    "loop_count_problems": [],
    "phases": {phase: dict({"wall_seconds": 0.1, "finds": 1}, **(
        {"each_seconds": [0.002] * 50} if phase == "repeated_finds" else {}))
               for phase in records.PHASES},
    "wall_seconds": 0.61, "user_seconds": 0.55, "system_seconds": 0.05,
    "peak_rss_kib": 87000, "vm_hwm_kib": 87000,
    "allocations": None, "cpu_profile": "", "heap_profile": "",
}


def without(path):
    record = copy.deepcopy(GOOD)
    *parents, last = path
    target = record
    for key in parents:
        target = target[key]
    del target[last]
    return json.dumps(record)


def with_value(path, value):
    record = copy.deepcopy(GOOD)
    *parents, last = path
    target = record
    for key in parents:
        target = target[key]
    target[last] = value
    return json.dumps(record)


class ParseRunRecordTest(unittest.TestCase):
    def test_a_good_record(self):
        record = parse_run_record(json.dumps(GOOD))
        self.assertEqual(record.rung, "havlak6")
        self.assertEqual(record.loops, 76002)
        self.assertEqual(record.loops_total, 3800100)
        self.assertEqual(record.phases["repeated_finds"], 0.1)
        self.assertTrue(record.canonical)
        self.assertIsNone(record.allocations)

    def test_allocations_of_a_counting_build(self):
        record = parse_run_record(with_value(
            ["allocations"],
            {"count": 5, "bytes": 100, "peak_live_bytes": 50}))
        self.assertEqual(record.allocations["count"], 5)

    def test_truncated_record(self):
        text = json.dumps(GOOD)
        for cut in (0, 1, len(text) // 2, len(text) - 1):
            with self.subTest(cut=cut), self.assertRaises(RecordError):
                parse_run_record(text[:cut])

    def test_every_missing_field_is_named(self):
        for path in (["rung"], ["loops"], ["loops_total"], ["allocations"],
                     ["workload"], ["workload", "blocks"], ["phases"],
                     ["phases", "first_find"],
                     ["phases", "first_find", "wall_seconds"],
                     ["peak_rss_kib"], ["compiler"], ["loop_counts_right"]):
            with self.subTest(path=path):
                with self.assertRaisesRegex(RecordError, path[-1]):
                    parse_run_record(without(path))

    def test_wrong_types_are_errors(self):
        for path, value in ((["loops"], "76002"), (["loops"], 76002.5),
                            (["loops"], True), (["wall_seconds"], "fast"),
                            (["wall_seconds"], -1), (["wall_seconds"], None),
                            (["loop_counts_right"], 1),
                            (["allocations"], {"count": 5}),
                            (["phases", "first_find", "wall_seconds"], [])):
            with self.subTest(path=path, value=value):
                with self.assertRaises(RecordError):
                    parse_run_record(with_value(path, value))

    def test_each_repeated_finding_is_timed(self):
        record = parse_run_record(json.dumps(GOOD))
        self.assertEqual(record.finds_seconds, (0.002,) * 50)
        each = ["phases", "repeated_finds", "each_seconds"]
        with self.assertRaisesRegex(RecordError, "each_seconds"):
            parse_run_record(without(each))
        for value, words in (([0.002] * 49, "49 each_seconds for 50"),
                             ([0.002] * 49 + [-1], r"each_seconds\[49\]"),
                             ([0.002] * 49 + ["x"], "not a number")):
            with self.subTest(words=words):
                with self.assertRaisesRegex(RecordError, words):
                    parse_run_record(with_value(each, value))
        stopped = copy.deepcopy(GOOD)
        stopped["stopped_after_first_find"] = True
        del stopped["phases"]["repeated_finds"]["each_seconds"]
        self.assertEqual(parse_run_record(json.dumps(stopped)).finds_seconds,
                         ())

    def test_a_collectors_figures(self):
        self.assertIsNone(parse_run_record(json.dumps(GOOD)).gc)
        record = parse_run_record(with_value(
            ["gc"], {"peak_live_heap_bytes": 2048, "cycles": 3}))
        self.assertEqual(record.gc, {"peak_live_heap_bytes": 2048,
                                     "cycles": 3})
        unmarked = parse_run_record(with_value(
            ["gc"], {"peak_live_heap_bytes": None, "cycles": 0}))
        self.assertIsNone(unmarked.gc["peak_live_heap_bytes"])
        with self.assertRaisesRegex(RecordError, "cycles"):
            parse_run_record(with_value(["gc"],
                                        {"peak_live_heap_bytes": 1}))

    def test_not_an_object(self):
        for text in ("[]", "null", "3", '"text"'):
            with self.subTest(text=text), self.assertRaises(RecordError):
                parse_run_record(text)


class PhasesTest(unittest.TestCase):
    """The phases come from havlak/phases.inc, the list the C++ rungs are
    compiled with."""

    def test_the_phases_the_rungs_time(self):
        self.assertEqual(records.PHASES, (
            "small_graph_loops", "cfg_construction", "first_find",
            "repeated_finds", "nesting_levels"))
        self.assertEqual(records.PHASE_TITLES["first_find"],
                         "first loop finding")
        self.assertEqual(list(records.PHASE_TITLES), list(records.PHASES))

    def read(self, text):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "phases.inc")
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
            return records.read_phases(path)

    def test_comments_and_blank_lines_are_skipped(self):
        self.assertEqual(self.read(
            '// A comment.\n\nHAVLAK_PHASE(kA, "a", "the a")\n'
            'HAVLAK_PHASE( kB , "b" , "the b" )\n'),
            (("a", "the a"), ("b", "the b")))

    def test_a_line_of_another_form_is_an_error(self):
        for text in ('HAVLAK_PHASE(kA, a, "the a")\n',
                     'HAVLAK_PHASE(kA, "a")\n', "kA a\n", ""):
            with self.subTest(text=text), self.assertRaises(ValueError):
                self.read(text)


if __name__ == "__main__":
    unittest.main()
