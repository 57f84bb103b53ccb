"""The cross-language and cross-build views of a comparison, all from the
runs of one session: the headline table (C++ against every other language
at the bottom, at Cox's last step and at the top), the ladders side by side
idea by idea, the JVM's steady state, what differs between the languages,
and the rung x build table with its generated summary."""

from . import languages as langs
from . import workload as workload_shape
from . import builds as builds_axis
from . import steady
from .measured import builds_of, runs_of, series, summaries
from .stats import Summary, ratio


def _summaries(results):
    return summaries(results)


def _default(table, rung, build=None, setting=None):
    """(wall, peak) Summaries of `rung` under `setting`, by default its
    language's default setting (C++: the first allocator of the run;
    default build)."""
    language = langs.language_of(rung)
    if language == langs.CXX:
        for (name, b, setting), value in table.items():
            if name == rung and b in (None, "gcc-O2"):
                return value, setting
        return None, None
    setting = setting or langs.default_setting(language)
    return table.get((rung, None, setting)), setting


def _cxx_rungs(results):
    return [rung for rung in results["config"]["rungs"]
            if langs.language_of(rung) == langs.CXX]


def pairs(results):
    """[(C++ rung, other program, level)] for every program of another
    language that matches a C++ rung of the run."""
    cxx = _cxx_rungs(results)
    top = langs.top_cxx(cxx)
    found = []
    for rung in results["config"]["rungs"]:
        if langs.language_of(rung) == langs.CXX:
            continue
        match = langs.counterpart(rung, cxx)
        if match is None:
            continue
        level = ("bottom" if match == langs.CXX_BOTTOM else
                 "top" if match == top else
                 "Cox's last step" if match == langs.CXX_COX_LAST else
                 f"as {match}")
        found.append((match, rung, level))
    return found


def headline_pairs(results):
    """C++ and Go at the bottom, at Cox's last step and at the top (Go's
    highest rung), and each other language (Rust, Java, Scala, Python,
    JavaScript) at the bottom and top."""
    config_rungs = results["config"]["rungs"]
    cxx = _cxx_rungs(results)
    top = langs.top_cxx(cxx)
    chosen = []
    go = [rung for rung in config_rungs if langs.language_of(rung) == "go"]
    if go:
        go_sorted = sorted(go, key=langs.ladder_key)
        for level, cxx_rung, go_rung in (
                ("bottom", langs.CXX_BOTTOM, go_sorted[0]),
                ("Cox's last step", langs.CXX_COX_LAST, langs.GO_COX_LAST),
                ("top", top, go_sorted[-1])):
            if (cxx_rung in cxx and go_rung in go and not any(
                    c == cxx_rung and g == go_rung for _, c, g in chosen)):
                chosen.append((level, cxx_rung, go_rung))
    for language in langs.LANGUAGE_ORDER:
        if language in (langs.CXX, "go"):
            continue
        for rung in config_rungs:
            if langs.language_of(rung) != language:
                continue
            match = langs.counterpart(rung, cxx)
            if match == langs.CXX_BOTTOM:
                chosen.append(("bottom", match, rung))
            elif match == top and match is not None:
                chosen.append(("top", match, rung))
    return chosen


def _pair_cells(table, cxx_rung, other, setting=None):
    (cxx_value, cxx_setting) = _default(table, cxx_rung)
    (other_value, other_setting) = _default(table, other, setting=setting)
    if cxx_value is None or other_value is None:
        return None
    cw, cp = cxx_value
    ow, op = other_value
    return [cxx_rung, cxx_setting, f"{cw.median:.3f}", f"{cp.median:.1f}",
            other, langs.language_of(other), other_setting,
            f"{ow.median:.3f}", f"{op.median:.1f}",
            ratio(ow, cw).text(), ratio(op, cp).text()]


PAIR_HEADER = ["C++ rung", "C++ runtime", "C++ wall s", "C++ peak MiB",
               "program", "language", "runtime", "wall s", "peak MiB",
               "time vs C++", "memory vs C++"]


def headline(results):
    """(header, body) of the headline table, or None."""
    table = _summaries(results)
    body = []
    for level, cxx_rung, other in headline_pairs(results):
        for setting in _headline_settings(other):
            cells = _pair_cells(table, cxx_rung, other, setting)
            if cells:
                body.append([level] + cells)
    return (["level"] + PAIR_HEADER, body) if body else None


def _headline_settings(program):
    """The settings a program has headline rows for: its language's default,
    or every one where the setting is the runtime itself (CPython and PyPy:
    language.json's headline_every_setting)."""
    language = langs.language_of(program)
    if langs.WING_LANGUAGES.get(language, {}).get("headline_every_setting"):
        return list(langs.settings(language))
    return [None]


def side_by_side(results):
    table = _summaries(results)
    body = []
    for cxx_rung, other, level in pairs(results):
        cells = _pair_cells(table, cxx_rung, other)
        if cells:
            body.append(cells)
    return (PAIR_HEADER, body) if body else None


def side_by_side_plot_values(results):
    """C++ rungs with counterparts, the languages, and {(rung, language):
    (median, min, max) or None} for a grouped bar plot."""
    table = _summaries(results)
    found = pairs(results)
    cxx_rungs = [r for r in _cxx_rungs(results)
                 if any(p[0] == r for p in found)]
    languages = [langs.CXX] + [l for l in langs.LANGUAGE_ORDER[1:]
                               if any(langs.language_of(p[1]) == l
                                      for p in found)]
    values = {}
    for rung in cxx_rungs:
        value, _ = _default(table, rung)
        values[(rung, langs.CXX)] = (value[0].median, value[0].minimum,
                                     value[0].maximum) if value else None
        for language in languages[1:]:
            values[(rung, language)] = None
            for cxx_rung, other, _ in found:
                if cxx_rung == rung and langs.language_of(other) == language:
                    value, _ = _default(table, other)
                    if value:
                        values[(rung, language)] = (
                            value[0].median, value[0].minimum,
                            value[0].maximum)
    return cxx_rungs, languages, values


def steady_state(results):
    """Every program's start-up to its first big-graph finding, that
    finding, and its steady time per finding with the spread of the steady
    findings, from its own timings (steady.py), default runtime setting
    and build."""
    config = results["config"]
    body = []
    for rung, build, setting in series(results):
        if build not in (None, "gcc-O2"):
            continue
        language = langs.language_of(rung)
        default = (config["allocators"][0] if language == langs.CXX
                   else langs.default_setting(language))
        if setting != default:
            continue
        runs = runs_of(results, rung, setting, build)
        startup = Summary.of(steady.startup_to_first_finding(r)
                             for r in runs)
        first = Summary.of(r["phases_seconds"]["first_find"] for r in runs)
        per_finding = Summary.of(steady.steady_seconds(r) for r in runs)
        low, high = steady.spread(runs)
        body.append([rung, setting, f"{startup.median:.3f}",
                     f"{first.median * 1000:.2f}",
                     f"{per_finding.median * 1000:.3f} [{low * 1000:.3f}"
                     f"-{high * 1000:.3f}]",
                     ratio(first, per_finding).text()])
    if not body:
        return None
    return (["program", "runtime", "start-up to first finding s",
             "first finding ms", "steady ms per finding [10th-90th "
             "percentile]", "first vs steady"], body)


def language_differences(results):
    env = results["environment"]
    recorded = env.get("languages") or {}
    config = results["config"]
    present = [l for l in langs.LANGUAGE_ORDER
               if any(langs.language_of(r) == l for r in config["rungs"])]
    if len(present) < 2 and not config.get("builds"):
        return None
    body = []
    for language in present:
        entry = recorded.get(language, {})
        settings = entry.get("runtime_settings") or {}
        body.append([
            language, f"`{entry.get('compiler')}`",
            f"`{entry.get('build_flags')}`", langs.BOUNDS_CHECKS[language],
            langs.MEMORY[language],
            "; ".join(f"{name}: `{version}`"
                      for name, version in settings.items()),
            langs.ALLOCATIONS_MEANING[language]])
    return (["language", "compiler", "flags", "bounds checks", "memory",
             "runtime settings (as the runs reported them)",
             "allocations column"], body)


# --- the build axis -------------------------------------------------------

def build_table(results):
    """(header, body, {(rung, build): wall Summary}) of the rung x build
    table under the run's first allocator, ratios to gcc-O2, or None."""
    config = results["config"]
    names = [name for name in config.get("builds") or []
             if builds_axis.language_of(name) == langs.CXX]
    if not names or not _cxx_rungs(results):
        return None
    allocator = config["allocators"][0]
    table = _summaries(results)
    rungs = _cxx_rungs(results)
    base = "gcc-O2" if "gcc-O2" in names else names[0]
    header = ["rung"] + [f"{name} wall s" for name in names] + [
        f"{name} vs {base}" for name in names if name != base] + [
        f"{name} peak MiB" for name in names]
    body, medians = [], {}
    for rung in rungs:
        walls = {name: table[(rung, name, allocator)][0] for name in names}
        peaks = {name: table[(rung, name, allocator)][1] for name in names}
        for name in names:
            medians[(rung, name)] = walls[name]
        body.append([rung]
                    + [f"{walls[n].median:.3f} [{walls[n].minimum:.3f}-"
                       f"{walls[n].maximum:.3f}]" for n in names]
                    + [ratio(walls[base], walls[n]).text()
                       for n in names if n != base]
                    + [f"{peaks[n].median:.1f}" for n in names])
    return header, body, medians, base


def build_summary(results):
    """A few generated sentences: what bounds checking costs at the bottom,
    at Cox's last step and at the top; whether PGO or LTO reorders the
    rungs; the fastest build per rung."""
    made = build_table(results)
    if made is None:
        return []
    _, _, medians, base = made
    config = results["config"]
    names = [name for name in config["builds"]
             if builds_axis.language_of(name) == langs.CXX]
    rungs = _cxx_rungs(results)
    top = langs.top_cxx(rungs)
    lines = []
    if "gcc-checked" in names and base != "gcc-checked":
        costs = []
        for label, rung in (("the bottom", langs.CXX_BOTTOM),
                            ("Cox's last step", langs.CXX_COX_LAST),
                            ("the top", top)):
            if rung in rungs:
                cost = ratio(medians[(rung, "gcc-checked")],
                             medians[(rung, base)])
                costs.append(f"{(cost.value - 1) * 100:+.1f}% at {label} "
                             f"({rung}: {cost.text()} the time)")
        if costs:
            lines.append("Bounds checking (gcc-checked: `_GLIBCXX_ASSERTIONS`"
                         " with Debian's hardening flags) against "
                         f"{base}, median wall time: " + ", ".join(costs)
                         + ".")
    base_order = sorted(rungs, key=lambda r: medians[(r, base)].median)
    for name in ("gcc-pgo", "gcc-lto"):
        if name in names and name != base and len(rungs) > 1:
            order = sorted(rungs, key=lambda r: medians[(r, name)].median)
            if order == base_order:
                lines.append(f"{name} keeps the rungs' ranking of {base} "
                             f"(fastest first: {', '.join(order)}).")
            else:
                lines.append(f"{name} changes the rungs' ranking: "
                             f"{', '.join(order)} against {base}'s "
                             f"{', '.join(base_order)}.")
    for rung in rungs:
        fastest = min(names, key=lambda n: medians[(rung, n)].median)
        speed = ratio(medians[(rung, base)], medians[(rung, fastest)])
        lines.append(f"{rung}: fastest under {fastest} "
                     f"({speed.text()} {base}'s speed).")
    return lines


# --- every language on the build or toolchain axis ------------------------

def _level(rung):
    """bottom, Cox's last step or top: the level of a program's C++ rung."""
    ladder = langs.ladder()
    match = rung if langs.language_of(rung) == langs.CXX else (
        ladder.counterparts.get(rung))
    return {ladder.bottom: "bottom", ladder.cox_last: "Cox's last step",
            ladder.top: "top"}.get(match, f"as {match}")


def axis_rows(results):
    """[(language, program, level, build, base, wall, peak, base wall)]
    for every program under every build of its language in the run, `base`
    being the language's first build there (the oldest toolchain, or the
    default one beside its optimizer; gcc-O2 for C++), or []."""
    config = results["config"]
    if not config.get("builds"):
        return []
    table = _summaries(results)
    found = []
    for rung in config["rungs"]:
        made_by = builds_of(config, rung)
        if made_by == [None]:
            continue
        language = langs.language_of(rung)
        setting = (config["allocators"][0] if language == langs.CXX
                   else langs.default_setting(language))
        base = ("gcc-O2" if language == langs.CXX and "gcc-O2" in made_by
                else made_by[0])
        for build in made_by:
            wall, peak = table[(rung, build, setting)]
            found.append((language, rung, _level(rung), build, base, wall,
                          peak, table[(rung, base, setting)][0]))
    return found


def axis_table(results):
    """(header, body) of every program under every build of its language:
    what each build or toolchain bought against the language's base, in
    this run; None without a build axis."""
    rows = axis_rows(results)
    if not rows:
        return None
    compilers = {}
    for run in results["runs"]:
        compilers.setdefault((run["rung"], run.get("build")),
                             run.get("compiler") or "")
    header = ["language", "program", "level", "build", "compiler",
              "wall s: median [min-max]", "peak MiB", "speed vs base",
              "faster in rounds"]
    body = []
    config = results["config"]
    for language, rung, level, build, base, wall, peak, base_wall in rows:
        setting = (config["allocators"][0] if language == langs.CXX
                   else langs.default_setting(language))
        rounds = _faster_rounds(results, rung, setting, build, base)
        # The version, not the path the record adds after it.
        compiler = compilers.get((rung, build), "").split(" (")[0]
        body.append([language, rung, level, build, compiler,
                     f"{wall.median:.3f} [{wall.minimum:.3f}-"
                     f"{wall.maximum:.3f}]", f"{peak.median:.1f}",
                     "base" if build == base else
                     f"{ratio(base_wall, wall).text()} {base}",
                     "" if build == base else rounds])
    return header, body


def _faster_rounds(results, rung, setting, build, base):
    """In how many of the run's rounds `build` beat `base` on `rung`: the
    runs are interleaved, so a round's two runs met the same machine."""
    def walls(name):
        return {run["run"]: run["wall_seconds"]
                for run in runs_of(results, rung, setting, name)}
    mine, theirs = walls(build), walls(base)
    paired = sorted(set(mine) & set(theirs))
    faster = sum(mine[index] < theirs[index] for index in paired)
    return f"{faster} of {len(paired)}"


# --- every ratio, for ratios.csv and ratios.json ---------------------------

def all_ratios(results):
    """Every ratio the tables print, each with its 95% interval: the main
    table's against the bottom and the rung below, each program against its
    C++ rung, and each build or toolchain against its language's base."""
    from .measured import rows as table_rows
    found = []

    def add(table, program, build, setting, against, quantity, value):
        found.append({"table": table, "program": program,
                      "build": build or "", "setting": setting,
                      "against": against, "quantity": quantity,
                      "ratio": value.value, "low": value.low,
                      "high": value.high, "measurable": value.measurable})

    for row in table_rows(results):
        for against, speed, memory in (
                ("bottom", row.speedup_vs_first, row.memory_vs_first),
                ("below", row.speedup_vs_below, row.memory_vs_below)):
            if speed is not None and speed.low is not None:
                add("ladder", row.rung, row.build, row.allocator, against,
                    "speed", speed)
                add("ladder", row.rung, row.build, row.allocator, against,
                    "memory", memory)
    table = _summaries(results)
    for cxx_rung, other, _ in pairs(results):
        (cxx, _), (mine, setting) = (_default(table, cxx_rung),
                                     _default(table, other))
        if cxx and mine:
            add("languages", other, None, setting, cxx_rung, "time",
                ratio(mine[0], cxx[0]))
            add("languages", other, None, setting, cxx_rung, "memory",
                ratio(mine[1], cxx[1]))
    for _, rung, _, build, base, wall, peak, base_wall in axis_rows(results):
        if build != base:
            add("builds", rung, build, "", base, "speed",
                ratio(base_wall, wall))
    return found
