"""The Go rungs' benchmarks (issue 13, item 5): `go test -bench` output,
text or -json, converted to Google Benchmark's JSON and merged into
havlak_bench's bench.json, then read and summarized with the C++ runs. On
canned output; no Go toolchain needed."""

import json
import os
import tempfile
import unittest
from unittest import mock

from havlak_tools import bench, gobench, plots
from test_bench import DOCUMENT

# `go test -run '^$' -bench FindLoops/^1012$ -benchmem -count=2 -json
# ./variants/havlak6` as go1.19 wrote it: the second result line is split
# over two events.
JSON_OUTPUT = "".join(json.dumps({"Action": "output",
                                  "Package": "havlak/variants/havlak6",
                                  "Output": line}) + "\n" for line in (
    "goos: linux\n", "goarch: amd64\n", "pkg: havlak/variants/havlak6\n",
    "BenchmarkFindLoops\n", "BenchmarkFindLoops/1012\n",
    "BenchmarkFindLoops/1012-2         \t    4609\t    310996 ns/op\t"
    "      1012 blocks\t       0 B/op\t       0 allocs/op\n",
    "BenchmarkFindLoops/1012-2         \t",
    "   10000\t    318650 ns/op\t      1012 blocks\t       0 B/op\t"
    "       0 allocs/op\n",
    "PASS\n", "ok  \thavlak/variants/havlak6\t4.748s\n")) + json.dumps(
    {"Action": "pass", "Package": "havlak/variants/havlak6"}) + "\n"

TEXT_OUTPUT = """goos: linux
goarch: amd64
pkg: havlak/variants/havlak1
cpu: Intel(R) Xeon(R) Processor
BenchmarkFindLoops/1012-2         	     508	   5281831 ns/op	      1012 blocks	  739666 B/op	   12336 allocs/op
BenchmarkFindLoops/252013-2       	       1	1234567890 ns/op	    252013 blocks	 9739666 B/op	 3012336 allocs/op
PASS
ok  	havlak/variants/havlak1	4.796s
"""


class ParseTest(unittest.TestCase):
    def test_json_events_with_a_split_line(self):
        runs = gobench.parse(JSON_OUTPUT)
        self.assertEqual(runs, [
            ("go-havlak6", "FindLoops", 1012, 4609, 310996.0, 0.0, 0.0),
            ("go-havlak6", "FindLoops", 1012, 10000, 318650.0, 0.0, 0.0)])

    def test_text_output(self):
        runs = gobench.parse(TEXT_OUTPUT)
        self.assertEqual(runs[0], ("go-havlak1", "FindLoops", 1012, 508,
                                   5281831.0, 12336.0, 739666.0))
        self.assertEqual(runs[1][2], 252013)

    def test_failures_and_nothing_are_errors(self):
        for name, text in (
                ("empty", ""),
                ("no results", "pkg: havlak/variants/havlak1\nPASS\n"),
                ("failed", TEXT_OUTPUT.replace("PASS", "--- FAIL: x")),
                ("panic", TEXT_OUTPUT + "panic: boom\n"),
                ("bad event", '{"Action": "output", \n'),
                ("failed package", JSON_OUTPUT.replace('"pass"', '"fail"')),
                ("blocks disagree", TEXT_OUTPUT.replace(
                    "1012 blocks", "17 blocks"))):
            with self.subTest(name=name), \
                    self.assertRaises(gobench.GoBenchError):
                gobench.parse(text)


class ConversionTest(unittest.TestCase):
    def test_google_benchmark_entries(self):
        entries = gobench.to_google_benchmark(gobench.parse(JSON_OUTPUT))
        iterations = [e for e in entries if e["run_type"] == "iteration"]
        self.assertEqual([e["name"] for e in iterations],
                         ["go-havlak6/FindLoops/1012"] * 2)
        self.assertEqual([e["repetition_index"] for e in iterations], [0, 1])
        first = iterations[0]
        self.assertEqual((first["real_time"], first["time_unit"],
                          first["blocks"], first["allocations_per_find"],
                          first["bytes_per_find"], first["language"],
                          first["repetitions"]),
                         (310996.0, "ns", 1012.0, 0.0, 0.0, "go", 2))
        median = [e for e in entries if e.get("aggregate_name") == "median"]
        self.assertEqual(median[0]["name"], "go-havlak6/FindLoops/1012_median")
        self.assertEqual(median[0]["real_time"], (310996.0 + 318650.0) / 2)

    def test_aggregates_only_for_repetitions(self):
        # As Google Benchmark: none for a single run.
        entries = gobench.to_google_benchmark(gobench.parse(TEXT_OUTPUT))
        self.assertEqual({e["run_type"] for e in entries}, {"iteration"})
        entries = gobench.to_google_benchmark(gobench.parse(JSON_OUTPUT))
        self.assertEqual([e["aggregate_name"] for e in entries
                          if e["run_type"] == "aggregate"],
                         ["mean", "median", "stddev"])

    def test_merged_into_bench_json_and_read_back(self):
        merged = gobench.merge(json.dumps(DOCUMENT),
                               gobench.parse(JSON_OUTPUT + TEXT_OUTPUT),
                               "go test -bench")
        document = json.loads(merged)
        self.assertEqual(document["context"]["go_benchmark_command"],
                         "go test -bench")
        # havlak_bench's own entries are kept, first and unchanged.
        self.assertEqual(document["benchmarks"][:len(DOCUMENT["benchmarks"])],
                         DOCUMENT["benchmarks"])
        runs = bench.parse(merged)
        go = [run for run in runs if run.family.startswith("go-")]
        self.assertEqual(len(go), 4)
        self.assertEqual((go[0].family, go[0].operation, go[0].blocks,
                          go[0].nanoseconds, go[0].allocations),
                         ("go-havlak6", "FindLoops", 1012, 310996.0, 0.0))
        times = bench.medians(runs)
        self.assertEqual(times[("go-havlak1", "FindLoops", 1012)], 5281831.0)
        # C++ rungs first, then Go, each in ladder order.
        self.assertEqual(bench.families(runs, "FindLoops"),
                         ["havlak1", "havlak6", "go-havlak1", "go-havlak6"])

    def test_summary_and_plot_show_both_languages(self):
        runs = bench.parse(gobench.merge(json.dumps(DOCUMENT),
                                         gobench.parse(TEXT_OUTPUT), "go"))
        drawn = {}

        def loglog(path, title, xlabel, ylabel, series, dashed=()):
            drawn[os.path.basename(path)] = (series, set(dashed))

        with tempfile.TemporaryDirectory() as folder, \
                mock.patch.object(plots, "available", lambda: True), \
                mock.patch.object(plots, "loglog_lines", loglog):
            bench.write_summary(folder, runs, "havlak_bench")
            with open(os.path.join(folder, "bench.md")) as text:
                markdown = text.read()
        series, dashed = drawn["bench.svg"]
        self.assertEqual(set(series), {"havlak1", "havlak6", "go-havlak1"})
        self.assertEqual(dashed, {"go-havlak1"})
        self.assertEqual(series["go-havlak1"][0], (1012, 5281831.0 / 1012))
        # 5,281,831 ns / 1,012 blocks; allocs/op in the allocations table.
        self.assertIn("| go-havlak1 | 5219.2 |", markdown)
        self.assertIn("| go-havlak1 | 12,336 |", markdown)
        self.assertIn("dashed in the plot", markdown)

    def test_packages_with_a_benchmark(self):
        with tempfile.TemporaryDirectory() as root:
            for rung, source in (("havlak1", "func BenchmarkFindLoops(b"),
                                 ("havlak2", "func TestX(t")):
                folder = os.path.join(root, "languages", "go", "variants", rung)
                os.makedirs(folder)
                with open(os.path.join(folder, "bench_test.go"), "w") as out:
                    out.write(f"package main\n{source} *testing.B) {{}}\n")
            self.assertEqual(gobench.packages(
                root, ["go-havlak1", "go-havlak2", "go-havlak3"]),
                ["./variants/havlak1"])

    def test_command(self):
        command = gobench.command(["./variants/havlak1"], 5)
        self.assertEqual(command[:2], ["go", "test"])
        self.assertIn("-benchmem", command)
        self.assertIn("-count=5", command)
        self.assertIn("-json", command)
        self.assertEqual(command[-1], "./variants/havlak1")


if __name__ == "__main__":
    unittest.main()
