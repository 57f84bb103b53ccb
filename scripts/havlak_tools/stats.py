"""Summaries of repeated runs, and confidence intervals of their ratios.

The intervals are a percentile bootstrap over the runs of one set, paired
by round: the runner interleaves its runs round by round, so a round's runs
of two programs met the same moment of a shared machine, and resampling the
rounds (not each program's runs apart) keeps that pairing. Written with the
standard library, not scipy.stats.bootstrap: the runner runs under whatever
python3 comes first on the PATH, where Debian's scipy may not import, and a
fixed seed makes every interval reproducible from results.json."""

import functools
import random
import statistics
from dataclasses import dataclass, field

CONFIDENCE = 0.95
RESAMPLES = 1000
SEED = 20111          # any fixed number: the same interval every rewrite


@dataclass(frozen=True)
class Summary:
    median: float
    minimum: float
    maximum: float
    count: int
    values: tuple = field(default=(), compare=False, repr=False)  # by round

    @classmethod
    def of(cls, values):
        values = tuple(values)
        if not values:
            raise ValueError("no values to summarize")
        return cls(statistics.median(values), min(values), max(values),
                   len(values), values)


@dataclass(frozen=True)
class Ratio:
    """A ratio of two medians with its confidence interval: `low` and
    `high` are None where the runs cannot give one (a single run)."""
    value: float
    low: float = None
    high: float = None

    @property
    def measurable(self):
        """False when the interval includes 1: no measurable difference."""
        return self.low is None or not self.low <= 1.0 <= self.high

    def text(self):
        """`2.18x [2.05-2.31]`; `~1 [0.97-1.05]` when not measurable."""
        if self.low is None:
            return f"{self.value:.2f}x"
        interval = f"[{self.low:.2f}-{self.high:.2f}]"
        if not self.measurable:
            return f"~1 {interval}"
        return f"{self.value:.2f}x {interval}"


def ratio(numerator, denominator):
    """numerator.median / denominator.median (two Summaries), with the
    bootstrap interval of that ratio over their runs, paired by round when
    both have the same number of runs."""
    value = numerator.median / denominator.median
    if len(numerator.values) < 2 or len(denominator.values) < 2:
        return Ratio(value)
    low, high = _interval(numerator.values, denominator.values)
    return Ratio(value, low, high)


@functools.lru_cache(maxsize=4096)
def _interval(a, b):
    generator = random.Random(SEED)
    paired = len(a) == len(b)
    estimates = []
    for _ in range(RESAMPLES):
        if paired:
            rounds = [generator.randrange(len(a)) for _ in a]
            top = statistics.median(a[i] for i in rounds)
            bottom = statistics.median(b[i] for i in rounds)
        else:
            top = statistics.median(generator.choices(a, k=len(a)))
            bottom = statistics.median(generator.choices(b, k=len(b)))
        estimates.append(top / bottom)
    estimates.sort()
    tail = (1 - CONFIDENCE) / 2
    return (estimates[int(tail * RESAMPLES)],
            estimates[min(RESAMPLES - 1, int((1 - tail) * RESAMPLES))])
