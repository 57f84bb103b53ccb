"""The results writers and their reader: a round trip, atomic files, and
errors for truncated or malformed results."""

import json
import os
import subprocess
import tempfile
import unittest

from havlak_tools import files, results
from havlak_tools.records import PHASES, parse_run_record
from havlak_tools.runner import Measurement
from test_records import GOOD


def measurement(rung, wall, rss_kib):
    record = dict(GOOD, rung=rung)
    return Measurement(wall, wall * 0.9, 0.01, rss_kib,
                       parse_run_record(json.dumps(record)))


def sample_results():
    measurements = {
        ("havlak1", "glibc"): [measurement("havlak1", w, 199000)
                               for w in (13.0, 14.0, 13.5)],
        ("havlak1", "jemalloc"): [measurement("havlak1", w, 180000)
                                  for w in (11.0, 12.0, 11.5)],
        ("havlak6", "glibc"): [measurement("havlak6", w, 87000)
                               for w in (0.6, 0.7, 0.65)],
        ("havlak6", "jemalloc"): [measurement("havlak6", w, 90000)
                                  for w in (0.5, 0.55, 0.6)],
    }
    config = {"rungs": ["havlak1", "havlak6"],
              "allocators": ["glibc", "jemalloc"], "runs": 3, "warmup": 1,
              "scale": None}
    allocations = {
        "havlak1": {"count": 100, "bytes": 1000, "peak_live_bytes": 10},
        "havlak6": {"count": 10, "bytes": 100, "peak_live_bytes": 5},
    }
    environment = {"host": "test", "date": "2026-11-22T00:00:00Z",
                   "commit": "abc", "command": "compare.py"}
    return results.build(environment, config, measurements, allocations)


class ResultsTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.folder = self.directory.name

    def tearDown(self):
        self.directory.cleanup()

    def test_round_trip(self):
        built = sample_results()
        results.write(self.folder, built)
        loaded = results.load(os.path.join(self.folder, "results.json"))
        self.assertEqual(loaded, json.loads(json.dumps(built)))
        expected = {"results.json", "env.json", "results.csv", "results.md"}
        self.assertTrue(expected <= set(os.listdir(self.folder)))
        # Nothing left under a temporary name.
        self.assertFalse([name for name in os.listdir(self.folder)
                          if ".tmp." in name])

    def test_summary_rows_and_ratios(self):
        rows = results.rows(sample_results())
        by_pair = {(row.rung, row.allocator): row for row in rows}
        havlak6 = by_pair[("havlak6", "glibc")]
        self.assertAlmostEqual(havlak6.wall.median, 0.65)
        self.assertAlmostEqual(havlak6.speedup_vs_first.value, 13.5 / 0.65)
        self.assertAlmostEqual(havlak6.memory_vs_first.value, 87000 / 199000)
        self.assertEqual(havlak6.allocations, 10)
        self.assertIsNone(by_pair[("havlak1", "glibc")].speedup_vs_below)

    def test_csv_has_a_row_per_run(self):
        results.write(self.folder, sample_results())
        with open(os.path.join(self.folder, "results.csv")) as text:
            lines = text.read().splitlines()
        self.assertEqual(lines[0].split(","), results.CSV_HEADER)
        self.assertEqual(len(lines), 1 + 12)

    def test_markdown_holds_the_table_and_the_machine(self):
        results.write(self.folder, sample_results())
        with open(os.path.join(self.folder, "results.md")) as text:
            markdown = text.read()
        self.assertIn("| havlak6 | c++ | glibc | 0.650 [0.600-0.700] |", markdown)
        self.assertIn("| commit | `abc` |", markdown)
        self.assertIn("canonical workload", markdown)

    def test_markdown_names_uncommitted_files(self):
        built = sample_results()
        built["environment"]["uncommitted_files"] = ["README.md", "a.cc"]
        results.write(self.folder, built)
        with open(os.path.join(self.folder, "results.md")) as text:
            markdown = text.read()
        self.assertIn("| commit | `abc` (uncommitted changes to `README.md`, "
                      "`a.cc`) |", markdown)

    def test_truncated_results_are_errors(self):
        results.write(self.folder, sample_results())
        path = os.path.join(self.folder, "results.json")
        with open(path) as text:
            whole = text.read()
        for cut in (0, 10, len(whole) // 2, len(whole) - 2):
            with self.subTest(cut=cut):
                with open(path, "w") as out:
                    out.write(whole[:cut])
                with self.assertRaises(results.ResultsError):
                    results.load(path)

    def test_malformed_results_are_errors(self):
        def broken(change):
            built = json.loads(json.dumps(sample_results()))
            change(built)
            path = os.path.join(self.folder, "broken.json")
            with open(path, "w") as out:
                json.dump(built, out)
            return path

        for name, change in (
                ("format", lambda r: r.update(format="other/9")),
                ("no runs", lambda r: r.pop("runs")),
                ("missing wall", lambda r: r["runs"][0].pop("wall_seconds")),
                ("string wall", lambda r: r["runs"][0].update(
                    wall_seconds="1.0")),
                ("missing phase", lambda r: r["runs"][3]["phases_seconds"]
                 .pop(PHASES[2])),
                ("missing pair", lambda r: r.update(runs=[
                    run for run in r["runs"] if run["allocator"] == "glibc"])),
                ("missing counts", lambda r: r["allocations"].pop("havlak6")),
                ("bool count", lambda r: r["allocations"]["havlak1"].update(
                    count=True))):
            with self.subTest(name=name):
                with self.assertRaises(results.ResultsError):
                    results.load(broken(change))


class AtomicWriteTest(unittest.TestCase):
    def test_a_failed_write_keeps_the_old_file(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "table.csv")
            files.write_text(path, "old\n")
            with self.assertRaises(ValueError):
                files.write_csv(path, ["a", "b"], [[1, 2], [3]])
            with open(path) as text:
                self.assertEqual(text.read(), "old\n")
            self.assertEqual(os.listdir(folder), ["table.csv"])


if __name__ == "__main__":
    unittest.main()


class CommittedResultsTest(unittest.TestCase):
    """The reference sets in results/ are what a citation points at: no
    half-written file of a staged write may sit among them."""

    def test_no_committed_results_folder_holds_a_temporary_name(self):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            os.pardir, os.pardir, "results")
        listed = subprocess.run(["git", "-C", root, "ls-files"],
                                capture_output=True, text=True)
        if listed.returncode != 0:
            self.skipTest("not a git checkout: nothing committed to check")
        names = listed.stdout.splitlines()
        self.assertTrue(names, "git lists no file under results/")
        temporary = [name for name in names if any(
            part.startswith(".") or ".tmp." in part
            for part in name.split("/"))]
        self.assertEqual(temporary, [])
