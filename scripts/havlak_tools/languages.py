"""The languages the runner measures, their runtime settings (the
"allocator" axis, generalised), and which C++ rung each program of another
language matches.

C++ is the suite's own language, described here. Every other language is a
folder of the wing, languages/<folder>/, whose language.json describes it:
its programs' name prefix (`go-...`), its runtime settings and how a record
shows them, what its allocation figure means, its bounds checks and memory
management. A program's language is read off its name; anything without a
wing language's prefix is C++. Which programs there are, their order and
which C++ rung each carries the idea of come from the ladder's one
registry, ladder.json (`ladder()`), never from a list here.
"""

import functools
import glob
import os

from .files import read_json

CXX = "c++"
SUITE_ROOT = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir))
WING = os.path.join(SUITE_ROOT, "languages")

# The word that names the ladder's top rung (`--rungs ...,top`).
TOP = "top"

LADDER_FILE = os.path.join(SUITE_ROOT, "ladder.json")


class LanguageError(ValueError):
    pass


def _wing_languages(folder):
    """{name: description} of every languages/*/language.json, checked."""
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "*", "language.json"))):
        data = read_json(path, LanguageError)
        for entry in data.get("languages", []) if isinstance(
                data, dict) else []:
            name = entry.get("name") if isinstance(entry, dict) else None
            settings = entry.get("settings") if name else None
            if (not isinstance(name, str) or name == CXX or name in found
                    or not isinstance(entry.get("prefix"), str)
                    or not entry["prefix"].endswith("-")
                    or not isinstance(settings, list) or not settings
                    or not all(isinstance(s, dict) and isinstance(
                        s.get("name"), str) and isinstance(
                        s.get("env", {}), dict) for s in settings)):
                raise LanguageError(
                    f"{path}: a language needs a new name, a prefix ending "
                    f"in '-' and at least one runtime setting: {entry!r}")
            found[name] = dict(entry, folder=os.path.dirname(path))
    return found


WING_LANGUAGES = _wing_languages(WING)
LANGUAGE_ORDER = (CXX,) + tuple(sorted(
    WING_LANGUAGES, key=lambda name: (WING_LANGUAGES[name].get("order", 99),
                                      name)))
PREFIXES = tuple((entry["prefix"], name)
                 for name, entry in WING_LANGUAGES.items())


def language_of(rung):
    for prefix, language in PREFIXES:
        if rung.startswith(prefix):
            return language
    return CXX


def has_steady_state(language):
    """Whether the language's runtime compiles as it runs (a JIT): then
    results.md gives its first finding beside its steady state."""
    return bool(WING_LANGUAGES.get(language, {}).get("steady_state"))


def is_jvm(rung):
    return has_steady_state(language_of(rung))


class LadderError(ValueError):
    pass


class Ladder:
    """ladder.json, checked: `rungs` the C++ rungs bottom first,
    `counterparts` each other program's C++ rung (the top programs' is the
    last rung), `cox_last` the rung that retells Cox's final program,
    `allocator_suffix` each allocator's binary-name suffix, and `programs`
    every other language's program in the registry's order."""

    def __init__(self, data, where):
        def fail(message):
            raise LadderError(f"{where}: {message}")

        def names(value, what):
            if not isinstance(value, list) or not all(
                    isinstance(name, str) and name for name in value):
                fail(f"{what} must be a list of names")
            return value

        if not isinstance(data, dict):
            fail("not a JSON object")
        entries = data.get("rungs")
        if not isinstance(entries, list) or not entries:
            fail('"rungs" must list at least one rung')
        self.rungs = []
        self.counterparts = {}
        self.programs = []
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(
                    entry.get("name"), str):
                fail(f'a rung without a "name": {entry!r}')
            rung = entry["name"]
            if language_of(rung) != CXX or rung == TOP:
                fail(f"{rung!r} is not a C++ rung's name")
            if rung in self.rungs:
                fail(f"{rung} is listed twice")
            self.rungs.append(rung)
            for program in names(entry.get("counterparts", []),
                                 f"{rung}'s counterparts"):
                self._add(program, rung, fail)
        self.top = self.rungs[-1]
        for program in names(data.get("top_counterparts", []),
                             '"top_counterparts"'):
            self._add(program, self.top, fail)
        self.cox_last = data.get("cox_last")
        if self.cox_last not in self.rungs:
            fail(f'"cox_last" ({self.cox_last!r}) is not one of the rungs')
        suffixes = data.get("allocators")
        if not isinstance(suffixes, dict) or not all(
                isinstance(suffix, str) for suffix in suffixes.values()):
            fail('"allocators" must map each allocator to its binary suffix')
        if suffixes.get("glibc") != "":
            fail('"allocators" must give glibc, the plain binary, suffix ""')
        self.allocator_suffix = dict(suffixes)

    def _add(self, program, rung, fail):
        if language_of(program) == CXX:
            fail(f"{program!r} (a counterpart of {rung}) names no language")
        if program in self.counterparts:
            fail(f"{program} is listed twice")
        self.counterparts[program] = rung
        self.programs.append(program)

    @property
    def bottom(self):
        return self.rungs[0]

    def counterparts_of(self, rung, language):
        """The programs of `language` that carry `rung`'s idea."""
        return [program for program in self.programs
                if self.counterparts[program] == rung
                and language_of(program) == language]


def load_ladder(path):
    return Ladder(read_json(path, LadderError), path)


@functools.lru_cache(maxsize=None)
def ladder():
    """The suite's registry, read once."""
    return load_ladder(os.path.normpath(LADDER_FILE))


# The headline table's levels: the bottom of the C++ ladder, Cox's last step
# (the rung that retells his final program) in C++ and in Go, and the rungs `make builds` runs under
# every build (the bottom, Cox's last step and the top).
CXX_BOTTOM = ladder().bottom
CXX_COX_LAST = ladder().cox_last
GO_COX_LAST = next(iter(ladder().counterparts_of(CXX_COX_LAST, "go")), None)
BUILD_RUNGS = (CXX_BOTTOM, CXX_COX_LAST, TOP)

# C++'s runtime settings: the allocator the binary is linked with (the
# other languages' are in their language.json). The first is the default.
_CXX_SETTINGS = ("glibc", "jemalloc", "tcmalloc")
SETTINGS = {CXX: _CXX_SETTINGS, **{
    name: tuple(setting["name"] for setting in entry["settings"])
    for name, entry in WING_LANGUAGES.items()}}
# Variables that would change a run behind the runner's back: removed from
# every run's environment, then set as its setting asks.
_CLEARED = tuple(sorted({"MALLOC_CONF", "CPUPROFILE", "HEAPPROFILE"} | {
    variable for entry in WING_LANGUAGES.values()
    for variable in entry.get("cleared_env", [])} | {
    variable for entry in WING_LANGUAGES.values()
    for setting in entry["settings"] for variable in setting.get("env", {})}))

# What each language's allocation figure means (results.md says it), its
# bounds checks and its memory management.
ALLOCATIONS_MEANING = {
    CXX: "`operator new` calls, from one run of the rung's `-counting` "
         "build (glibc malloc under a counting `operator new`), apart from "
         "the timed runs",
    **{name: entry.get("allocations", "") for name, entry
       in WING_LANGUAGES.items()}}
BOUNDS_CHECKS = {
    CXX: "off: `operator[]` of `std::vector` is unchecked (on in the "
         "`gcc-checked` build, `-D_GLIBCXX_ASSERTIONS`)",
    **{name: entry.get("bounds_checks", "") for name, entry
       in WING_LANGUAGES.items()}}
MEMORY = {
    CXX: "malloc and free (glibc, jemalloc or tcmalloc), no collector",
    **{name: entry.get("memory", "") for name, entry
       in WING_LANGUAGES.items()}}


def _setting(language, name):
    return next(setting for setting in WING_LANGUAGES[language]["settings"]
                if setting["name"] == name)


def _number(name):
    digits = name[len(name.rstrip("0123456789")):]
    return int(digits) if digits else None


def ladder_key(rung):
    """Sort key: C++ first, then Go, Rust, Java, Scala; within a language the
    registry's order (bottom first, the top programs last); a name the
    registry does not list after those, by its number."""
    language = language_of(rung)
    order = ladder().rungs if language == CXX else ladder().programs
    if rung in order:
        return (LANGUAGE_ORDER.index(language), 0, order.index(rung), rung)
    number = _number(rung)
    return (LANGUAGE_ORDER.index(language), 1,
            number if number is not None else 10**9, rung)


def top_cxx(cxx_rungs):
    """The ladder's top rung, when `cxx_rungs` holds it; else None."""
    return ladder().top if ladder().top in cxx_rungs else None


def counterpart(rung, cxx_rungs):
    """The C++ rung that `rung` (of another language) carries the idea of
    (ladder.json), when `cxx_rungs` holds it; else None."""
    if language_of(rung) == CXX:
        return rung
    match = ladder().counterparts.get(rung)
    return match if match in cxx_rungs else None


def resolve_rung(name, cxx_rungs):
    """`top` names the ladder's top rung, when built (else None)."""
    return top_cxx(cxx_rungs) if name == TOP else name


def settings(language):
    return SETTINGS[language]


def default_setting(language):
    return SETTINGS[language][0]


def known_setting(language, setting):
    return setting in SETTINGS[language]


def environment(language, setting, base=None):
    """The environment a run of a `language` program with `setting` gets:
    ours, without variables that would change the run, plus the setting."""
    env = dict(os.environ if base is None else base)
    for name in _CLEARED:
        env.pop(name, None)
    if language != CXX:
        env.update(_setting(language, setting).get("env", {}))
    return env


def check_setting(record, language, setting):
    """What is wrong with `record`'s runtime as the run of `setting`: a list
    of problems (the record must say it ran under what was asked for)."""
    problems = []
    if language == CXX:
        want = "glibc" if setting == "counting" else setting
        if record.allocator != want:
            problems.append(f"allocator {record.allocator!r}, expected "
                            f"{want!r}")
        return problems
    expected = _setting(language, setting)
    want = expected.get("allocator", setting)
    if record.allocator != want:
        what = WING_LANGUAGES[language].get("setting_is", "allocator")
        problems.append(f"{what} {record.allocator!r}, expected {want!r}")
    ends = expected.get("runtime_ends")
    if ends and not record.allocator_version.endswith(ends):
        problems.append(f"runtime {record.allocator_version!r}, expected "
                        f"one ending in {ends!r}")
    return problems


def check_allocations(record, language, setting):
    """Allocation counts where the language reports them, and only there."""
    counts = record.allocations
    if language == CXX:
        if setting == "counting" and (counts is None
                                      or counts.get("count") is None):
            return ["no allocation counts from a counting build"]
        if setting != "counting" and counts is not None:
            return ["allocation counts from a build that should not count "
                    "(a counting build?)"]
        return []
    if not WING_LANGUAGES[language].get("allocations_measured", True):
        return ([] if counts is None else
                [f"allocations in a {language} record, which measures none"])
    if counts is None:
        return [f"no allocations in a {language} record"]
    if (WING_LANGUAGES[language].get("allocation_count")
            and counts.get("count") is None):
        return [f"no allocation count in a {language} record"]
    return []
