"""Start-up, first finding and steady state, from a run's own timings
(are-we-fast-yet's way): of the workload's n repeated findings on the big
graph, the first DISCARDED are warm-up (caches, and a JIT's compiling) and
the rest the steady state."""

import statistics

DISCARDED = 10
# The workload's repeated findings, fixed since Hundt's program; older
# results.json files kept only their sum.
FINDINGS_BEFORE_2026_12_06 = 50


def steady_findings(run):
    """The findings of a run that count as steady (seconds each); for sets
    from before the findings were timed one by one, their mean alone."""
    each = run.get("finds_seconds") or []
    if not each:
        phases = run["phases_seconds"]
        return [phases["repeated_finds"] / FINDINGS_BEFORE_2026_12_06]
    return each[DISCARDED:] if len(each) > DISCARDED else each


def steady_seconds(run):
    """A run's steady time per finding: the median of its steady findings."""
    return statistics.median(steady_findings(run))


def startup_to_first_finding(run):
    """The whole process's wall time up to the end of its first big-graph
    finding: what it took less the phases after that finding (process exit
    stays in, a few milliseconds)."""
    phases = run["phases_seconds"]
    return run["wall_seconds"] - phases["repeated_finds"] - \
        phases["nesting_levels"]


def spread(runs):
    """(10th, 90th percentile) of every steady finding of `runs`."""
    pooled = [seconds for run in runs for seconds in steady_findings(run)]
    if len(pooled) < 2:
        return pooled[0], pooled[0]
    deciles = statistics.quantiles(pooled, n=10, method="inclusive")
    return deciles[0], deciles[-1]
