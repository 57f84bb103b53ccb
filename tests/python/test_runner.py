"""The runner fails loudly: a crash, a bad record or a wrong loop count is an
error, never a result."""

import json
import os
import stat
import tempfile
import unittest

from havlak_tools.runner import RunError, run_rung
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


if __name__ == "__main__":
    unittest.main()
