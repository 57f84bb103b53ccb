"""The series of a comparison's results (every program, build and runtime
setting measured) and their summaries: what the tables, the views in
analysis.py and the plots all read, kept apart from the writers in
results.py so that neither imports the other."""

from . import builds as builds_axis
from . import languages as langs
from .records import PHASES
from .stats import Summary
from .table import comparison_rows


def builds_of(config, rung):
    """The builds of the run that built `rung` ([None]: no build axis for
    its language)."""
    language = langs.language_of(rung)
    return [name for name in (config.get("builds") or [])
            if builds_axis.language_of(name) == language] or [None]


def series(results):
    """Every (rung, build, setting) measured, rung by rung (as
    scripts/compare.py runs them)."""
    config = results["config"]
    settings = config.get("settings") or {}
    keys = []
    for rung in config["rungs"]:
        language = langs.language_of(rung)
        made_by = builds_of(config, rung)
        if language == langs.CXX:
            keys += [(rung, build, allocator) for build in made_by
                     for allocator in config["allocators"]]
        elif made_by != [None]:
            keys += [(rung, build, langs.default_setting(language))
                     for build in made_by]
        else:
            keys += [(rung, None, setting) for setting in
                     settings.get(language, langs.settings(language))]
    return keys


def runs_of(results, rung, allocator, build=None):
    return [run for run in results["runs"]
            if run["rung"] == rung and run["allocator"] == allocator
            and run.get("build") == build]


def summaries(results):
    """{(rung, build, setting): (wall Summary, peak MiB Summary)}"""
    return {(rung, build, setting): (
        Summary.of(run["wall_seconds"] for run in runs_of(
            results, rung, setting, build)),
        Summary.of(run["peak_rss_kib"] / 1024 for run in runs_of(
            results, rung, setting, build)))
        for rung, build, setting in series(results)}


def phase_medians(results, rung, allocator, build=None):
    runs = runs_of(results, rung, allocator, build)
    return {phase: Summary.of(run["phases_seconds"][phase]
                              for run in runs).median for phase in PHASES}


def rows(results):
    config = results["config"]
    return comparison_rows(summaries(results), config["rungs"],
                           config["allocators"], results["allocations"],
                           keys=series(results),
                           language_of=langs.language_of)
