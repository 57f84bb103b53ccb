"""Provenance comes from the suite's own checkout (issue 11, defect 6)."""

import os
import shutil
import subprocess
import tempfile
import unittest

from havlak_tools import environment

SUITE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def git(*args, cwd=None):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True,
                          text=True, check=True).stdout.strip()


@unittest.skipUnless(shutil.which("git"), "needs git")
class SourceStateTest(unittest.TestCase):
    def test_from_the_suite_not_the_current_directory(self):
        self.assertEqual(environment.SUITE_ROOT, SUITE_ROOT)
        with tempfile.TemporaryDirectory() as other:
            git("init", "-q", cwd=other)
            with open(os.path.join(other, "tracked"), "w") as out:
                out.write("a\n")
            git("add", "tracked", cwd=other)
            git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
                "-m", "other", cwd=other)
            with open(os.path.join(other, "tracked"), "w") as out:
                out.write("b\n")
            cwd = os.getcwd()
            os.chdir(other)
            try:
                state = environment.source_state()
            finally:
                os.chdir(cwd)
        self.assertEqual(state["commit"], git("-C", SUITE_ROOT, "rev-parse",
                                              "HEAD"))
        self.assertNotIn("tracked", state["uncommitted_files"])

    def test_not_a_git_checkout_says_so(self):
        with tempfile.TemporaryDirectory() as folder:
            state = environment.source_state(folder)
        self.assertEqual(state, {"commit": "not a git checkout",
                                 "uncommitted_files": "not a git checkout"})

    def test_a_folder_inside_another_checkout_is_not_the_suites(self):
        with tempfile.TemporaryDirectory() as other:
            git("init", "-q", cwd=other)
            inner = os.path.join(other, "suite")
            os.mkdir(inner)
            state = environment.source_state(inner)
        self.assertEqual(state["commit"], "not a git checkout")


if __name__ == "__main__":
    unittest.main()
