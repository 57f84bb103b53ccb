"""scripts/bench.py and scripts/profiles.py write nothing half, never
replace a result, and refuse an unwritable folder before they measure
(issue 11, defects 3 and 4). On a fake havlak_bench and fake rungs."""

import contextlib
import errno
import io
import os
import tempfile
import unittest
from unittest import mock

import bench as bench_script
import fake_rungs
import profiles as profiles_script


class ScriptTestCase(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = directory.name
        self.bin = fake_rungs.make_bin(os.path.join(self.tmp, "bin"),
                                       bench=True)
        self.pidfile = os.path.join(self.tmp, "pids")
        environment = mock.patch.dict(os.environ, {
            "HAVLAK_LOCK_FILE": os.path.join(self.tmp, "lock"),
            "FAKE_PIDFILE": self.pidfile})
        environment.start()
        self.addCleanup(environment.stop)
        self.out = os.path.join(self.tmp, "results", "run")

    def call(self, main, *argv):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), \
                contextlib.redirect_stdout(io.StringIO()):
            try:
                status = main(list(argv))
            except SystemExit as exit:
                status = exit.code
            except KeyboardInterrupt:
                status = "KeyboardInterrupt escaped"
        self.assertNotIn("Traceback", stderr.getvalue())
        return status, stderr.getvalue()

    def bench(self, *more, out=None):
        return self.call(bench_script.main, "--bin", self.bin, "--out",
                         out or self.out, "--no-instructions",
                         "--no-scaling", *more)


class BenchScriptTest(ScriptTestCase):
    def test_a_new_folder_whole(self):
        status, _ = self.bench()
        self.assertEqual(status, 0)
        self.assertIn("bench.json", os.listdir(self.out))
        self.assertEqual(os.listdir(os.path.dirname(self.out)), ["run"])

    def test_an_unwritable_folder_is_refused_before_the_benchmark(self):
        blocker = os.path.join(self.tmp, "a-file")
        open(blocker, "w").close()
        status, stderr = self.bench(out=os.path.join(blocker, "run"))
        self.assertEqual(status, 1)
        self.assertIn("nothing measured", stderr.strip().splitlines()[-1])
        self.assertEqual(fake_rungs.pids(self.pidfile), [])

    def test_a_failed_write_saves_bench_json_and_leaves_no_half_folder(self):
        def failing_summary(folder, runs, command):
            raise OSError(errno.ENOSPC, "No space left on device")

        with mock.patch.object(bench_script.bench, "write_summary",
                               failing_summary):
            status, stderr = self.bench()
        self.assertEqual(status, 1)
        line = stderr.strip().splitlines()[-1]
        self.assertIn("saved in", line)
        saved = line.split("saved in ")[1].split("/bench.json")[0]
        self.assertTrue(os.path.isfile(os.path.join(saved, "bench.json")))
        self.assertFalse(os.path.exists(self.out))
        self.assertEqual(os.listdir(os.path.dirname(self.out)),
                         [os.path.basename(saved)])

    def test_a_failed_scaling_run_keeps_the_benchmark(self):
        def failing_scaling(folder, binary, rung, progress):
            raise bench_script.RunError("havlak2 exited with status 4")

        with mock.patch.object(bench_script.scaling, "write",
                               failing_scaling):
            status, stderr = self.call(
                bench_script.main, "--bin", self.bin, "--out", self.out,
                "--no-instructions")
        self.assertEqual(status, 1)
        line = stderr.strip().splitlines()[-1]
        self.assertIn("status 4", line)
        saved = line.split("saved in ")[1].split("/bench.json")[0]
        self.assertTrue(os.path.isfile(os.path.join(saved, "bench.json")))
        self.assertFalse(os.path.exists(self.out))

    def test_a_failed_go_benchmark_keeps_havlak_benchs_output(self):
        fake_rungs._script(os.path.join(self.bin, "go-havlak1"), "")
        ran = []

        def failing_go(args, folder):
            ran.append(args.go_packages)
            raise bench_script.gobench.GoBenchError(
                "go test exited with status 1")

        # The pinned Go is found whether or not this machine has it.
        found = mock.Mock(missing=None, paths={"go": "/usr/bin/go"})
        with mock.patch.object(bench_script, "go_benchmarks", failing_go), \
                mock.patch.object(bench_script.toolchains, "locate",
                                  lambda name: found):
            status, stderr = self.bench()
        self.assertEqual(ran, [["./variants/havlak1"]])
        self.assertEqual(status, 1)
        line = stderr.strip().splitlines()[-1]
        self.assertIn("go test exited with status 1", line)
        saved = line.split("saved in ")[1].split("/bench.json")[0]
        self.assertTrue(os.path.isfile(os.path.join(saved, "bench.json")))
        self.assertFalse(os.path.exists(self.out))

    def test_go_rungs_none_runs_cxx_only(self):
        fake_rungs._script(os.path.join(self.bin, "go-havlak1"), "")
        with mock.patch.object(bench_script, "go_benchmarks",
                               lambda args, folder: self.fail("ran Go")):
            status, _ = self.bench("--go-rungs", "none")
        self.assertEqual(status, 0)

    def test_ctrl_c_leaves_nothing(self):
        def interrupted(folder, runs, command):
            raise KeyboardInterrupt

        with mock.patch.object(bench_script.bench, "write_summary",
                               interrupted):
            status, _ = self.bench()
        self.assertEqual(status, 130)
        self.assertEqual(os.listdir(os.path.dirname(self.out)), [])

    def test_never_replaces_bench_files(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "bench.json"), "w") as out:
            out.write("the reference\n")
        status, stderr = self.bench()
        self.assertEqual(status, 2)
        self.assertIn("never overwritten", stderr)
        with open(os.path.join(self.out, "bench.json")) as text:
            self.assertEqual(text.read(), "the reference\n")
        self.assertEqual(fake_rungs.pids(self.pidfile), [])

    def test_adds_to_a_comparison_folder(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "results.md"), "w") as out:
            out.write("a comparison\n")
        status, _ = self.bench()
        self.assertEqual(status, 0)
        self.assertTrue({"results.md", "bench.json", "bench.md"}
                        <= set(os.listdir(self.out)))
        self.assertEqual(os.listdir(os.path.dirname(self.out)), ["run"])


class ProfilesScriptTest(ScriptTestCase):
    def test_an_unwritable_folder_is_refused_before_any_run(self):
        blocker = os.path.join(self.tmp, "a-file")
        open(blocker, "w").close()
        status, stderr = self.call(
            profiles_script.main, "--bin", self.bin, "--out",
            os.path.join(self.tmp, "profiles"), "--summaries",
            os.path.join(blocker, "summaries"))
        self.assertEqual(status, 1)
        self.assertIn("nothing profiled", stderr.strip().splitlines()[-1])
        self.assertEqual(fake_rungs.pids(self.pidfile), [])

    def test_a_subset_names_built_rungs_only(self):
        # `make profiles RUNGS=...`: a name that is not a rung, or a rung
        # not built, is refused before any run.
        for rungs, message in (("havlak1;id", "is not a rung"),
                               ("go-havlak1", "no go-havlak1"),
                               ("havlak1,havlak9", "no havlak9")):
            with self.subTest(rungs=rungs):
                status, stderr = self.call(
                    profiles_script.main, "--bin", self.bin, "--out",
                    os.path.join(self.tmp, "profiles"), "--summaries",
                    os.path.join(self.tmp, "summaries"), "--rungs", rungs)
                self.assertEqual(status, 2)
                self.assertIn(message, stderr)
                self.assertEqual(fake_rungs.pids(self.pidfile), [])


if __name__ == "__main__":
    unittest.main()
