"""scripts/bench.py and scripts/profiles.py write nothing half, never
replace a result, and refuse an unwritable folder before they measure
(issue 11, defects 3 and 4). On a fake havlak_bench and fake rungs."""

import contextlib
import errno
import json
import io
import os
import tempfile
import unittest
from unittest import mock

import bench as bench_script
import fake_rungs
import profiles as profiles_script
import test_instructions


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

    def test_counts_only_counts_every_cxx_rung_and_rust_program(self):
        fake_rungs.make_bin(self.bin, rungs=("rust-top",))
        status, stderr = self.call(bench_script.main, "--bin", self.bin,
                                   "--out", self.out, "--counts-only")
        self.assertEqual(status, 2)
        self.assertIn("no havlak_instructions in", stderr)
        fake_rungs._script(os.path.join(self.bin, "havlak_instructions"),
                           "#!/bin/sh\n")
        tools = test_instructions.install_fakes(os.path.join(self.tmp,
                                                             "tools"))
        with mock.patch.dict(os.environ, {
                "PATH": tools + os.pathsep + os.environ["PATH"]}):
            status, stderr = self.call(bench_script.main, "--bin", self.bin,
                                       "--out", self.out, "--counts-only")
        self.assertEqual(status, 0, stderr)
        written = set(os.listdir(self.out))
        self.assertTrue({"instructions.json", "instructions.md",
                         "env.json"} <= written)
        with open(os.path.join(self.out, "env.json")) as text:
            env = json.load(text)
        self.assertEqual(env["valgrind"], "valgrind-3.19.0")
        self.assertEqual(sorted(env["compilers"]), ["havlak2", "rust-top"])
        self.assertFalse(written & {"bench.json", "bench.md", "scaling.md"})
        with open(os.path.join(self.out, "instructions.md")) as text:
            rows = [line.split(" | ")[0] for line in text
                    if line.startswith("| ") and "---" not in line]
        self.assertEqual(rows[-3:], ["| havlak1", "| havlak2", "| rust-top"])

    def test_counts_only_without_instructions_is_refused(self):
        status, stderr = self.call(bench_script.main, "--bin", self.bin,
                                   "--counts-only", "--no-instructions")
        self.assertEqual(status, 2)
        self.assertIn("leave nothing to do", stderr)

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
        for rungs, message in (("havlak1;id", "is not a program"),
                               ("rust-havlak2", "is not a program"),
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

    def test_rust_and_jvm_programs_are_profiled_for_pprof(self):
        fake_rungs.make_bin(self.bin, rungs=("rust-top",))
        tools = os.path.join(self.tmp, "tools")
        os.makedirs(os.path.join(tools, "jdk", "bin"))
        said = os.path.join(self.tmp, "said")
        # A JVM that writes its recording where JAVA_OPTS says; a jfr that
        # prints it; a converter and a pprof that say what they were given.
        fake_rungs._script(os.path.join(self.bin, "java-top"), (
            "#!/bin/sh\n"
            'file=${JAVA_OPTS#*filename=}; file=${file%%,*}\n'
            'echo recording > "$file"\n'))
        fake_rungs._script(os.path.join(tools, "jdk", "bin", "jfr"), (
            "#!/bin/sh\n"
            f'echo "jfr $*" >> {said}\n'
            'for last; do :; done; cat "$last"\n'))
        fake_rungs._script(os.path.join(tools, "topprof"), (
            "#!/bin/sh\n"
            f'echo "topprof $* <$(cat)" >> {said}\n'
            'echo profile > "$6"\n'))
        fake_rungs._script(os.path.join(tools, "pprof"), (
            "#!/bin/sh\n"
            f'echo "pprof $*" >> {said}\n'
            # pprof's header for a profile without a duration (gperftools',
            # topprof's): no "Total samples" line.
            'echo "Type: samples"\n'
            'echo "Showing nodes accounting for 1480, 98.67% of 1500 total"\n'
            'echo "  flat  flat%   sum%"\n'))
        jdk = mock.Mock(missing=None,
                        paths={"java_home": os.path.join(tools, "jdk")})
        summaries = os.path.join(self.tmp, "summaries")
        with mock.patch.object(profiles_script.toolchains, "locate",
                               lambda name: jdk):
            status, stderr = self.call(
                profiles_script.main, "--bin", self.bin, "--out",
                os.path.join(self.tmp, "profiles"), "--summaries", summaries,
                "--rungs", "rust-top,java-top", "--pprof",
                os.path.join(tools, "pprof"), "--topprof",
                os.path.join(tools, "topprof"))
        self.assertEqual(status, 0, stderr)
        with open(os.path.join(summaries, "rust-top.md")) as text:
            rust = text.read()
        self.assertIn("gperftools' CPU profiler (libprofiler, preloaded)",
                      rust)
        self.assertIn("    LD_PRELOAD=libprofiler.so.0 CPUPROFILE=", rust)
        self.assertIn("1500 samples at 250 Hz", rust)
        with open(os.path.join(summaries, "java-top.md")) as text:
            java = text.read()
        self.assertIn("JDK Flight Recorder", java)
        self.assertIn("    JAVA_OPTS='-XX:StartFlightRecording:filename=",
                      java)
        self.assertIn("collector's and the JIT compiler's threads are not "
                      "sampled", java)
        with open(said) as text:
            lines = text.read().splitlines()
        recording = os.path.join(self.tmp, "profiles", "java-top.jfr")
        profile = os.path.join(self.tmp, "profiles", "java-top.cpu.prof")
        self.assertIn("jfr print --json --stack-depth 2048 --events "
                      f"jdk.ExecutionSample {recording}", lines)
        # The recording went through the pipe, and is gone.
        self.assertIn(f"topprof -from jfr -period 1ms -o {profile} <recording",
                      lines)
        self.assertFalse(os.path.exists(recording))
        # pprof reads the Rust binary's symbols; a JVM profile has its own.
        rust_binary = os.path.join(self.bin, "rust-top")
        self.assertTrue(any(line.startswith("pprof -top") and line.endswith(
            f"{rust_binary} {self.tmp}/profiles/rust-top.cpu.prof")
            for line in lines))
        java_reads = [line for line in lines
                      if line.startswith("pprof") and "java-top" in line]
        self.assertTrue(java_reads)
        for line in java_reads:
            self.assertTrue(line.endswith(f" {profile}"), line)
            self.assertNotIn(os.path.join(self.bin, "java-top"), line)

    def test_python_and_node_programs_are_profiled_for_pprof(self):
        tools = os.path.join(self.tmp, "tools")
        os.makedirs(tools)
        said = os.path.join(self.tmp, "said")
        # py-spy writes the stacks where --output says; a Node program its
        # threads' profiles into --cpu-prof-dir; topprof says what it read.
        fake_rungs._script(os.path.join(tools, "py-spy"), (
            "#!/bin/sh\n"
            f'echo "py-spy $*" >> {said}\n'
            'while [ "$1" != --output ]; do shift; done\n'
            'echo "(module);find_loops 3" > "$2"\n'))
        fake_rungs._script(os.path.join(self.bin, "python-top"), "")
        fake_rungs._script(os.path.join(self.bin, "js-top"), (
            "#!/bin/sh\n"
            'dir=${HAVLAK_NODE_FLAGS#*--cpu-prof-dir=}; dir=${dir%% *}\n'
            'echo main > "$dir/CPU.1.cpuprofile"\n'
            'echo worker > "$dir/CPU.2.cpuprofile"\n'))
        fake_rungs._script(os.path.join(tools, "topprof"), (
            "#!/bin/sh\n"
            f'echo "topprof $*" >> {said}\n'
            'out=$6; shift 6; cat "$@" >> ' + said + '\n'
            'echo profile > "$out"\n'))
        fake_rungs._script(os.path.join(tools, "pprof"), (
            "#!/bin/sh\n"
            f'echo "pprof $*" >> {said}\n'
            'echo "Type: cpu"\n'
            'echo "Showing nodes accounting for 1480, 98.67% of 1500 total"\n'
            'echo "  flat  flat%   sum%"\n'))
        summaries = os.path.join(self.tmp, "summaries")
        profiles = os.path.join(self.tmp, "profiles")
        status, stderr = self.call(
            profiles_script.main, "--bin", self.bin, "--out", profiles,
            "--summaries", summaries, "--rungs", "python-top,js-top",
            "--pprof", os.path.join(tools, "pprof"), "--topprof",
            os.path.join(tools, "topprof"), "--py-spy",
            os.path.join(tools, "py-spy"))
        self.assertEqual(status, 0, stderr)
        with open(said) as text:
            lines = text.read().splitlines()
        python_top = os.path.join(self.bin, "python-top")
        py_spy = next(line for line in lines if line.startswith("py-spy"))
        # Unpaused, the running thread only, under CPython.
        self.assertIn("--rate 100 --nonblocking --gil --format raw", py_spy)
        self.assertTrue(py_spy.endswith(f"-- {python_top}"), py_spy)
        self.assertIn(f"topprof -from folded -period 10ms -o "
                      f"{profiles}/python-top.cpu.prof "
                      f"{profiles}/python-top.raw/stacks.txt", lines)
        self.assertIn("(module);find_loops 3", lines)
        # Both of Node's threads' files, into one profile.
        self.assertIn(f"topprof -from v8 -period 1ms -o "
                      f"{profiles}/js-top.cpu.prof "
                      f"{profiles}/js-top.raw/CPU.1.cpuprofile "
                      f"{profiles}/js-top.raw/CPU.2.cpuprofile", lines)
        self.assertEqual(lines[lines.index("main") + 1], "worker")
        # What the runtimes wrote is gone; the profiles and summaries stay.
        self.assertEqual(sorted(os.listdir(profiles)),
                         ["js-top.cpu.prof", "python-top.cpu.prof"])
        with open(os.path.join(summaries, "python-top.md")) as text:
            python = text.read()
        self.assertIn("HAVLAK_PYTHON=cpython", python)
        self.assertIn("### Top 20 lines, flat", python)
        with open(os.path.join(summaries, "js-top.md")) as text:
            self.assertIn("HAVLAK_NODE_FLAGS='--cpu-prof", text.read())


if __name__ == "__main__":
    unittest.main()
