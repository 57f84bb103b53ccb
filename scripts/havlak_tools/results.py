"""A comparison's results: built from the runs, written as results.json,
results.csv, results.md and SVG plots, and read back from results.json."""

import json
import os

from . import languages as langs
from . import analysis, plots, steady, toolchains
from . import builds as builds_axis
from .measured import phase_medians, rows, series, summaries
from . import workload as workload_shape
from .environment import busy_warning
from .files import remove_files, write_csv, write_json, write_text
from .records import PHASE_TITLES, PHASES
from .stats import Summary
from .table import (format_markdown, markdown_table,
                    text_table)

FORMAT = "havlak-results/2"
FORMATS = ("havlak-results/1", FORMAT)   # /1: C++ only, no builds


class ResultsError(ValueError):
    """A results.json that is not what the runner writes."""


def _summary_json(summary):
    return {"median": summary.median, "min": summary.minimum,
            "max": summary.maximum, "runs": summary.count}


def _toolchain(rung, compiler):
    """Which toolchain made a run, and where it came from
    (toolchains.json), as its record's compiler line says."""
    name = toolchains.identify(langs.language_of(rung), compiler)
    if name is None:
        return {"name": None, "from": (
            "not in toolchains.json" if toolchains.registry().names(
                langs.language_of(rung)) else
            "the interpreter its runtime setting chose, as the record "
            "says (language.json)")}
    return {"name": name,
            "from": toolchains.registry().toolchains[name]["from"]}


def build(environment, config, measurements, allocations):
    """`measurements` maps (rung, build, setting) to Measurements, in the
    order rung by rung; `allocations` maps rung to its counts."""
    runs = []
    for key, runs_of_pair in measurements.items():
        # (rung, allocator) keys are C++ runs without a build axis.
        rung, build, allocator = key if len(key) == 3 else (key[0], None,
                                                            key[1])
        for index, measurement in enumerate(runs_of_pair, 1):
            record = measurement.record
            runs.append({
                "rung": rung, "language": langs.language_of(rung),
                "build": build, "allocator": allocator, "run": index,
                "wall_seconds": measurement.wall_seconds,
                "user_seconds": measurement.user_seconds,
                "system_seconds": measurement.system_seconds,
                "peak_rss_kib": measurement.max_rss_kib,
                "workload_seconds": record.wall_seconds,
                "phases_seconds": dict(record.phases),
                "finds_seconds": list(record.finds_seconds),
                **({"gc": record.gc} if record.gc else {}),
                "loops": record.loops,
                "loops_total": record.loops_total,
                "compiler": record.compiler,
                "toolchain": _toolchain(rung, record.compiler),
            })
    return {"format": FORMAT, "environment": environment, "config": config,
            "allocations": allocations, "runs": runs}


def _require(mapping, key, kind, where):
    if not isinstance(mapping, dict) or key not in mapping:
        raise ResultsError(f"{where}: '{key}' is missing")
    value = mapping[key]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ResultsError(f"{where}: '{key}' is not a number")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ResultsError(f"{where}: '{key}' is not an integer")
    elif not isinstance(value, kind):
        raise ResultsError(f"{where}: '{key}' is not {kind.__name__}")
    return value


def load(path):
    """Reads and checks a results.json; raises ResultsError if it is
    truncated, malformed or missing a field."""
    try:
        with open(path) as text:
            results = json.load(text)
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path}: not JSON: {error}") from None
    if _require(results, "format", str, path) not in FORMATS:
        raise ResultsError(f"{path}: format is not {FORMAT}")
    _require(results, "environment", dict, path)
    config = _require(results, "config", dict, path)
    rungs = _require(config, "rungs", list, "config")
    allocators = _require(config, "allocators", list, "config")
    allocations = _require(results, "allocations", dict, path)
    for rung in rungs:
        language = langs.language_of(rung)
        if language != langs.CXX and not langs.WING_LANGUAGES[language].get(
                "allocations_measured", True):
            if allocations.get(rung, "missing") is not None:
                raise ResultsError(f"allocations.{rung}: not null, where "
                                   f"{language} measures none")
            continue
        counts = _require(allocations, rung, dict, "allocations")
        # A language that counts bytes, not objects, has a null count.
        if not (langs.language_of(rung) != langs.CXX and not
                langs.WING_LANGUAGES[langs.language_of(rung)].get(
                    "allocation_count")
                and isinstance(counts, dict) and counts.get("count", 0)
                is None):
            _require(counts, "count", int, f"allocations.{rung}")
        for key in ("bytes", "peak_live_bytes"):
            _require(counts, key, int, f"allocations.{rung}")
    seen = set()
    for index, run in enumerate(_require(results, "runs", list, path)):
        where = f"runs[{index}]"
        build = run.get("build")
        if build is not None and not isinstance(build, str):
            raise ResultsError(f"{where}: 'build' is not a name")
        seen.add((_require(run, "rung", str, where), build,
                  _require(run, "allocator", str, where)))
        for key in ("wall_seconds", "user_seconds", "system_seconds",
                    "workload_seconds"):
            _require(run, key, float, where)
        for key in ("run", "peak_rss_kib", "loops", "loops_total"):
            _require(run, key, int, where)
        phases = _require(run, "phases_seconds", dict, where)
        for phase in PHASES:
            _require(phases, phase, float, f"{where}.phases_seconds")
        # Sets from before 2026-12-06 timed the repeated findings together.
        for index, seconds in enumerate(run.get("finds_seconds", [])):
            _require({"finding": seconds}, "finding", float,
                     f"{where}.finds_seconds[{index}]")
    for key in series(results):
        if key not in seen:
            rung, build, allocator = key
            raise ResultsError(f"{path}: no runs of {rung}"
                               + (f" [{build}]" if build else "")
                               + f" with {allocator}")
    return results


# Every ratio's interval, said once for every table that prints ratios.
SEE_INTERVALS = ("Ratios carry their 95% interval in brackets; `~1`: no "
                 "measurable difference (\"Time and memory\" says how).")
INTERVALS = ("Every ratio carries its 95% confidence interval in brackets: "
             "a percentile bootstrap over this set's runs, paired by round "
             "(the runs are interleaved), 1,000 resamples with a fixed seed "
             "(`scripts/havlak_tools/stats.py`). A ratio whose interval "
             "holds 1 is shown as `~1`: no measurable difference. "
             "`ratios.csv` and `ratios.json` list every ratio with its "
             "interval.")
RATIO_FIELDS = ("table", "program", "build", "setting", "against",
                "quantity", "ratio", "low", "high", "measurable")

CSV_HEADER = (["rung", "language", "build", "toolchain", "allocator", "run",
               "wall_seconds", "user_seconds",
               "system_seconds", "peak_rss_kib", "workload_seconds"]
              + [f"{phase}_seconds" for phase in PHASES]
              + ["loops", "loops_total"])


def _csv_rows(results):
    for run in results["runs"]:
        yield ([run["rung"], run.get("language",
                                     langs.language_of(run["rung"])),
                run.get("build") or "",
                (run.get("toolchain") or {}).get("name") or "",
                run["allocator"], run["run"],
                run["wall_seconds"], run["user_seconds"],
                run["system_seconds"], run["peak_rss_kib"],
                run["workload_seconds"]]
               + [run["phases_seconds"][phase] for phase in PHASES]
               + [run["loops"], run["loops_total"]])


def markdown_extras(results, has_plots=True):
    """results.md's sections on languages and builds (empty for a C++-only
    run without builds)."""
    lines = []
    made = analysis.side_by_side(results)
    if made:
        lines += ["## The ladders side by side", "",
                  "Each program of another language beside the C++ rung whose "
                  "idea it carries (as the registry, `ladder.json`, pairs "
                  "them), default runtimes, "
                  "medians of this run. " + SEE_INTERVALS, "",
                  markdown_table(*made, left=2)]
        if has_plots:
            lines += ["![Wall time, the ladders side by side](languages.svg)",
                      ""]
    made = analysis.steady_state(results)
    if made:
        lines += ["## Start-up, first finding and steady state", "",
                  "The whole process's wall time (above) is what a user "
                  "waits for: start-up, a JIT's warm-up and all. Here, from "
                  "each program's own timings, default runtime: the "
                  "process's wall time to the end of its first big-graph "
                  "finding (its wall time less the phases after that "
                  "finding); that first finding; and the steady state, "
                  f"each run's median of its {steady.DISCARDED + 1}th to "
                  "last of the workload's 50 repeated findings (the first "
                  f"{steady.DISCARDED} discarded as warm-up), the median "
                  "over runs, in brackets the 10th and 90th percentile of "
                  "all those findings. " + SEE_INTERVALS, "",
                  markdown_table(*made, left=2)]
    made = analysis.language_differences(results)
    if made:
        lines += ["## What differs between the languages", "",
                  "From this run's records and toolchains: the same "
                  "workload, the same checked counts, but not the same "
                  "compilers, checks or memory management.", "",
                  markdown_table(*made, left=len(made[0]))]
    made = analysis.axis_table(results)
    if made:
        toolchains_run = results["config"].get("axis") == "toolchains"
        lines += ["## Toolchains" if toolchains_run else
                  "## Every language's builds", "",
                  "Each program under every "
                  + ("toolchain" if toolchains_run else "build")
                  + " of its language in this run (default runtime "
                  "setting), and its speed against the language's base "
                  "(the base's median wall time divided by this one's: "
                  "above 1 is faster; \"faster in rounds\": in how many of "
                  "the interleaved rounds this one's run beat the base's): "
                  + ("the same source, what the newer toolchain bought. "
                     if toolchains_run else
                     "what each optimizer bought. ") + SEE_INTERVALS, "",
                  markdown_table(*made, left=5)]
        if has_plots:
            lines += ["![Speed of each build against its language's base]"
                      "(axis.svg)", ""]
    made = analysis.build_table(results)
    if made:
        header, body, _, base = made
        allocator = results["config"]["allocators"][0]
        lines += ["## Rungs x builds", "",
                  f"Median wall time [min-max] per rung under each build "
                  f"({allocator}), and each build's speed against {base} in "
                  f"this run ({base}'s time divided by the build's: above 1 "
                  "is faster). Build flags above, under \"Machine and "
                  "build\". " + SEE_INTERVALS, "",
                  markdown_table(header, body, left=1)]
        if has_plots:
            lines += ["![Wall time per rung and build](builds.svg)", ""]
        lines += ["Summary (generated from this run):", ""]
        lines += [f"- {line}" for line in analysis.build_summary(results)]
        lines += [""]
    return lines


def terminal_extras(results):
    """[(title, text)] printed after the main table."""
    extras = []
    made = analysis.headline(results)
    if made:
        extras.append(("Headline (default runtimes; ratios: the program "
                       "against the C++ rung, above 1 is slower/bigger)",
                       text_table(*made, left=2)))
    made = analysis.steady_state(results)
    if made:
        extras.append(("Start-up, first finding and steady state (own "
                       f"timings; the first {steady.DISCARDED} of 50 "
                       "repeated findings discarded)",
                       text_table(*made, left=2)))
    made = analysis.axis_table(results)
    if made:
        extras.append(("Every program under each build or toolchain of its "
                       "language (speed: the base's median / this one's)",
                       text_table(*made, left=5)))
    made = analysis.build_table(results)
    if made:
        header, body, _, _ = made
        # The terminal keeps the times and ratios; results.md has the peaks.
        keep = [i for i, title in enumerate(header)
                if not title.endswith("peak MiB")]
        extras.append(("Rungs x builds (peak memory in results.md)",
                       text_table([header[i] for i in keep],
                                  [[line[i] for i in keep] for line in body],
                                  left=1)))
        extras.append(("Summary", "".join(
            f"- {line}\n" for line in analysis.build_summary(results))))
    return extras


def _markdown(results, has_plots, bench_present):
    env = results["environment"]
    config = results["config"]
    rungs, allocators = config["rungs"], config["allocators"]
    if config["scale"] is None:
        want = workload_shape.expected()
        workload = (f"Every rung on the canonical workload ({want.blocks:,} "
                    f"blocks; {want.small_graph_finds:,} small-graph "
                    f"findings, then 1 + {want.iterations} on the big "
                    f"graph; `# of loops: {want.loops} "
                    f"(total {want.loops_total})`)")
    else:
        workload = (f"**A reduced workload (--scale={config['scale']:g}), "
                    "not the canonical one: not for citing.** Every rung on "
                    "it")
    lines = [
        f"# Havlak ladder: results from {env.get('host')}, {env.get('date')}",
        "",
        f"{workload}, with each allocator: {config['runs']} runs per rung "
        f"and allocator after {config['warmup']} warm-up, interleaved round "
        "by round, every run's loop counts checked. Wall time and peak "
        "resident memory are of the whole process, measured from outside "
        "(`wait4`).",
        "",
    ]
    warning = busy_warning(env)
    if warning:
        lines += [f"**Warning: {warning}.** (`env.json`, "
                  "`busy`, has the figures.)", ""]
    lines += [
        "## Machine and build",
        "",
        "| | |",
        "| --- | --- |",
    ]
    for key, label in (("cpu_model", "CPU"), ("cores", "cores"),
                       ("memory", "memory"), ("os", "OS"),
                       ("kernel", "kernel"), ("compiler", "compiler"),
                       ("build_flags", "flags"),
                       ("glibc", "glibc"), ("jemalloc", "jemalloc"),
                       ("tcmalloc", "tcmalloc (gperftools)"),
                       ("commit", "commit"), ("command", "command")):
        cell = f"`{env.get(key)}`"
        if (key == "commit" and env.get("uncommitted_files")
                and isinstance(env["uncommitted_files"], list)):
            cell += " (uncommitted changes to " + ", ".join(
                f"`{path}`" for path in env["uncommitted_files"]) + ")"
        lines.append(f"| {label} | {cell} |")
    for name, info in (env.get("builds") or {}).items():
        lines.append(f"| build {name} | `{info.get('compiler')}` "
                     f"`{info.get('flags')}`"
                     + (f", linked with `{info['link_flags']}`"
                        if info.get("link_flags") else "")
                     + (f"; trained on {info['trained_on']}"
                        if info.get("trained_on") else "") + " |")
    for language, info in (env.get("languages") or {}).items():
        if "toolchains" in info:
            tools = "; ".join(
                f"{name}: `{tool.get('says')}` from {tool.get('from')}"
                if tool.get("says") else f"`{name}`: {tool.get('missing')}"
                for name, tool in info["toolchains"].items())
        else:   # sets written before toolchains.json: the version lines
            tools = "; ".join(f"`{line}`" for line in
                              (info.get("toolchain") or {}).values() if line)
        lines.append(f"| {language} toolchain | {tools} |")
    extras = markdown_extras(results)
    headline_made = analysis.headline(results)
    if headline_made:
        lines += ["", "## Headline: C++ against the other languages", "",
                  "Each language's default runtime (C++ glibc malloc, "
                  "GOGC=100, the G1 collector), medians of this run. \"time "
                  "vs C++\" divides the program's median wall time by the "
                  "C++ rung's (above 1: slower than C++); \"memory vs C++\" "
                  "does the same with peak memory. " + SEE_INTERVALS
                  + " These are the **default points**: a garbage-collected "
                  "runtime's memory here is what its default heap policy "
                  "takes on this machine (the JVM sizes its heap from the "
                  "machine's memory), not what the program needs; `make "
                  "heaps` gives each one's point at **twice its minimum "
                  "heap** beside its default, and the curves between "
                  "(docs/measuring-and-citing.md, \"Time against memory\").",
                  "", markdown_table(*headline_made, left=2)]
    lines += ["", "## Time and memory", "",
              "Medians; [min-max] is the range over the runs. Ratios are "
              "against the bottom of the same ladder (the first rung of that "
              "language in the run) and against the rung below, with the "
              "same language, build and runtime setting: \"faster\" divides "
              "their time by this rung's, \"memory\" this rung's peak by "
              "theirs. The runtime is C++'s allocator, Go's GOGC (and "
              "GOMEMLIMIT), the JVM's collector. " + INTERVALS, "",
              format_markdown(rows(results))]
    if has_plots:
        lines += ["![Wall time per rung and allocator](time.svg)", "",
                  "![Peak resident memory per rung and allocator]"
                  "(memory.svg)", ""]
    lines += extras
    lines += ["## Best runtime setting per program", "",
              "| program | build | fastest | wall s | leanest | peak MiB |",
              "| --- | --- | --- | ---: | --- | ---: |"]
    table = summaries(results)
    by_program = {}
    for key in series(results):
        by_program.setdefault((key[0], key[1]), []).append(key)
    for (rung, build), keys in by_program.items():
        fastest = min(keys, key=lambda k: table[k][0].median)
        leanest = min(keys, key=lambda k: table[k][1].median)
        lines.append(f"| {rung} | {build or ''} | {fastest[2]} | "
                     f"{table[fastest][0].median:.3f} | {leanest[2]} | "
                     f"{table[leanest][1].median:.1f} |")
    lines += ["", "## Allocations", "",
              "Counts, not timings. What each language's figure means:", ""]
    present = [l for l in langs.LANGUAGE_ORDER
               if any(langs.language_of(r) == l for r in rungs)]
    for language in present:
        lines.append(f"- **{language}**: {langs.ALLOCATIONS_MEANING[language]}"
                     ".")
    lines += ["", "| program | allocations | MiB asked for | peak live MiB |",
              "| --- | ---: | ---: | ---: |"]
    for rung in rungs:
        counts = results["allocations"][rung]
        if counts is None:  # a language that measures none (Python, Node)
            lines.append(f"| {rung} | not measured | | |")
            continue
        count = counts["count"]
        lines.append(f"| {rung} | {'-' if count is None else f'{count:,}'} | "
                     f"{counts['bytes'] / 2**20:,.1f} | "
                     f"{counts['peak_live_bytes'] / 2**20:,.1f} |")
    lines += ["", "## Phases", "",
              "Median seconds per phase, as each run timed itself.", "",
              "| program | build | runtime | " + " | ".join(
                  PHASE_TITLES[p] for p in PHASES) + " |",
              "| --- | --- | --- |" + " ---: |" * len(PHASES)]
    for rung, build, allocator in series(results):
        medians = phase_medians(results, rung, allocator, build)
        lines.append(f"| {rung} | {build or ''} | {allocator} | "
                     + " | ".join(f"{medians[p]:.3f}" for p in PHASES)
                     + " |")
    if has_plots:
        lines += ["", "![Phase breakdown per program (default runtimes)]"
                      "(phases.svg)"]
    if bench_present:
        lines += ["", "## Benchmarks", "",
                  "Google Benchmark's loop finding on graphs from 1,012 to "
                  "4,032,013 blocks: [bench.md](bench.md)."]
    commit = str(env.get("commit"))
    if all(c in "0123456789abcdef" for c in commit) and len(commit) >= 7:
        lines += ["", "## Reproduce", "",
                  f"    git checkout {commit}",
                  "    make variants", "",
                  "on a Debian 12 machine like the one above (see "
                  "`results/README.md`).", ""]
    else:
        lines += ["", "## Reproduce", "",
                  f"No commit to check out ({commit}): the suite these runs "
                  "came from cannot be named. Not for citing.", ""]
    return "\n".join(lines)


PLOTS = ("time.svg", "memory.svg", "phases.svg", "languages.svg",
         "builds.svg", "axis.svg")


def write(folder, results):
    """Writes results.json, env.json, results.csv, the plots and results.md
    into `folder`, each file complete or not at all. Without gnuplot, plots
    already in `folder` are removed: they are of other data."""
    write_json(os.path.join(folder, "results.json"), results)
    write_json(os.path.join(folder, "env.json"), results["environment"])
    write_csv(os.path.join(folder, "results.csv"), CSV_HEADER,
              _csv_rows(results))
    ratios = analysis.all_ratios(results)
    write_json(os.path.join(folder, "ratios.json"), ratios)
    write_csv(os.path.join(folder, "ratios.csv"), RATIO_FIELDS,
              ([ratio[field] for field in RATIO_FIELDS] for ratio in ratios))
    has_plots = plots.available()
    if has_plots:
        try:
            _write_plots(folder, results)
        except plots.PlotError:
            # A plot gnuplot cannot draw must not lose the runs: no plots.
            has_plots = False
    if not has_plots:
        remove_files(folder, PLOTS)
    bench_present = os.path.exists(os.path.join(folder, "bench.md"))
    write_text(os.path.join(folder, "results.md"),
               _markdown(results, has_plots, bench_present))


def _write_plots(folder, results):
    config = results["config"]
    rungs = config["rungs"]
    table = summaries(results)
    # One bar per program (and build); one bar colour per runtime
    # setting, in the order of the run (C++ allocators, then Go's, ...).
    labels, groups, values = [], [], {}
    for rung, build, setting in series(results):
        label = rung + (f" [{build}]" if build else "")
        if label not in labels:
            labels.append(label)
        if setting not in groups:
            groups.append(setting)
        values[(label, setting)] = table[(rung, build, setting)]
    plots.grouped_bars(
        os.path.join(folder, "time.svg"),
        "Wall time per program (median, min-max)", "seconds (log scale)",
        labels, groups,
        {key: (wall.median, wall.minimum, wall.maximum)
         for key, (wall, _) in values.items()}, logscale=True)
    plots.grouped_bars(
        os.path.join(folder, "memory.svg"),
        "Peak resident memory per program (median, min-max)", "MiB",
        labels, groups,
        {key: (peak.median, peak.minimum, peak.maximum)
         for key, (_, peak) in values.items()})
    firsts = {}
    for rung, build, setting in series(results):
        firsts.setdefault((rung, build), setting)
    phase_labels = [rung + (f" [{build}]" if build else "")
                    for rung, build in firsts]
    plots.stacked_shares(
        os.path.join(folder, "phases.svg"),
        "Where each program's time goes (default runtime, medians)",
        phase_labels, [PHASE_TITLES[p] for p in PHASES],
        {(label, PHASE_TITLES[p]): seconds
         for label, ((rung, build), setting) in zip(phase_labels,
                                                    firsts.items())
         for p, seconds in phase_medians(results, rung, setting,
                                         build).items()})
    cxx_rungs, languages, by_language = \
        analysis.side_by_side_plot_values(results)
    if cxx_rungs and len(languages) > 1:
        plots.grouped_bars(
            os.path.join(folder, "languages.svg"),
            "Wall time, idea by idea: each C++ rung and the programs "
            "that match it (default runtimes)", "seconds (log scale)",
            cxx_rungs, languages, by_language, logscale=True)
    rows = analysis.axis_rows(results)
    if rows:
        labels = [f"{rung} [{build}]" for _, rung, _, build, *_ in rows]
        plots.grouped_bars(
            os.path.join(folder, "axis.svg"),
            "Speed of each build against its language's base (base median "
            "/ median; bars: the runs' extremes)", "speed (above 1: faster)",
            labels, ["speed"],
            {(label, "speed"): (base.median / wall.median,
                                base.minimum / wall.maximum,
                                base.maximum / wall.minimum)
             for label, (*_, wall, _, base) in zip(labels, rows)})
    made = analysis.build_table(results)
    if made:
        _, _, medians, _ = made
        names = [name for name in config["builds"]
                 if builds_axis.language_of(name) == langs.CXX]
        allocator = config["allocators"][0]
        cxx = [r for r in rungs if langs.language_of(r) == langs.CXX]
        plots.grouped_bars(
            os.path.join(folder, "builds.svg"),
            f"Wall time per rung and build ({allocator}, median, "
            "min-max)", "seconds (log scale)", cxx, names,
            {(rung, name): (table[(rung, name, allocator)][0].median,
                            table[(rung, name, allocator)][0].minimum,
                            table[(rung, name, allocator)][0].maximum)
             for rung in cxx for name in names}, logscale=True)
