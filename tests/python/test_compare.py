"""The comparison runner (scripts/compare.py) end to end, on fake rungs:
nothing clobbered, nothing lost, nothing trusted (issue 11)."""

import contextlib
import errno
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from unittest import mock

import compare
import fake_rungs
from havlak_tools import files, results

SCRIPTS = os.path.dirname(os.path.abspath(compare.__file__))
SUITE_ROOT = os.path.dirname(SCRIPTS)


class CompareTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.tmp = self.directory.name
        self.bin = fake_rungs.make_bin(os.path.join(self.tmp, "bin"))
        self.pidfile = os.path.join(self.tmp, "pids")
        self.lock = os.path.join(self.tmp, "measure.lock")
        environment = mock.patch.dict(os.environ, {
            "HAVLAK_LOCK_FILE": self.lock, "FAKE_PIDFILE": self.pidfile})
        environment.start()
        self.addCleanup(environment.stop)
        self.out = os.path.join(self.tmp, "results", "run")

    def argv(self, *more):
        return ["--bin", self.bin, "--allocators", "glibc,jemalloc",
                "--scale", "0.1", "--runs", "1", "--warmup", "0",
                *more]

    def compare(self, *more, out=None):
        """Runs compare.main in this process: (status, stdout, stderr)."""
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), \
                contextlib.redirect_stderr(stderr):
            try:
                status = compare.main(self.argv("--out", out or self.out,
                                                *more))
            except SystemExit as exit:
                status = exit.code
            except KeyboardInterrupt:
                status = "KeyboardInterrupt escaped"
        return status, stdout.getvalue(), stderr.getvalue()

    def leftovers(self, parent):
        """Entries of `parent` a run may leave: the folder, temporaries."""
        if not os.path.isdir(parent):
            return []
        return sorted(os.listdir(parent))

    def assert_one_error_line(self, stderr, *words):
        self.assertNotIn("Traceback", stderr)
        last = stderr.strip().splitlines()[-1]
        self.assertTrue(last.startswith("compare: "), stderr)
        for word in words:
            self.assertIn(word, last)
        return last


class FolderTest(CompareTestCase):
    """Defects 3 and 4: the results folder."""

    def test_a_good_comparison_writes_a_whole_folder(self):
        status, stdout, _ = self.compare()
        self.assertEqual(status, 0)
        self.assertTrue({"results.json", "env.json", "results.csv",
                         "results.md"} <= set(os.listdir(self.out)))
        self.assertEqual(self.leftovers(os.path.dirname(self.out)), ["run"])
        self.assertIn(self.out, stdout)

    def test_an_unwritable_folder_is_refused_before_any_run(self):
        blocker = os.path.join(self.tmp, "a-file")
        with open(blocker, "w") as out:
            out.write("not a folder\n")
        status, _, stderr = self.compare(out=os.path.join(blocker, "run"))
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "cannot write", "nothing measured")
        self.assertEqual(fake_rungs.pids(self.pidfile), [])

    def test_a_failed_write_saves_the_runs_and_says_where(self):
        def failing_write(folder, built):
            files.write_text(os.path.join(folder, "results.json"), "{}")
            raise OSError(errno.ENOSPC, "No space left on device")

        with mock.patch.object(compare.results, "write", failing_write):
            status, _, stderr = self.compare()
        self.assertEqual(status, 1)
        line = self.assert_one_error_line(stderr, "No space left",
                                          "saved in")
        saved = line.split("saved in ")[1].split("/results.json")[0]
        self.addCleanup(lambda: os.path.isdir(saved) and (
            os.remove(os.path.join(saved, "results.json")),
            os.rmdir(saved)))
        loaded = results.load(os.path.join(saved, "results.json"))
        self.assertEqual(len(loaded["runs"]), 4)
        self.assertFalse(os.path.exists(self.out))
        # Beside the target: the saved runs, no half-written folder.
        self.assertEqual(self.leftovers(os.path.dirname(self.out)),
                         [os.path.basename(saved)])

    def test_a_defect_in_the_writers_still_saves_the_runs(self):
        def broken_write(folder, built):
            raise TypeError("'NoneType' object is not subscriptable")
        stderr = io.StringIO()
        with mock.patch.object(compare.results, "write", broken_write), \
                contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(stderr), \
                self.assertRaises(TypeError):
            compare.main(self.argv("--out", self.out))
        saved = stderr.getvalue().split("the runs are saved in ")[1].split()[0]
        with open(saved) as text:
            self.assertTrue(json.load(text)["runs"])

    def test_ctrl_c_while_writing_leaves_nothing(self):
        def interrupted_write(folder, built):
            files.write_text(os.path.join(folder, "results.json"), "{}")
            raise KeyboardInterrupt

        with mock.patch.object(compare.results, "write", interrupted_write):
            status, _, stderr = self.compare()
        self.assertEqual(status, 130)
        self.assert_one_error_line(stderr, "nothing written")
        self.assertEqual(self.leftovers(os.path.dirname(self.out)), [])

    def test_an_existing_out_is_refused(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "results.md"), "w") as out:
            out.write("a reference set\n")
        status, _, stderr = self.compare()
        self.assertEqual(status, 2)
        self.assertIn("exists", stderr)
        self.assertEqual(fake_rungs.pids(self.pidfile), [])
        self.assertEqual(os.listdir(self.out), ["results.md"])

    def test_default_folders_are_fresh_and_under_the_suite(self):
        for name in ("2026-12-01-vm", "2026-12-01-vm-2"):
            os.makedirs(os.path.join(self.tmp, name))
        self.assertEqual(compare.fresh_folder(self.tmp, "2026-12-01-vm"),
                         os.path.join(self.tmp, "2026-12-01-vm-3"))
        cwd = os.getcwd()
        os.chdir(self.tmp)
        self.addCleanup(os.chdir, cwd)
        args = compare.parse_args(["--bin", self.bin])
        self.assertEqual(os.path.dirname(args.out),
                         os.path.join(SUITE_ROOT, "results"))
        self.assertFalse(os.path.exists(args.out))
        quick = compare.parse_args(["--bin", self.bin, "--quick"])
        self.assertEqual(os.path.dirname(quick.out),
                         os.path.join(SUITE_ROOT, "build", "results"))

    def test_sigterm_or_ctrl_c_during_the_runs_leaves_nothing(self):
        for signum in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=signum):
                out = os.path.join(self.tmp, f"results-{signum}", "run")
                pidfile = os.path.join(self.tmp, f"pids-{signum}")
                process = subprocess.Popen(
                    [sys.executable, os.path.join(SCRIPTS, "compare.py"),
                     *self.argv("--out", out)],
                    env=dict(os.environ, FAKE_PIDFILE_havlak2=pidfile,
                             FAKE_SLEEP_havlak2="30"),
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    text=True)
                deadline = time.monotonic() + 20
                while (not fake_rungs.pids(pidfile)
                       and time.monotonic() < deadline):
                    time.sleep(0.02)
                sleeping, = fake_rungs.pids(pidfile)
                self.assertTrue(fake_rungs.alive(sleeping))
                self.addCleanup(lambda pid=sleeping: fake_rungs.alive(pid)
                                and os.kill(pid, signal.SIGKILL))
                process.send_signal(signum)
                _, stderr = process.communicate(timeout=20)
                self.assertEqual(process.returncode, 130, stderr)
                self.assertIn("nothing written", stderr)
                self.assertNotIn("Traceback", stderr)
                time.sleep(0.1)
                self.assertFalse(fake_rungs.alive(sleeping))
                self.assertEqual(self.leftovers(os.path.dirname(out)), [])


class LockTest(CompareTestCase):
    def test_a_second_comparison_refuses_to_start(self):
        first_pids = os.path.join(self.tmp, "first-pids")
        first = subprocess.Popen(
            [sys.executable, os.path.join(SCRIPTS, "compare.py"),
             *self.argv("--out", os.path.join(self.tmp, "first"))],
            env=dict(os.environ, FAKE_PIDFILE=first_pids,
                     FAKE_SLEEP="30"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(first.wait)
        self.addCleanup(first.send_signal, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while not fake_rungs.pids(first_pids) and time.monotonic() < deadline:
            time.sleep(0.02)
        status, _, stderr = self.compare()
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "another measurement",
                                   f"pid {first.pid}")
        self.assertEqual(fake_rungs.pids(self.pidfile), [])
        self.assertFalse(os.path.exists(self.out))


class BusyTest(CompareTestCase):
    def test_a_busy_machine_is_a_recorded_warning(self):
        samples = iter([
            {"time": 0.0, "load": [0.2, 0.2, 0.2], "busy": 100.0,
             "ours": 1.0},
            {"time": 10.0, "load": [2.5, 1.0, 0.5], "busy": 125.0,
             "ours": 11.0}])
        with mock.patch.object(compare.environment, "machine_sample",
                               lambda: next(samples)):
            status, stdout, stderr = self.compare()
        self.assertEqual(status, 0)
        self.assertIn("WARNING: the machine was busy", stdout)
        self.assertIn("15.0 CPU seconds", stderr)
        with open(os.path.join(self.out, "env.json")) as text:
            env = json.load(text)
        self.assertIn("busy", env["busy_warning"])
        self.assertEqual(env["busy"]["cpu_seconds_others"], 15.0)
        with open(os.path.join(self.out, "results.md")) as text:
            self.assertIn("**Warning: the machine was busy", text.read())

    def test_quiet_and_busy_reports(self):
        from havlak_tools import environment
        before = {"time": 0.0, "load": [0.1] * 3, "busy": 100.0, "ours": 1.0}
        quiet = {"time": 10.0, "load": [1.0] * 3, "busy": 111.5, "ours": 11.0}
        busy = dict(quiet, busy=118.0)
        self.assertIsNone(environment.busy_report(before, quiet)["warning"])
        self.assertIn("8.0 CPU seconds",
                      environment.busy_report(before, busy)["warning"])
        # A load our own programs leave (a JVM keeps two cores busy) is
        # not other work: the heaps set of 2026-12-06 was flagged for it.
        ours_on_two_cores = dict(quiet, time=100.0, load=[1.98, 1.8, 1.75],
                                 busy=100.0 + 199.0 + 1.6, ours=200.0)
        report = environment.busy_report(before, ours_on_two_cores)
        self.assertIsNone(report["warning"])
        self.assertEqual(report["load_after"], [1.98, 1.8, 1.75])
        # The judgement is the figures': a report read back says the same.
        busy_report = environment.busy_report(before, busy)
        self.assertEqual(environment.judge_busy(busy_report),
                         busy_report["warning"])
        self.assertIsNone(environment.judge_busy(report))
        # A folder rewritten says what its figures say, not its old words.
        stale = {"busy": report, "busy_warning": "the load average was 1.98"}
        self.assertIsNone(environment.busy_warning(stale))
        self.assertEqual(environment.busy_warning(
            {"busy_warning": "no figures"}), "no figures")


class TrustTest(CompareTestCase):
    """Defect 5: nothing a binary says is taken on trust."""

    def test_wrong_counts_reported_as_right_are_refused(self):
        with mock.patch.dict(os.environ, {"FAKE_LOOPS_havlak2": "1",
                                          "FAKE_LOOPS_TOTAL_havlak2": "7"}):
            status, _, stderr = self.compare()
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "havlak2", "loops 1, expected 7602",
                                   "nothing written")
        self.assertEqual(self.leftovers(os.path.dirname(self.out)), [])

    def test_a_rung_that_is_another_rung_is_refused(self):
        os.remove(os.path.join(self.bin, "havlak2"))
        os.symlink("havlak1", os.path.join(self.bin, "havlak2"))
        status, _, stderr = self.compare()
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "rung 'havlak1', expected "
                                   "'havlak2'")

    def test_a_hung_rung_is_killed(self):
        hang = os.path.join(self.tmp, "hang")
        start = time.monotonic()
        with mock.patch.dict(os.environ, {"FAKE_HANG_havlak2": hang}):
            status, _, stderr = self.compare("--timeout", "1")
        self.assertLess(time.monotonic() - start, 15)
        self.assertEqual(status, 1)
        self.assert_one_error_line(stderr, "havlak2",
                                   "did not finish within 1 s")
        rung, grandchild = fake_rungs.pids(hang)
        time.sleep(0.1)
        self.assertFalse(fake_rungs.alive(rung))
        self.assertFalse(fake_rungs.alive(grandchild))
        self.assertEqual(self.leftovers(os.path.dirname(self.out)), [])


class LongRunTest(CompareTestCase):
    def test_a_program_measured_in_minutes_gets_fewer_runs_and_says_so(self):
        # havlak2's warm-up takes "long": its warm-up becomes its first
        # run, and it gets as many as fit in the series' time (2 of 3).
        with mock.patch.dict(os.environ, {"FAKE_SLEEP_havlak2": "0.5"}), \
                mock.patch.object(compare, "LONG_RUN_SECONDS", 0.3), \
                mock.patch.object(compare, "LONG_SERIES_SECONDS", 1.4):
            status, stdout, stderr = self.compare("--runs", "3",
                                                  "--warmup", "1")
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(self.out, "results.json")) as data:
            runs = json.load(data)["runs"]
        counts = {}
        for run in runs:
            key = (run["rung"], run["allocator"])
            counts[key] = counts.get(key, 0) + 1
        self.assertEqual(counts, {("havlak1", "glibc"): 3,
                                  ("havlak1", "jemalloc"): 3,
                                  ("havlak2", "glibc"): 2,
                                  ("havlak2", "jemalloc"): 2})
        self.assertIn("run 2/2", stderr)
        self.assertNotIn("havlak2 glibc warm-up", stderr)
        rows = [line for line in stdout.splitlines()
                if line.startswith("havlak") and "  c++  " in line]
        self.assertEqual(len(rows), 4, stdout)
        self.assertTrue(all(("(2 runs)" in line) == line.startswith(
            "havlak2") for line in rows), stdout)


class UnmeasuredAllocationsTest(CompareTestCase):
    def test_a_language_that_measures_no_allocations_is_written_and_read(self):
        # Python's records carry null allocations: the whole folder is
        # written (a 38-minute make variants once lost every run here to
        # a TypeError in results.md) and reads back.
        fake_rungs.make_bin(self.bin, rungs=("python-top",))
        status, stdout, stderr = self.compare("--rungs", "havlak1,python-top",
                                              "--allocators", "glibc")
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(self.out, "results.md")) as text:
            self.assertIn("| python-top | not measured | | |", text.read())
        self.assertIn("python-top", stdout)
        self.assertEqual(compare.main(["--rewrite", self.out]), 0)


class ArgumentTest(CompareTestCase):
    """Defect 9: --quick and --scale."""

    def test_an_explicit_runs_wins_over_quick(self):
        args = compare.parse_args(["--bin", self.bin, "--quick", "--runs",
                                   "7", "--out", self.out])
        self.assertEqual((args.runs, args.scale), (7, 0.1))
        args = compare.parse_args(["--bin", self.bin, "--quick", "--scale",
                                   "0.2", "--out", self.out])
        self.assertEqual((args.runs, args.scale), (3, 0.2))

    def test_a_scale_out_of_range_is_an_error(self):
        for scale in ("0", "0.001", "401", "-1", "nan", "inf", "x"):
            for quick in ([], ["--quick"]):
                with self.subTest(scale=scale, quick=quick):
                    with contextlib.redirect_stderr(io.StringIO()), \
                            self.assertRaises(SystemExit) as exit:
                        compare.parse_args(["--bin", self.bin, *quick,
                                            "--scale", scale])
                    self.assertEqual(exit.exception.code, 2)


class RewriteTest(unittest.TestCase):
    def test_rewrite_without_gnuplot_removes_stale_plots(self):
        from test_results import sample_results
        with tempfile.TemporaryDirectory() as folder:
            for plot in ("time.svg", "memory.svg", "phases.svg"):
                with open(os.path.join(folder, plot), "w") as out:
                    out.write("<svg>13 rungs</svg>\n")
            with mock.patch.object(results.plots, "available",
                                   lambda: False):
                results.write(folder, sample_results())
            self.assertEqual(sorted(os.listdir(folder)),
                             ["env.json", "ratios.csv", "ratios.json",
                              "results.csv", "results.json", "results.md"])


if __name__ == "__main__":
    unittest.main()
