"""The runner fails loudly: a crash, a bad record or a wrong loop count is an
error, never a result."""

import json
import os
import stat
import tempfile
import time
import unittest

import fake_rungs
from havlak_tools.runner import Expectation, RunError, run_rung
from test_records import GOOD


class RunRungTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.directory.cleanup()

    def fake_rung(self, output, status=0):
        """A stand-in rung binary that prints `output` and exits."""
        path = os.path.join(self.directory.name, "havlak9")
        with open(path, "w") as script:
            script.write("#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n"
                         + f"echo 'havlak9: a message' >&2\nexit {status}\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
        return [path, "--json"]

    def test_a_good_run_is_measured(self):
        measurement = run_rung(self.fake_rung(json.dumps(GOOD)))
        self.assertEqual(measurement.record.loops, 76002)
        self.assertGreater(measurement.wall_seconds, 0)
        self.assertGreater(measurement.max_rss_kib, 0)

    def test_a_wrong_count_is_an_error(self):
        record = dict(GOOD, loops=76001, loop_counts_right=False,
                      loop_count_problems=["big-graph loops: 76001, "
                                           "expected 76002"])
        with self.assertRaisesRegex(RunError, "76001, expected 76002"):
            run_rung(self.fake_rung(json.dumps(record)))

    def test_a_failed_run_is_an_error(self):
        with self.assertRaisesRegex(RunError, "status 1: havlak9: a message"):
            run_rung(self.fake_rung(json.dumps(GOOD), status=1))

    def test_a_truncated_record_is_an_error(self):
        with self.assertRaisesRegex(RunError, "bad record"):
            run_rung(self.fake_rung(json.dumps(GOOD)[:200]))


    def test_a_record_that_is_not_what_was_asked_for_is_an_error(self):
        command = self.fake_rung(json.dumps(GOOD))
        run_rung(command, Expectation("havlak6", "glibc"))
        for expect, words in (
                (Expectation("havlak9", "glibc"), "rung 'havlak6'"),
                (Expectation("havlak6", "tcmalloc"), "allocator 'glibc'"),
                (Expectation("havlak6", "glibc", 0.5), "expected 0.5"),
                (Expectation("havlak6", "glibc", None, 10),
                 "loops in total 3800100, expected 760020")):
            with self.subTest(words=words):
                with self.assertRaisesRegex(RunError, words):
                    run_rung(command, expect)


class TimeoutTest(unittest.TestCase):
    def test_a_hung_rung_is_killed_with_its_children(self):
        with tempfile.TemporaryDirectory() as folder:
            bin_dir = fake_rungs.make_bin(os.path.join(folder, "bin"),
                                          ["havlak3"])
            hang = os.path.join(folder, "hang")
            os.environ["FAKE_HANG"] = hang
            try:
                start = time.monotonic()
                with self.assertRaisesRegex(RunError, "did not finish within "
                                            "0.5 s"):
                    run_rung([os.path.join(bin_dir, "havlak3"), "--json"],
                             timeout=0.5)
            finally:
                del os.environ["FAKE_HANG"]
            self.assertLess(time.monotonic() - start, 10)
            time.sleep(0.1)
            for pid in fake_rungs.pids(hang):
                self.assertFalse(fake_rungs.alive(pid))

    def test_a_killed_runs_cpu_time_is_counted_as_ours(self):
        """Else a set whose runs time out is flagged as a busy machine:
        the killed program's CPU went to no one we wait for."""
        from havlak_tools import environment
        from havlak_tools.runner import spawn_helper
        if spawn_helper() is None:
            self.skipTest("no C compiler for havlak-spawn")
        with tempfile.TemporaryDirectory() as folder:
            spin = os.path.join(folder, "havlak3")
            with open(spin, "w") as script:
                script.write("#!/bin/sh\nwhile :; do :; done\n")
            os.chmod(spin, 0o755)
            before = environment.machine_sample()["ours"]
            with self.assertRaises(RunError) as raised:
                run_rung([spin, "--json"], timeout=1.0)
            self.assertTrue(raised.exception.timed_out)
            # havlak-spawn outlived its program and reaped it: its CPU time
            # is known, and ours.
            self.assertGreater(raised.exception.cpu_seconds, 0.5)
            self.assertGreater(environment.machine_sample()["ours"] - before,
                               0.5)


if __name__ == "__main__":
    unittest.main()
