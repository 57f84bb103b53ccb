"""Summaries of repeated runs."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    median: float
    minimum: float
    maximum: float
    count: int

    @classmethod
    def of(cls, values):
        values = list(values)
        if not values:
            raise ValueError("no values to summarize")
        return cls(statistics.median(values), min(values), max(values),
                   len(values))
