"""The languages the runner measures, their runtime settings (the
"allocator" axis, generalised), and which C++ rung each program of another
language matches.

A program's language is read off its name: `havlakN` is C++, `go-havlakN`
Go, `rust-...`, `java-...` and `scala-...` the others' bottom (`-havlak1`)
and top (`-top`). The rungs themselves come from what is built (`find_rungs`
in binaries.py), never from a list here.
"""

import os

CXX = "c++"
LANGUAGE_ORDER = (CXX, "go", "rust", "java", "scala")
PREFIXES = (("go-", "go"), ("rust-", "rust"), ("java-", "java"),
            ("scala-", "scala"))
JVM_LANGUAGES = ("java", "scala")

# --------------------------------------------------------------------------
# THE C++ <-> OTHER LANGUAGES TABLE.  One small place, to be replaced by the
# rung registry (issue 12) when it names every rung and its counterparts.
#
# Which C++ rung each program of another language carries the idea of. TOP is
# the highest C++ rung built, whatever its number; a program not listed here
# matches no C++ rung (it still runs, in its own ladder).
TOP = "top"
COUNTERPARTS = {
    "go-havlak1": "havlak1",   # Hundt's Go design
    "go-havlak2": "havlak2",   # DFS number map -> slice
    "go-havlak3": "havlak3",   # maps as sets -> slices
    "go-havlak4": "havlak4",   # cached bookkeeping
    "go-havlak5": "havlak5",   # reused loop graph (-reuseloopgraph)
    "go-havlak6": "havlak6",   # Cox's last step
    # Past Cox (go/README.md): some C++ ideas take several Go rungs.
    "go-havlak7": "havlak7", "go-havlak8": "havlak8", "go-havlak9": "havlak8",
    "go-havlak10": "havlak8", "go-havlak11": "havlak9",
    "go-havlak12": "havlak10", "go-havlak13": "havlak11",
    "go-havlak14": "havlak12", "go-havlak15": "havlak13",
    "go-havlak16": TOP,
    # Past Cox the Go ladder takes one idea per rung (the split issue 12
    # plans for the C++ rungs above havlak6): part of a C++ rung's ideas
    # each, matched to the rung that holds them.
    "go-havlak7": "havlak7",   # CFG in flat arrays (CSR)
    "go-havlak8": "havlak8",   # loop-body membership flag (part of havlak8)
    "go-havlak9": "havlak8",   # bookkeeping in flat arrays (part of havlak8)
    "go-havlak10": "havlak8",  # predecessors classified where used (part)
    "go-havlak11": "havlak9",  # no recursion: own DFS stack
    "go-havlak12": "havlak10", # loop graph in flat arrays
    "go-havlak13": "havlak11", # Ramalingam's fix
    "go-havlak14": "havlak12", # the loop body is the union-find set
    "go-havlak15": "havlak13", # bookkeeping by block number (part of havlak13)
    "go-havlak16": "havlak13", # one pass (havlak13's main idea)
    "rust-havlak1": "havlak1", "rust-top": TOP,
    "java-havlak1": "havlak1", "java-top": TOP,
    "scala-havlak1": "havlak1", "scala-top": TOP,
}
# The C++ rung at the bottom of the ladder and the one at Cox's last step
# (his havlak6): the headline table's first two levels.
CXX_BOTTOM = "havlak1"
CXX_COX_LAST = "havlak6"
GO_COX_LAST = "go-havlak6"
# The rungs `make builds` runs under every build: the bottom, Cox's last
# step and the top.
BUILD_RUNGS = (CXX_BOTTOM, CXX_COX_LAST, TOP)
# --------------------------------------------------------------------------

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


def language_of(rung):
    for prefix, language in PREFIXES:
        if rung.startswith(prefix):
            return language
    return CXX


def is_jvm(rung):
    return language_of(rung) in JVM_LANGUAGES


def _number(name):
    digits = name[len(name.rstrip("0123456789")):]
    return int(digits) if digits else None


def ladder_key(rung):
    """Sort key: C++ first, then Go, Rust, Java, Scala; within a language the
    ladder's order (havlak1 ... N, then -top)."""
    language = language_of(rung)
    number = _number(rung)
    return (LANGUAGE_ORDER.index(language),
            number if number is not None else 10**9, rung)


def top_cxx(cxx_rungs):
    numbered = [rung for rung in cxx_rungs
                if language_of(rung) == CXX and _number(rung) is not None]
    return max(numbered, key=_number) if numbered else None


def counterpart(rung, cxx_rungs):
    """The C++ rung that `rung` (of another language) matches, among
    `cxx_rungs`; None when it matches none of them."""
    if language_of(rung) == CXX:
        return rung
    match = COUNTERPARTS.get(rung)
    if match == TOP:
        match = top_cxx(cxx_rungs)
    return match if match in cxx_rungs else None


def resolve_rung(name, cxx_rungs):
    """`top` names the highest C++ rung built."""
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
