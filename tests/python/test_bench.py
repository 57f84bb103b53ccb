"""The Google Benchmark output parser."""

import copy
import json
import os
import tempfile
import unittest

from havlak_tools import bench

ENTRY = {"name": "havlak6/FindLoops/252013",
         "run_name": "havlak6/FindLoops/252013", "run_type": "iteration",
         "repetitions": 3, "repetition_index": 0, "threads": 1,
         "iterations": 62, "real_time": 11.0, "cpu_time": 11.0,
         "time_unit": "ms", "allocations_per_find": 0.0, "blocks": 252013.0,
         "bytes_per_find": 0.0, "items_per_second": 2.2e7, "loops": 76002.0}
DOCUMENT = {"context": {"date": "2026-11-22", "num_cpus": 2},
            "benchmarks": [
                ENTRY,
                dict(ENTRY, repetition_index=1, real_time=13.0),
                dict(ENTRY, repetition_index=2, real_time=12.0),
                dict(ENTRY, name="havlak6/FindLoops/252013_median",
                     run_type="aggregate", aggregate_name="median"),
                dict(ENTRY, name="havlak1/FindLoops/1012",
                     run_name="havlak1/FindLoops/1012", time_unit="us",
                     real_time=300.0, blocks=1012.0,
                     allocations_per_find=7000.0),
                {"name": "cfg_file/Read/1012", "run_name": "cfg_file/Read/1012",
                 "run_type": "iteration", "iterations": 10, "real_time": 2.0,
                 "time_unit": "ms", "blocks": 1012.0, "edges": 1500.0,
                 "file_bytes": 20000.0},
            ]}


class ParseTest(unittest.TestCase):
    def test_runs_without_aggregates(self):
        runs = bench.parse(json.dumps(DOCUMENT))
        self.assertEqual(len(runs), 5)
        self.assertEqual(runs[0].family, "havlak6")
        self.assertEqual(runs[0].operation, "FindLoops")
        self.assertEqual(runs[0].blocks, 252013)
        self.assertEqual(runs[0].nanoseconds, 11.0e6)
        self.assertEqual(runs[3].nanoseconds, 300.0e3)
        self.assertEqual(runs[3].allocations, 7000.0)
        self.assertEqual((runs[4].operation, runs[4].edges,
                          runs[4].file_bytes), ("Read", 1500, 20000))

    def test_medians_over_repetitions(self):
        times = bench.medians(bench.parse(json.dumps(DOCUMENT)))
        self.assertEqual(times[("havlak6", "FindLoops", 252013)], 12.0e6)

    def test_truncated_output(self):
        text = json.dumps(DOCUMENT)
        for cut in (0, 5, len(text) // 2, len(text) - 1):
            with self.subTest(cut=cut), self.assertRaises(bench.BenchError):
                bench.parse(text[:cut])

    def test_malformed_output(self):
        def broken(change):
            document = copy.deepcopy(DOCUMENT)
            change(document)
            return json.dumps(document)

        for name, change in (
                ("no benchmarks", lambda d: d.pop("benchmarks")),
                ("empty", lambda d: d.update(benchmarks=[])),
                ("no context", lambda d: d.pop("context")),
                ("bad name", lambda d: d["benchmarks"][0].update(
                    name="x", run_name="x")),
                ("no time", lambda d: d["benchmarks"][0].pop("real_time")),
                ("bad unit", lambda d: d["benchmarks"][0].update(
                    time_unit="days")),
                ("blocks disagree", lambda d: d["benchmarks"][0].update(
                    blocks=17.0)),
                ("read without edges", lambda d: d["benchmarks"][-1].pop(
                    "edges")),
                ("read without size", lambda d: d["benchmarks"][-1].update(
                    file_bytes="big")),
                ("failed", lambda d: d["benchmarks"][0].update(
                    error_occurred=True, error_message="boom"))):
            with self.subTest(name=name), self.assertRaises(bench.BenchError):
                bench.parse(broken(change))

    def test_summary(self):
        with tempfile.TemporaryDirectory() as folder:
            bench.write_summary(folder, bench.parse(json.dumps(DOCUMENT)),
                                "havlak_bench")
            with open(os.path.join(folder, "bench.md")) as text:
                markdown = text.read()
        self.assertIn("| havlak6 |", markdown)
        self.assertIn("47.6", markdown)  # 12 ms / 252013 blocks, in ns
        # 1,500 edges in 2 ms: 0.75 million a second; 20 kB: 10 MB/s.
        self.assertIn("| 1,012 | 1,500 | 0.0 | 0.002 | 0.8 | 10 |", markdown)


if __name__ == "__main__":
    unittest.main()
