"""The build axis: each program built several ways, each in a build tree of
its own. For C++, compilers and flags from Debian's packages (g++ 12,
clang++ 14 and 19, libstdc++ throughout); for the other languages, their
toolchains (toolchains.json: old and current) and their own optimizers (Go's
PGO, Rust's release tuning).

gcc-O2 and each language's default toolchain make the suite's own build/
(`make build`); the others are configured here under build-flavours/<name>/
(which `make clean` removes), and only the programs asked for are built in
them. A C++ build's flags are passed whole as the flags of a build type of
its own (`Flavour`), so the flags each binary reports in its record are
exactly these, with the project's warning options; the runner checks that
every record reports its build's compiler and flags, and another language's
record its toolchain's version line and its optimizer's flags.

gcc-pgo and go-pgo are built twice: instrumented (gcc) or plain (Go), then
trained by running each asked-for program once on a reduced workload
(TRAIN_SCALE, never the measured workload), then rebuilt with the profiles.
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

from . import languages as langs
from . import toolchains

DEFAULT = "gcc-O2"
BASE_FLAGS = "-O2 -g -DNDEBUG"
TREES = "build-flavours"
TRAIN_SCALE = 0.1
TRAIN_SCALE_ALTERNATIVE = 0.05   # when the measured workload is TRAIN_SCALE


@dataclass(frozen=True)
class Build:
    name: str
    compiler: str = ""     # C++: the compiler command
    flags: str = ""        # C++: the compile flags, exactly
    link_flags: str = ""
    what: str = ""
    language: str = langs.CXX
    toolchain: str = ""    # another language's: its toolchain's name
    options: tuple = field(default_factory=tuple)   # CMake -D options
    record_flags: tuple = field(default_factory=tuple)  # in build_flags


def _toolchain_builds():
    """A build per toolchain of every language but C++ (whose toolchains
    are its compilers, below), and each language's own optimizer."""
    found = []
    registry = toolchains.registry()
    for name in registry.names():
        entry = registry.toolchains[name]
        if entry["language"] == langs.CXX:
            continue
        found.append(Build(name, what=f"{entry['language']} built and run "
                           f"by {name} ({entry['from']})",
                           language=entry["language"], toolchain=name))
    go, rust = registry.default("go"), registry.default("rust")
    found.append(Build(
        "go-pgo", language="go", toolchain=go, record_flags=("-pgo=",),
        what=f"{go} with profile-guided optimisation (-pgo), each rung "
             f"trained on --scale={TRAIN_SCALE:g} in runs of its own"))
    found.append(Build(
        "rust-tuned", language="rust", toolchain=rust,
        options=("-DHAVLAK_RUST_TUNED=ON",),
        record_flags=("profile release-tuned", "target-cpu=native"),
        what=f"{rust} with Rust's release tuning: lto = \"fat\", "
             "codegen-units = 1, -C target-cpu=native"))
    return found


BUILDS = {build.name: build for build in (
    Build("gcc-O2", "g++", BASE_FLAGS,
          what="the default build: g++ 12 -O2"),
    Build("gcc-O3-native", "g++", "-O3 -march=native -g -DNDEBUG",
          what="g++ -O3 for this machine's CPU"),
    Build("gcc-lto", "g++", BASE_FLAGS + " -flto=auto", "-flto=auto",
          what="g++ -O2 with link-time optimisation"),
    Build("gcc-pgo", "g++", BASE_FLAGS + " -fprofile-use -fprofile-correction"
          " -Wno-missing-profile",
          what="g++ -O2 with profile feedback, trained on --scale=0.1 "
               "(0.05 when that is the measured workload)"),
    Build("clang-O2", "clang++-14", BASE_FLAGS,
          what="clang++ 14 -O2 with libstdc++"),
    Build("clang19-O2", "clang++-19", BASE_FLAGS,
          what="clang++ 19 -O2 with libstdc++"),
    Build("gcc-checked", "g++", BASE_FLAGS + " -D_GLIBCXX_ASSERTIONS"
          " -D_FORTIFY_SOURCE=2 -fstack-protector-strong",
          what="g++ -O2 with libstdc++'s bounds checks (_GLIBCXX_ASSERTIONS) "
               "and Debian's hardening flags"),
    *_toolchain_builds(),
)}
ORDER = tuple(BUILDS)
CXX_ORDER = tuple(name for name in ORDER
                  if BUILDS[name].language == langs.CXX)
PGO_GENERATE_FLAGS = BASE_FLAGS + " -fprofile-generate"
# The C++ toolchains of the toolchain axis are its -O2 builds.
CXX_TOOLCHAIN_BUILDS = {"gcc-12": "gcc-O2", "clang-14": "clang-O2",
                        "clang-19": "clang19-O2"}


def language_of(name):
    """A build's language (a name no longer on the axis, from an older
    results file, was a C++ build)."""
    build = BUILDS.get(name)
    return build.language if build else langs.CXX


def is_default(name):
    """Whether `name` is what the suite's own build/ holds: gcc-O2, or a
    language's default toolchain with no optimizer of its own."""
    build = BUILDS[name]
    if build.language == langs.CXX:
        return name == DEFAULT
    return (not build.record_flags and build.toolchain
            == toolchains.registry().default(build.language))


def toolchain_axis(text):
    """`make toolchains`' builds: TOOLCHAINS' names (or `all`: every
    toolchain of toolchains.json), C++ toolchains as their -O2 builds.
    Raises BuildError with one line naming the valid ones."""
    try:
        names = toolchains.registry().parse(text)
    except toolchains.ToolchainError as error:
        raise BuildError(str(error)) from None
    return [CXX_TOOLCHAIN_BUILDS.get(name, name) for name in names]


class BuildError(RuntimeError):
    pass


def parse(text):
    """`gcc-O2,go-pgo` (or `all`: every C++ build, and Go's and Rust's
    optimizers beside their default toolchains) -> the builds, in the
    axis's order. Raises BuildError with one line for an unknown name."""
    if text.strip() == "all":
        registry = toolchains.registry()
        return list(CXX_ORDER) + [registry.default("go"), "go-pgo",
                                  registry.default("rust"), "rust-tuned"]
    names = [name.strip() for name in text.split(",")]
    if not names or any(not name for name in names):
        raise BuildError(f"BUILDS '{text}' has an empty name; choose from "
                         + ", ".join(ORDER) + " (or all)")
    for name in names:
        if name not in BUILDS:
            raise BuildError(f"unknown build '{name}'; the builds are "
                             + ", ".join(ORDER) + " (or all)")
    if len(set(names)) != len(names):
        raise BuildError(f"BUILDS '{text}' names a build twice")
    return sorted(names, key=ORDER.index)


def tree(root, name):
    return os.path.join(root, TREES, name)


def bin_dir(root, name, default_bin):
    return default_bin if is_default(name) else os.path.join(
        tree(root, name), "bin")


def check_record(record, name):
    """What is wrong with `record` as a run of a binary built by `name`: a
    C++ build's compiler and flags (the project's -W options aside), another
    language's toolchain (its record's compiler line) and optimizer flags."""
    build = BUILDS[name]
    problems = []
    if build.language != langs.CXX:
        says = toolchains.registry().toolchains[build.toolchain][
            "record_says"]
        if not (record.compiler + " ").startswith(says):
            problems.append(f"compiler {record.compiler!r}, expected one "
                            f"beginning {says.strip()!r} (build {name})")
        for flag in build.record_flags:
            if flag not in record.build_flags:
                problems.append(f"flags {record.build_flags!r} without "
                                f"{flag!r} (build {name})")
        for other in BUILDS.values():
            if other.language == build.language and other is not build:
                for flag in other.record_flags:
                    if (flag not in build.record_flags
                            and flag in record.build_flags):
                        problems.append(f"flags {record.build_flags!r} "
                                        f"with {flag!r} (build {name})")
        return problems
    want = "clang" if build.compiler.startswith("clang") else "g++"
    if not record.compiler.startswith(want):
        problems.append(f"compiler {record.compiler!r}, expected {want} "
                        f"(build {name})")
    elif want == "clang" and not re.match(
            r"clang(\+\+)? " + build.compiler.rsplit("-", 1)[-1] + r"\.",
            record.compiler):
        problems.append(f"compiler {record.compiler!r}, expected "
                        f"{build.compiler} (build {name})")
    flags = [flag for flag in record.build_flags.split()
             if not flag.startswith("-W")]
    wanted = [flag for flag in build.flags.split()
              if not flag.startswith("-W")]
    if flags != wanted:
        problems.append(f"flags {' '.join(flags)!r}, expected "
                        f"{' '.join(wanted)!r} (build {name})")
    return problems


def _run(command, log, **kwargs):
    log.write("+ " + " ".join(command) + "\n")
    log.flush()
    result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT,
                            **kwargs)
    if result.returncode != 0:
        raise BuildError(f"{' '.join(command[:4])} ... failed (status "
                         f"{result.returncode}); see {log.name}")


def _configure(root, name, flags, link_flags, log):
    build = BUILDS[name]
    path = tree(root, name)
    command = ["cmake", "-S", root, "-B", path, "-DCMAKE_BUILD_TYPE=Flavour",
               f"-DCMAKE_CXX_COMPILER={build.compiler}",
               f"-DCMAKE_CXX_FLAGS_FLAVOUR={flags}",
               f"-DCMAKE_EXE_LINKER_FLAGS_FLAVOUR={link_flags}"]
    if "-flto" in flags and build.compiler == "g++":
        command += ["-DCMAKE_AR=/usr/bin/gcc-ar",
                    "-DCMAKE_RANLIB=/usr/bin/gcc-ranlib"]
    _run(command, log)


def _build(root, name, targets, jobs, log):
    _run(["cmake", "--build", tree(root, name), "-j", str(jobs), "--target",
          *targets, "--", "--no-print-directory"], log)


def _remove_profiles(path):
    for directory, _, names in os.walk(path):
        for file_name in names:
            if file_name.endswith(".gcda"):
                os.unlink(os.path.join(directory, file_name))


# The CMake target that builds each language's programs (Go: each rung's).
_LANGUAGE_TARGETS = {"rust": "rust_programs", "java": "java_programs",
                     "scala": "scala_programs"}


def _train_scale(measured_scale):
    return (TRAIN_SCALE_ALTERNATIVE if measured_scale == TRAIN_SCALE
            else TRAIN_SCALE)


def _prepare_other(root, name, rungs, measured_scale, jobs, log, say):
    """Another language's build: a tree configured with its toolchain (and
    optimizer), building only that language's programs among `rungs`."""
    build = BUILDS[name]
    path = tree(root, name)
    mine = [rung for rung in rungs
            if langs.language_of(rung) == build.language]
    targets = mine if build.language == "go" else [
        _LANGUAGE_TARGETS[build.language]]
    located = toolchains.locate(build.toolchain)
    if located.missing:
        raise BuildError(f"build {name} needs {build.toolchain}, which "
                         f"cannot be had here: {located.missing}")
    configure = ["cmake", "-S", root, "-B", path,
                 "-DCMAKE_BUILD_TYPE=Release",
                 f"-DHAVLAK_TOOLCHAINS={build.toolchain}", *build.options]
    pgo = os.path.join(path, "pgo")
    if name == "go-pgo":
        scale = _train_scale(measured_scale)
        say(f"build {name}: plain build of {', '.join(mine)}")
        shutil.rmtree(pgo, ignore_errors=True)
        os.makedirs(pgo)
        _run(configure + ["-DHAVLAK_GO_PGO_DIR="], log)
        _build(root, name, targets, jobs, log)
        for rung in mine:
            say(f"build {name}: training {rung} on --scale={scale:g}")
            _run([os.path.join(path, "bin", rung), f"--scale={scale!r}",
                  f"--cpuprofile={os.path.join(pgo, rung + '.pprof')}"],
                 log, stdin=subprocess.DEVNULL)
        configure.append(f"-DHAVLAK_GO_PGO_DIR={pgo}")
    say(f"build {name}: {build.what}: {', '.join(mine)}")
    _run(configure, log)
    _build(root, name, targets, jobs, log)


def prepare(root, names, rungs, measured_scale=None, jobs=None,
            counting=False, say=None):
    """Configures and builds `rungs` in the tree of every build in `names`
    but the defaults (build/): the C++ rungs under the C++ builds, each
    other language's programs under its builds. Returns {name: log path}.
    Raises BuildError."""
    jobs = jobs or os.cpu_count() or 1
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    logs = {}
    cxx_rungs = [rung for rung in rungs
                 if langs.language_of(rung) == langs.CXX]
    targets = cxx_rungs + ([f"{rung}-counting" for rung in cxx_rungs]
                           if counting else [])
    for name in names:
        if is_default(name):
            continue
        build = BUILDS[name]
        if build.language != langs.CXX:
            if not any(langs.language_of(rung) == build.language
                       for rung in rungs):
                continue
        elif not cxx_rungs:
            continue
        elif shutil.which(build.compiler) is None:
            raise BuildError(f"build {name} needs {build.compiler}, which is "
                             "not installed (scripts/install-deps.sh)")
        path = tree(root, name)
        os.makedirs(path, exist_ok=True)
        log_path = os.path.join(path, "havlak-build.log")
        logs[name] = log_path
        with open(log_path, "w") as log:
            if build.language != langs.CXX:
                _prepare_other(root, name, rungs, measured_scale, jobs, log,
                               say)
                continue
            if name == "gcc-pgo":
                scale = _train_scale(measured_scale)
                say(f"build {name}: instrumented build of "
                    + ", ".join(cxx_rungs))
                _remove_profiles(path)
                _configure(root, name, PGO_GENERATE_FLAGS,
                           "-fprofile-generate", log)
                _build(root, name, cxx_rungs, jobs, log)
                for rung in cxx_rungs:
                    say(f"build {name}: training {rung} on --scale={scale:g}")
                    _run([os.path.join(path, "bin", rung),
                          f"--scale={scale!r}"], log,
                         stdin=subprocess.DEVNULL)
            say(f"build {name}: {build.compiler} {build.flags}: "
                + ", ".join(targets))
            _configure(root, name, build.flags, build.link_flags, log)
            _build(root, name, targets, jobs, log)
    return logs


def describe(name, record=None):
    """env.json's account of one build: compiler, version, exact flags."""
    build = BUILDS[name]
    if build.language != langs.CXX:
        return {"language": build.language, "toolchain":
                toolchains.locate(build.toolchain).describe(),
                "compiler": record.compiler if record else None,
                "flags": record.build_flags if record else None,
                "what": build.what,
                "trained_on": (f"--scale={TRAIN_SCALE:g} of each rung (or "
                               f"{TRAIN_SCALE_ALTERNATIVE:g} when that is "
                               "the measured workload), in runs of their "
                               "own" if name == "go-pgo" else None)}
    return {"compiler_command": build.compiler,
            "compiler": record.compiler if record else None,
            "flags": record.build_flags if record else build.flags,
            "link_flags": build.link_flags, "what": build.what,
            "trained_on": (f"--scale={TRAIN_SCALE:g} of each rung (or "
                           f"{TRAIN_SCALE_ALTERNATIVE:g} when that is the "
                           "measured workload), in runs of their own"
                           if name == "gcc-pgo" else None)}
