"""make heaps: the minimum heap's bisection (on a function and on a fake
JVM program with a known minimum heap per collector), the points each
language gets, and the heaps folder's tables."""

import copy
import json
import os
import stat
import tempfile
import types
import unittest

import heaps as heaps_cli
from havlak_tools import heaps, heaps_report
from test_records import GOOD

FAKE_JAVA = """#!/bin/sh
# A stand-in java-top: out of memory (status 4) below its minimum heap
# under the collector JAVA_OPTS names, else a right record.
case "$JAVA_OPTS" in
CASES
esac
heap=$(printf '%s\\n' "$JAVA_OPTS" | sed -n 's/.*-Xmx\\([0-9]*\\)m.*/\\1/p')
if [ -n "$heap" ] && [ "$heap" -lt "$least" ]; then
  echo "java-top: out of memory" >&2
  exit 4
fi
printf '%s\\n' "$RECORD" | sed -e "s/COLLECTOR/$collector/" \\
  -e "s/OPTIONS/$JAVA_OPTS/"
"""


def fake_java_top(folder, known):
    """`known`: (collector, its option, minimum heap MiB) each."""
    record = copy.deepcopy(GOOD)
    record.update(rung="java-top", language="java", allocator="COLLECTOR",
                  allocator_version="fake JVM (OPTIONS)",
                  allocations={"count": None, "bytes": 1,
                               "peak_live_bytes": 1})
    cases = "\n".join(f"  *{option}*) collector={name}; least={mib};;"
                      for name, option, mib in known)
    path = os.path.join(folder, "java-top")
    with open(path, "w") as script:
        script.write(FAKE_JAVA.replace("CASES", cases).replace(
            '"$RECORD"', "'" + json.dumps(record) + "'"))
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return path


class MinimumHeapTest(unittest.TestCase):
    def test_found_within_two_percent_or_four_mib(self):
        for least in (1, 5, 17, 300, 1234, 5000, 16384):
            with self.subTest(least=least):
                mib, trials = heaps.minimum_heap(lambda m: m >= least)
                self.assertGreaterEqual(mib, least)
                self.assertLessEqual(mib - least,
                                     max(0.02 * mib, heaps.FLOOR_MIB))
                # Every trial's answer is the truth about that heap.
                self.assertTrue(all(ok == (m >= least) for m, ok in trials))
                self.assertLess(len(trials), 20)

    def test_a_program_that_never_completes_has_no_minimum(self):
        mib, trials = heaps.minimum_heap(lambda m: False, most_mib=1024)
        self.assertIsNone(mib)
        self.assertEqual([m for m, _ in trials],
                         [16, 32, 64, 128, 256, 512, 1024])


def fake_args(folder):
    return types.SimpleNamespace(bin=folder, scale=None, trial_factor=4)


class FakeProgramTest(unittest.TestCase):
    def test_bisection_finds_a_fake_programs_known_minimum_heaps(self):
        known = [("G1", "UseG1GC", 123), ("Parallel", "UseParallelGC", 700),
                 ("ZGC", "UseZGC", 48)]
        with tempfile.TemporaryDirectory() as folder:
            fake_java_top(folder, known)
            found = heaps_cli.minimum_heaps(fake_args(folder), ["java-top"])
        by = {entry["collector"]: entry for entry in found}
        self.assertEqual(sorted(by), ["G1", "Parallel", "ZGC"])
        for collector, _, least in known:
            with self.subTest(collector=collector):
                entry = by[collector]
                self.assertGreaterEqual(entry["mib"], least)
                self.assertLessEqual(entry["mib"] - least,
                                     max(0.02 * entry["mib"], 4))
                failed = [t for t in entry["trials"] if not t["completed"]]
                self.assertTrue(failed)
                self.assertLess(max(t["mib"] for t in failed), least)
                self.assertIn("out of memory", failed[0]["reason"])

    def test_a_wrong_count_is_a_failure_not_a_point(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "java-top")
            with open(path, "w") as script:
                script.write("#!/bin/sh\necho 'java-top: wrong loop count: "
                             "loops 1, expected 76002' >&2\nexit 1\n")
            os.chmod(path, 0o755)
            point = heaps.points_of("java-top")[0]
            with self.assertRaisesRegex(heaps_cli.RunError,
                                        "wrong loop count"):
                heaps_cli.run_point(fake_args(folder), point, 60)
            # Out of memory, by contrast, is a point that did not complete.
            with open(path, "w") as script:
                script.write("#!/bin/sh\necho 'java-top: out of memory' >&2"
                             "\nexit 4\n")
            run, record = heaps_cli.run_point(fake_args(folder), point, 60)
            self.assertFalse(run["completed"])
            self.assertIsNone(record)
            self.assertIn("out of memory", run["reason"])


class PointsTest(unittest.TestCase):
    def test_the_jvm_at_multiples_of_each_collectors_minimum(self):
        points = heaps.points_of("java-top", {"G1": 100, "Parallel": 41,
                                              "ZGC": None})
        g1 = [p for p in points if p.curve == "java-top G1"]
        self.assertEqual([p.env["JAVA_OPTS"] for p in g1],
                         ["-XX:+UseG1GC"] + [f"-XX:+UseG1GC -Xmx{m}m" for m
                                             in (150, 200, 300, 400, 600)])
        self.assertEqual([p for p in points if p.default], [g1[0]])
        self.assertEqual([p.runtime_has for p in points if p.at_2x],
                         ["-Xmx200m", "-Xmx82m"])
        # The default heap of the default collector only; no minimum (ZGC
        # here): no point.
        self.assertEqual([p.runtime for p in points if p.knob is None],
                         ["G1, default heap"])
        self.assertEqual([p for p in points if p.setting == "ZGC"], [])
        self.assertEqual(len(heaps.points_of("java-top", all_defaults=True)),
                         3)

    def test_go_by_gogc_and_by_a_limit_on_its_live_heap(self):
        points = heaps.points_of("go-havlak16", live_bytes=40 * 2**20)
        self.assertEqual([p.env for p in points if p.curve.endswith("GOGC")],
                         [{"GOGC": str(g)} for g in
                          (25, 50, 100, 200, 400, 800)])
        limits = [p.env["GOMEMLIMIT"] for p in points
                  if p.curve.endswith("GOMEMLIMIT")]
        self.assertEqual(limits, ["60MiB", "80MiB", "120MiB"])
        self.assertEqual([p.runtime for p in points if p.default],
                         ["GOGC=100"])
        self.assertEqual(len(heaps.points_of("go-havlak16")), 6)

    def test_cxx_allocators_and_rust_are_points(self):
        self.assertEqual([p.setting for p in heaps.points_of("havlak16")],
                         ["glibc", "jemalloc", "tcmalloc"])
        rust = heaps.points_of("rust-top")
        self.assertEqual(len(rust), 1)
        self.assertTrue(rust[0].default)

    def test_the_levels_from_the_ladder(self):
        found = heaps.level_programs({"havlak1", "havlak6", "havlak16",
                                      "go-havlak6", "java-top", "go-havlak1"})
        self.assertEqual(found, {"bottom": ["havlak1", "go-havlak1"],
                                 "cox": ["havlak6", "go-havlak6"],
                                 "top": ["havlak16", "java-top"]})


def run(wall, mib, completed=True):
    return ({"completed": True, "round": 1, "wall_seconds": wall,
             "peak_rss_kib": mib * 1024} if completed else
            {"completed": False, "round": 1, "reason": "out of memory"})


class ReportTest(unittest.TestCase):
    def data(self):
        cxx = [dict(heaps.point_json(p), levels=["top"],
                    runs=[run(0.25, 19), run(0.26, 19)])
               for p in heaps.points_of("havlak16")]
        java = [dict(heaps.point_json(p), levels=["top"],
                     runs=[run(0.6, 80), run(0.7, 81)]
                     if not p.knob or p.knob > 1.5 else
                     [run(0, 0, False), run(0, 0, False)])
                for p in heaps.points_of("java-top", {"G1": 30,
                                                      "Parallel": 30,
                                                      "ZGC": 40})]
        return {"format": heaps.FORMAT,
                "environment": {"cpu_model": "a CPU", "cores": 2},
                "config": {"runs": 2, "levels": ["top"], "scale": None,
                           "precision": 0.02, "floor_mib": 4,
                           "start_mib": 16, "trial_timeout_factor": 4},
                "minimum_heaps": [{"program": "java-top", "collector": "G1",
                                   "mib": 30, "trials": [
                                       {"mib": 16, "completed": False},
                                       {"mib": 32, "completed": True}]}],
                "live_heaps": [], "points": cxx + java}

    def test_the_headline_gives_the_default_and_the_2x_point(self):
        header, body = heaps_report.headline(self.data())
        points = [(row[1], row[2], row[3]) for row in body]
        self.assertEqual(points[0], ("java-top", "default",
                                     "G1, default heap"))
        self.assertEqual(points[1], ("java-top", "2x minimum heap",
                                     "G1, -Xmx60m (2x minimum)"))
        self.assertEqual(len(points), 4)   # and Parallel's, ZGC's 2x
        self.assertTrue(body[0][6].startswith("2.55x"), body[0])

    def test_a_point_that_did_not_complete_says_so(self):
        header, body = heaps_report.level_table(self.data(), "top")
        failed = [row for row in body if "1.5x" in row[1]]
        self.assertEqual(len(failed), 3)
        self.assertTrue(all(row[3] == "did not complete" and
                            row[2].startswith("0 of 2: out of memory")
                            for row in failed))

    def test_written_and_read_back(self):
        data = self.data()
        with tempfile.TemporaryDirectory() as folder:
            heaps_report.write(folder, data, has_plots=False)
            self.assertEqual(heaps_report.load(
                os.path.join(folder, "heaps.json")), data)
            with open(os.path.join(folder, "heaps.md")) as text:
                markdown = text.read()
            self.assertIn("## Headline: default and twice the minimum heap",
                          markdown)
            with open(os.path.join(folder, "heaps.json"), "w") as out:
                out.write('{"format": "havlak-heaps/1", "points": 3}')
            with self.assertRaisesRegex(heaps.HeapsError, "environment"):
                heaps_report.load(os.path.join(folder, "heaps.json"))


class CommittedHeapsTest(unittest.TestCase):
    """A committed heaps set reads back whole: its tables can be written
    anew from its heaps.json."""

    def test_every_committed_heaps_set_loads(self):
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            os.pardir, os.pardir, "results")
        found = sorted(name for name in os.listdir(root)
                       if os.path.isfile(os.path.join(root, name,
                                                      "heaps.json")))
        self.assertTrue(found, "no heaps set under results/")
        for name in found:
            with self.subTest(set=name):
                data = heaps_report.load(os.path.join(root, name,
                                                      "heaps.json"))
                self.assertTrue(heaps_report.headline(data)[1])
                with tempfile.TemporaryDirectory() as folder:
                    heaps_report.write(folder, data, has_plots=False)


if __name__ == "__main__":
    unittest.main()
