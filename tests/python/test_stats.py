"""Ratios of medians and their 95% bootstrap intervals, on data whose
answer is known."""

import unittest

from havlak_tools.stats import Ratio, Summary, ratio


class RatioIntervalTest(unittest.TestCase):
    def test_runs_that_move_together_give_a_tight_interval(self):
        # Round by round the new program takes half the time: the paired
        # ratio is 2 in every resample, however noisy the rounds are.
        base = Summary.of([1.0, 1.4, 0.8, 1.2, 0.9])
        new = Summary.of([0.5, 0.7, 0.4, 0.6, 0.45])
        speed = ratio(base, new)
        self.assertAlmostEqual(speed.value, 2.0)
        self.assertAlmostEqual(speed.low, 2.0)
        self.assertAlmostEqual(speed.high, 2.0)
        self.assertTrue(speed.measurable)
        self.assertEqual(speed.text(), "2.00x [2.00-2.00]")

    def test_the_exact_bootstrap_of_three_runs(self):
        # Medians of three rounds drawn from (1, 2, 3) against 1: 1 with
        # probability 7/27, 2 with 13/27, 3 with 7/27, so the 2.5% and
        # 97.5% points are 1 and 3, and the interval holds 1.
        speed = ratio(Summary.of([1.0, 2.0, 3.0]), Summary.of([1.0] * 3))
        self.assertEqual((speed.value, speed.low, speed.high),
                         (2.0, 1.0, 3.0))
        self.assertFalse(speed.measurable)
        self.assertEqual(speed.text(), "~1 [1.00-3.00]")

    def test_equal_programs_show_no_measurable_difference(self):
        a = Summary.of([1.00, 1.03, 0.97, 1.01, 0.99])
        b = Summary.of([1.01, 0.98, 1.02, 1.00, 0.99])
        speed = ratio(a, b)
        self.assertLessEqual(speed.low, 1.0)
        self.assertGreaterEqual(speed.high, 1.0)
        self.assertTrue(speed.text().startswith("~1 ["))

    def test_a_clear_difference_excludes_one(self):
        slow = Summary.of([2.0, 2.1, 1.9, 2.05, 1.95])
        fast = Summary.of([1.0, 1.2, 0.9, 1.1, 0.95])
        speed = ratio(slow, fast)
        self.assertGreater(speed.low, 1.0)
        self.assertTrue(speed.low <= speed.value <= speed.high)

    def test_one_run_has_no_interval(self):
        self.assertEqual(ratio(Summary.of([3.0]), Summary.of([2.0])),
                         Ratio(1.5))
        self.assertEqual(Ratio(1.5).text(), "1.50x")

    def test_unpaired_runs_are_resampled_apart(self):
        speed = ratio(Summary.of([2.0, 2.0, 2.0]), Summary.of([1.0, 1.0]))
        self.assertEqual((speed.low, speed.high), (2.0, 2.0))

    def test_the_same_runs_give_the_same_interval(self):
        a = Summary.of([1.3, 1.1, 1.6, 1.2, 1.4])
        b = Summary.of([1.0, 0.9, 1.2, 1.1, 1.05])
        first = ratio(a, b)
        ratio.__globals__["_interval"].cache_clear()
        self.assertEqual(ratio(a, b), first)


if __name__ == "__main__":
    unittest.main()
