"""The languages the runner measures, their runtime settings (the
"allocator" axis, generalised), and which C++ rung each program of another
language matches.

A program's language is read off its name: `go-...` is Go, `rust-...`,
`java-...` and `scala-...` the others, anything else C++. Which programs
there are, their order and which C++ rung each carries the idea of come
from the ladder's one registry, ladder.json (`ladder()`), never from a list
here.
"""

import functools
import json
import os

CXX = "c++"
LANGUAGE_ORDER = (CXX, "go", "rust", "java", "scala")
PREFIXES = (("go-", "go"), ("rust-", "rust"), ("java-", "java"),
            ("scala-", "scala"))
JVM_LANGUAGES = ("java", "scala")

# The word that names the ladder's top rung (`--rungs ...,top`).
TOP = "top"

LADDER_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           os.pardir, os.pardir, "ladder.json")


def language_of(rung):
    for prefix, language in PREFIXES:
        if rung.startswith(prefix):
            return language
    return CXX


def is_jvm(rung):
    return language_of(rung) in JVM_LANGUAGES


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
    try:
        with open(path, encoding="utf-8") as text:
            data = json.load(text)
    except (OSError, ValueError) as error:
        raise LadderError(f"{path}: {error}") from None
    return Ladder(data, path)


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

# Runtime settings per language: the first is the default, what a user gets.
#   C++:  the allocator the binary is linked with.
#   Go:   GOGC=100 is Go's default. GOGC=off with GOMEMLIMIT=1GiB collects
#         only when the heap nears 1 GiB: on this workload (a few hundred MiB
#         at most) the collector hardly runs, so the pair says what garbage
#         collection costs in time, and what switching it off costs in memory,
#         with a bound a user would set on a shared machine.
#   Rust: the system allocator (glibc malloc, under the program's counting
#         wrapper) only.
#   JVM:  G1, the default collector since JDK 9, and Parallel
#         (-XX:+UseParallelGC), the throughput collector: no concurrent
#         marking nor remembered-set barriers (java/README.md says why).
SETTINGS = {
    CXX: ("glibc", "jemalloc", "tcmalloc"),
    "go": ("GOGC=100", "GOGC=off+GOMEMLIMIT=1GiB"),
    "rust": ("glibc",),
    "java": ("G1", "Parallel"),
    "scala": ("G1", "Parallel"),
}
_GO_ENV = {"GOGC=100": {"GOGC": "100"},
           "GOGC=off+GOMEMLIMIT=1GiB": {"GOGC": "off", "GOMEMLIMIT": "1GiB"}}
_JVM_OPTS = {"G1": "-XX:+UseG1GC", "Parallel": "-XX:+UseParallelGC"}
# Variables that would change a run behind the runner's back: removed from
# every run's environment, then set as its setting asks.
_CLEARED = ("GOGC", "GOMEMLIMIT", "GODEBUG", "JAVA_OPTS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "HAVLAK_JAVA_TEST_OPTS",
            "MALLOC_CONF", "CPUPROFILE", "HEAPPROFILE")

# What each language's allocation figure means (results.md says it).
ALLOCATIONS_MEANING = {
    CXX: "`operator new` calls, from one run of the rung's `-counting` "
         "build (glibc malloc under a counting `operator new`), apart from "
         "the timed runs",
    "go": "heap objects allocated (`runtime.MemStats.Mallocs`) during the "
          "workload, from the timed runs' own records (Go counts them "
          "always)",
    "rust": "calls of the global allocator, counted by the program's "
            "counting wrapper around the system allocator, in the timed runs",
    "java": "not counted: HotSpot counts no objects; the bytes are those the "
            "workload's thread allocated (`getCurrentThreadAllocatedBytes`)",
    "scala": "as Java: bytes the workload's thread allocated, no count",
}
BOUNDS_CHECKS = {
    CXX: "off: `operator[]` of `std::vector` is unchecked (on in the "
         "`gcc-checked` build, `-D_GLIBCXX_ASSERTIONS`)",
    "go": "on: every slice and map index is checked, unless the gc compiler "
          "proves it in range",
    "rust": "on: every slice index is checked (safe Rust), unless LLVM proves "
            "it in range",
    "java": "on: every array access is checked, unless the JIT (C2) proves it "
            "in range",
    "scala": "on, as Java: the same JVM and JIT",
}
MEMORY = {
    CXX: "malloc and free (glibc, jemalloc or tcmalloc), no collector",
    "go": "Go's concurrent mark-and-sweep collector (GOGC paces it)",
    "rust": "malloc and free through ownership, no collector",
    "java": "the JVM's collector (G1 or Parallel), generational, moving",
    "scala": "the JVM's collector, as Java",
}


class LanguageError(ValueError):
    pass


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
    if language == "go":
        env.update(_GO_ENV[setting])
    elif language in JVM_LANGUAGES:
        env["JAVA_OPTS"] = _JVM_OPTS[setting]
    return env


def check_setting(record, language, setting):
    """What is wrong with `record`'s runtime as the run of `setting`: a list
    of problems (the record must say it ran under what was asked for)."""
    problems = []
    if language == CXX or language == "rust":
        want = "glibc" if setting == "counting" else setting
        if record.allocator != want:
            problems.append(f"allocator {record.allocator!r}, expected "
                            f"{want!r}")
    elif language == "go":
        if record.allocator != "go":
            problems.append(f"allocator {record.allocator!r}, expected 'go'")
        env = _GO_ENV[setting]
        want = (f"GOGC={env['GOGC']} "
                f"GOMEMLIMIT={env.get('GOMEMLIMIT', 'off')}")
        if not record.allocator_version.endswith(want):
            problems.append(f"runtime {record.allocator_version!r}, expected "
                            f"one ending in {want!r}")
    else:
        if record.allocator != setting:
            problems.append(f"collector {record.allocator!r}, expected "
                            f"{setting!r}")
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
    if counts is None:
        return [f"no allocations in a {language} record"]
    if language in ("go", "rust") and counts.get("count") is None:
        return [f"no allocation count in a {language} record"]
    return []
