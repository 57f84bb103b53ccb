"""make jmh's report: JMH's time per finding beside the programs' own
steady time, and how far they differ."""

import unittest

import jmh


class ReportTest(unittest.TestCase):
    def test_own_steady_time_against_jmhs(self):
        jmh_results = {"java-top": {"primaryMetric": {
            "score": 10.0, "scoreConfidence": [9.5, 10.5]}}}
        # Warm-up findings of 50 ms are discarded; the steady ones take 11.
        runs = {"java-top": [{"wall_seconds": 1.0, "phases_seconds": {},
                              "finds_seconds": [0.05] * 10 + [0.011] * 40}
                             for _ in range(3)]}
        env = {"command": "scripts/jmh.py", "cpu_model": "a CPU",
               "cores": 2, "date": "today"}
        text = jmh.report(jmh_results, runs, "javac 25", env)
        self.assertIn("| java-top | 10.000 [9.500-10.500] | 11.000 "
                      "[11.000-11.000] | 1.100 | +10.0% |", text)
        self.assertIn("median of 3 runs", text)


if __name__ == "__main__":
    unittest.main()
