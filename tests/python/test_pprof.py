"""`make pprof` and scripts/serve-pprof.sh take no shell code from their
variables, and a port in use is one clear line (issue 11, defect 7). Run
against a fake pprof, a fake rung and a fake profile."""

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import unittest

SUITE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCRIPT = os.path.join(SUITE_ROOT, "scripts", "serve-pprof.sh")


def executable(path, text):
    with open(path, "w") as out:
        out.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)


@unittest.skipUnless(shutil.which("make") and shutil.which("bash"),
                     "needs make and bash")
class PprofTest(unittest.TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = directory.name
        os.makedirs(os.path.join(self.tmp, "bin"))
        os.makedirs(os.path.join(self.tmp, "profiles"))
        for name in ("havlak1", "havlak1-tcmalloc"):
            executable(os.path.join(self.tmp, "bin", name), "#!/bin/sh\n")
        for name in ("havlak1.cpu.prof", "havlak1.heap"):
            open(os.path.join(self.tmp, "profiles", name), "w").close()
        self.ran = os.path.join(self.tmp, "pprof-ran")
        self.pprof = os.path.join(self.tmp, "fake-pprof")
        executable(self.pprof, f'#!/bin/sh\necho "$@" > "{self.ran}"\n')

    def make(self, **variables):
        """`make pprof` in the suite with the fake pprof, as a user would
        type it (deps not rerun)."""
        values = dict(PPROF=self.pprof, BUILD=self.tmp,
                      PROFILES=os.path.join(self.tmp, "profiles"),
                      PORT=str(self.free_port()))
        values.update(variables)
        # Not the settings of a make that runs these tests (make test).
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL",
                                      "MAKEOVERRIDES")}
        return subprocess.run(
            ["make", "-s", "-C", SUITE_ROOT, "-o", "deps", "pprof"]
            + [f"{key}={value}" for key, value in values.items()],
            capture_output=True, text=True, timeout=60, env=environment)

    def free_port(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def test_hostile_values_run_nothing(self):
        pwned = os.path.join(self.tmp, "pwned")
        for variables in (
                {"RUNG": f"x;touch {pwned}"},
                {"RUNG": f"havlak1;touch {pwned}"},
                {"RUNG": f"$(shell touch {pwned})"},
                {"RUNG": f"havlak1' ; touch {pwned} ; '"},
                {"RUNG": f"`touch {pwned}`"},
                {"PROFILE": f"cpu;touch {pwned}"},
                {"PROFILE": f"$$(touch {pwned})"},
                {"PORT": f"8080;touch {pwned}"},
                {"RUNG": "havlak2"},
                {"RUNG": "../bin/havlak1"}):
            with self.subTest(variables=variables):
                result = self.make(**variables)
                self.assertNotEqual(result.returncode, 0)
                self.assertFalse(os.path.exists(pwned), result.stderr)
                self.assertFalse(os.path.exists(self.ran))
                self.assertIn("serve-pprof: ", result.stderr)

    def test_a_built_rung_is_served(self):
        for kind, profile in (("cpu", "havlak1.cpu.prof"),
                              ("heap", "havlak1.heap")):
            with self.subTest(kind=kind):
                port = self.free_port()
                result = self.make(RUNG="havlak1", PROFILE=kind,
                                   PORT=str(port))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"http://127.0.0.1:{port}/", result.stdout)
                with open(self.ran) as text:
                    arguments = text.read()
                self.assertIn(f"-http=127.0.0.1:{port}", arguments)
                self.assertIn(profile, arguments)

    def test_a_go_rung_name_is_accepted(self):
        executable(os.path.join(self.tmp, "bin", "go-havlak1"), "#!/bin/sh\n")
        open(os.path.join(self.tmp, "profiles", "go-havlak1.cpu.prof"),
             "w").close()
        result = self.make(RUNG="go-havlak1")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_go_rungs_heap_profile_is_read_with_its_own_binary(self):
        # No -tcmalloc build: runtime/pprof wrote it from the rung itself.
        go_binary = os.path.join(self.tmp, "bin", "go-havlak1")
        executable(go_binary, "#!/bin/sh\n")
        open(os.path.join(self.tmp, "profiles", "go-havlak1.heap"),
             "w").close()
        result = self.make(RUNG="go-havlak1", PROFILE="heap")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.ran) as text:
            arguments = text.read().split()
        self.assertIn("-sample_index=alloc_space", arguments)
        self.assertEqual(arguments[-2:], [
            go_binary, os.path.join(self.tmp, "profiles", "go-havlak1.heap")])

    def test_rust_and_jvm_programs_are_served_their_cpu_profiles(self):
        for program, reads_binary in (("rust-top", True),
                                      ("java-top", False),
                                      ("scala-havlak1", False)):
            with self.subTest(program=program):
                binary = os.path.join(self.tmp, "bin", program)
                executable(binary, "#!/bin/sh\n")
                profile = os.path.join(self.tmp, "profiles",
                                       f"{program}.cpu.prof")
                open(profile, "w").close()
                result = self.make(RUNG=program)
                self.assertEqual(result.returncode, 0, result.stderr)
                with open(self.ran) as text:
                    arguments = text.read().split()
                # A launcher script is no binary for pprof to read.
                self.assertEqual(arguments[-2:] if reads_binary
                                 else arguments[-1:],
                                 [binary, profile] if reads_binary
                                 else [profile])
                os.remove(self.ran)
                result = self.make(RUNG=program, PROFILE="heap")
                self.assertEqual(result.returncode, 2)
                self.assertIn("has a CPU profile only", result.stderr)
                self.assertFalse(os.path.exists(self.ran))

    def test_a_port_in_use_is_one_line(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            result = subprocess.run(
                [SCRIPT, self.pprof, os.path.join(self.tmp, "bin"),
                 "havlak1", "cpu", str(port),
                 os.path.join(self.tmp, "profiles")],
                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr,
                         f"serve-pprof: port {port} is in use; choose "
                         "another with PORT=...\n")
        self.assertFalse(os.path.exists(self.ran))


if __name__ == "__main__":
    unittest.main()
