"""The build axis: the C++ rungs built several ways, each in a build tree of
its own, all from Debian's packages (g++ 12, clang++ 14, libstdc++ both).

gcc-O2 is the default build (the suite's build/, `make build`); the others
are configured here under build-flavours/<name>/ (which `make clean`
removes), and only the rungs asked for are built in them (targets havlakN).
Every build's flags are passed whole as the flags of a build type of its
own (`Flavour`), so the flags each binary reports in its record are exactly
these, with the project's warning options; the runner checks that every
record reports its build's compiler and flags.

gcc-pgo is built twice: with -fprofile-generate, then trained by running
each asked-for rung once on a reduced workload (TRAIN_SCALE, never the
measured workload), then rebuilt with -fprofile-use from those profiles.
"""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

DEFAULT = "gcc-O2"
BASE_FLAGS = "-O2 -g -DNDEBUG"
TREES = "build-flavours"
TRAIN_SCALE = 0.1
TRAIN_SCALE_ALTERNATIVE = 0.05   # when the measured workload is TRAIN_SCALE


@dataclass(frozen=True)
class Build:
    name: str
    compiler: str          # the C++ compiler command
    flags: str             # the compile flags, exactly
    link_flags: str = ""
    what: str = ""


BUILDS = {build.name: build for build in (
    Build("gcc-O2", "g++", BASE_FLAGS,
          what="the default build: g++ -O2"),
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
    Build("gcc-checked", "g++", BASE_FLAGS + " -D_GLIBCXX_ASSERTIONS"
          " -D_FORTIFY_SOURCE=2 -fstack-protector-strong",
          what="g++ -O2 with libstdc++'s bounds checks (_GLIBCXX_ASSERTIONS) "
               "and Debian's hardening flags"),
)}
ORDER = tuple(BUILDS)
PGO_GENERATE_FLAGS = BASE_FLAGS + " -fprofile-generate"


class BuildError(RuntimeError):
    pass


def parse(text):
    """`gcc-O2,gcc-checked` (or `all`) -> the builds, default first if
    asked for. Raises BuildError with one line for an unknown name."""
    if text.strip() == "all":
        return list(ORDER)
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
    return default_bin if name == DEFAULT else os.path.join(
        tree(root, name), "bin")


def check_record(record, name):
    """What is wrong with `record` as a run of a binary built by `name`: its
    compiler and its flags (the project's -W options aside) must be the
    build's."""
    build = BUILDS[name]
    problems = []
    want = "clang" if build.compiler.startswith("clang") else "g++"
    if not record.compiler.startswith(want):
        problems.append(f"compiler {record.compiler!r}, expected {want} "
                        f"(build {name})")
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


def prepare(root, names, rungs, measured_scale=None, jobs=None,
            counting=False, say=None):
    """Configures and builds `rungs` (C++ only) in the tree of every build
    in `names` but the default. Returns {name: log path}. Raises
    BuildError."""
    jobs = jobs or os.cpu_count() or 1
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    logs = {}
    targets = list(rungs) + ([f"{rung}-counting" for rung in rungs]
                             if counting else [])
    for name in names:
        if name == DEFAULT:
            continue
        build = BUILDS[name]
        if shutil.which(build.compiler) is None:
            raise BuildError(f"build {name} needs {build.compiler}, which is "
                             "not installed (scripts/install-deps.sh)")
        path = tree(root, name)
        os.makedirs(path, exist_ok=True)
        log_path = os.path.join(path, "havlak-build.log")
        logs[name] = log_path
        with open(log_path, "w") as log:
            if name == "gcc-pgo":
                scale = (TRAIN_SCALE_ALTERNATIVE
                         if measured_scale == TRAIN_SCALE else TRAIN_SCALE)
                say(f"build {name}: instrumented build of "
                    + ", ".join(rungs))
                _remove_profiles(path)
                _configure(root, name, PGO_GENERATE_FLAGS,
                           "-fprofile-generate", log)
                _build(root, name, list(rungs), jobs, log)
                for rung in rungs:
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
    return {"compiler_command": build.compiler,
            "compiler": record.compiler if record else None,
            "flags": record.build_flags if record else build.flags,
            "link_flags": build.link_flags, "what": build.what,
            "trained_on": (f"--scale={TRAIN_SCALE:g} of each rung (or "
                           f"{TRAIN_SCALE_ALTERNATIVE:g} when that is the "
                           "measured workload), in runs of their own"
                           if name == "gcc-pgo" else None)}
