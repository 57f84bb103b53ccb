"""Time against memory (`make heaps`, scripts/heaps.py): each level's
programs at several heap sizes, after Blackburn et al.'s methodology (the
DaCapo suite's): a garbage-collected runtime trades memory for time, so it
is a curve, not the one point its default heap policy picks on a given
machine.

What each language's heap knob is comes from its language.json ("heaps"):
  - "max_heap" (the JVM): the smallest maximum heap at which the canonical
    workload completes with the right counts, found by bisection for each
    collector (minimum_heap), then runs at multiples of it, and at the
    collector's own default heap;
  - "pacing" (Go): no maximum heap; GOGC settings, then GOGC=off with
    GOMEMLIMIT at multiples of the peak live heap the collector marked
    (the record's gc.peak_live_heap_bytes, under the smallest GOGC);
  - none (C++ under each allocator, Rust): points.

A point that runs out of memory or time did not complete: recorded so, not
a crash of the comparison. This module plans the points and summarises
them; scripts/heaps.py runs them."""

from dataclasses import dataclass, field

from . import languages as langs
from . import workload

FORMAT = "havlak-heaps/1"
PRECISION = 0.02        # the minimum heap to within 2% of itself...
FLOOR_MIB = 4           # ...or 4 MiB, whichever is larger
START_MIB = 16          # the bisection's first trial
MOST_MIB = 16384        # a heap that does not complete at 16 GiB: no minimum
LEVELS = ("bottom", "cox", "top")
LEVEL_TITLES = {"bottom": "the bottom", "cox": "Cox's last step",
                "top": "the top"}


class HeapsError(ValueError):
    pass


def minimum_heap(completes, start_mib=START_MIB, most_mib=MOST_MIB,
                 precision=PRECISION, floor_mib=FLOOR_MIB):
    """The smallest heap (MiB) at which `completes(mib)` holds, to within
    `precision` of it or `floor_mib`: doubling from `start_mib` to the
    first heap that completes, then bisecting between the largest that did
    not and it. Assumes that more heap never hurts. Returns (mib, trials),
    trials as [(mib, completed)] in order; mib is None when not even
    `most_mib` completes."""
    trials = []

    def trial(mib):
        completed = bool(completes(mib))
        trials.append((mib, completed))
        return completed

    low, high = 0, start_mib
    while not trial(high):
        if high >= most_mib:
            return None, trials
        low, high = high, min(2 * high, most_mib)
    while high - low > max(precision * high, floor_mib):
        middle = (low + high) // 2
        if middle in (low, high):
            break
        if trial(middle):
            high = middle
        else:
            low = middle
    return high, trials


@dataclass(frozen=True)
class Point:
    """One runtime setting of one program: a point of a curve."""
    program: str
    curve: str          # the curve it belongs to: "java-top G1"
    runtime: str        # what the tables say: "G1 -Xmx=2x minimum (90 MiB)"
    env: dict = field(default_factory=dict, hash=False, compare=False)
    setting: str = ""   # the allocator or collector the record must report
    runtime_has: str = ""  # text the record's runtime line must contain
    knob: float = None  # the x of the curve's own axis (multiple, GOGC)
    default: bool = False   # what a user gets without setting anything
    at_2x: bool = False     # the point at twice the minimum (live) heap
    kind: str = None        # its language's heaps kind (None: a point)


def heap_rules(language):
    """The language's "heaps" entry (None: points only)."""
    return langs.WING_LANGUAGES.get(language, {}).get("heaps")


def level_programs(present):
    """{level: [program, ...]} of the programs in `present` (C++ rungs and
    other languages'), each level's C++ rung first, from ladder.json."""
    ladder = langs.ladder()
    rungs = {"bottom": ladder.bottom, "cox": ladder.cox_last,
             "top": ladder.top}
    found = {}
    for level in LEVELS:
        rung = rungs[level]
        programs = [rung] + [program for language in langs.LANGUAGE_ORDER
                             if language != langs.CXX
                             for program in ladder.counterparts_of(
                                 rung, language)]
        found[level] = [program for program in programs if program in present]
    return found


def points_of(program, minimum=None, live_bytes=None, all_defaults=False):
    """The points of `program`: for a "max_heap" language, `minimum` is
    {collector: MiB or None}, and the default heap is a point of the
    default collector only (of every collector with `all_defaults`: the
    runs the minimum heaps start from); for a "pacing" one, `live_bytes`
    its peak live heap (None: its GOMEMLIMIT points are left out)."""
    language = langs.language_of(program)
    rules = heap_rules(language)
    if language == langs.CXX:
        return [Point(program, f"{program}", allocator, setting=allocator,
                      default=index == 0)
                for index, allocator in enumerate(langs.settings(langs.CXX))]
    if rules is None:
        setting = langs.default_setting(language)
        return [Point(program, program, setting, setting=setting,
                      default=True)]
    if rules["kind"] == "max_heap":
        points = []
        for collector in rules["collectors"]:
            name, option = collector["name"], collector["option"]
            curve = f"{program} {name}"
            base = {rules["variable"]: option}
            if all_defaults or name == rules["default"]:
                points.append(Point(program, curve, f"{name}, default heap",
                                    base, setting=name, runtime_has=option,
                                    default=name == rules["default"],
                                    kind="max_heap"))
            least = (minimum or {}).get(name)
            if least is None:
                continue
            for multiple in rules["multiples"]:
                mib = max(1, round(multiple * least))
                flag = rules["max_heap"].format(mib=mib)
                points.append(Point(
                    program, curve, f"{name}, {flag} ({multiple:g}x minimum)",
                    {rules["variable"]: f"{option} {flag}"}, setting=name,
                    runtime_has=flag, knob=multiple, at_2x=multiple == 2,
                    kind="max_heap"))
        return points
    if rules["kind"] == "pacing":
        points = [Point(program, f"{program} GOGC", f"GOGC={gogc}",
                        {"GOGC": str(gogc)}, setting="go",
                        runtime_has=f"GOGC={gogc} GOMEMLIMIT=off", knob=gogc,
                        default=gogc == rules["default_gogc"], kind="pacing")
                  for gogc in rules["gogc"]]
        if live_bytes:
            for multiple in rules["limit_multiples"]:
                limit_mib = max(1, round(multiple * live_bytes / 2**20))
                limit = f"{limit_mib}MiB"
                points.append(Point(
                    program, f"{program} GOMEMLIMIT",
                    f"GOGC=off GOMEMLIMIT={limit} ({multiple:g}x live)",
                    {"GOGC": "off", "GOMEMLIMIT": limit}, setting="go",
                    runtime_has=f"GOGC=off GOMEMLIMIT={limit}", knob=multiple,
                    at_2x=multiple == 2, kind="pacing"))
        return points
    raise HeapsError(f"{language}: unknown heaps kind {rules['kind']!r}")


def point_json(point):
    return {"program": point.program, "curve": point.curve,
            "runtime": point.runtime, "env": dict(point.env),
            "setting": point.setting, "knob": point.knob,
            "default": point.default, "at_2x": point.at_2x,
            "kind": point.kind}


def check_point_record(point, record, scale=None):
    """What is wrong with a completed run's record as a run of `point` on
    the workload of `scale` (None: the canonical one): its counts as the
    comparison checks them, and its runtime as the point set it."""
    problems = workload.check_record(record, point.program, None, scale)
    if point.setting and record.allocator != point.setting:
        problems.append(f"runtime {record.allocator!r}, expected "
                        f"{point.setting!r}")
    if point.runtime_has and point.runtime_has not in \
            record.allocator_version:
        problems.append(f"runtime line {record.allocator_version!r} lacks "
                        f"{point.runtime_has!r}")
    return problems
