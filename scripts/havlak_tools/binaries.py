"""Where the rung binaries are, and what they are called."""

import os

# Binary name suffix per allocator build (cmake/HavlakRung.cmake).
ALLOCATOR_SUFFIX = {"glibc": "", "jemalloc": "-jemalloc",
                    "tcmalloc": "-tcmalloc", "counting": "-counting"}


def find_rungs(bin_dir):
    """Every havlakN binary in `bin_dir`, in ladder order."""
    if not os.path.isdir(bin_dir):
        return []
    names = [name for name in os.listdir(bin_dir)
             if name.startswith("havlak") and name[6:].isdigit()]
    return sorted(names, key=lambda name: int(name[6:]))


def binary_path(bin_dir, rung, allocator="glibc"):
    return os.path.join(bin_dir, rung + ALLOCATOR_SUFFIX[allocator])


def find_programs(bin_dir):
    """Every program in `bin_dir` the comparison runs: the C++ rungs
    (havlakN), the Go rungs (go-havlakN) and the other languages' bottom and
    top (rust-, java-, scala- havlak1 and top), in ladder order (C++, Go,
    Rust, Java, Scala)."""
    from .languages import PREFIXES, ladder_key
    if not os.path.isdir(bin_dir):
        return []
    names = set(find_rungs(bin_dir))
    for name in os.listdir(bin_dir):
        for prefix, _ in PREFIXES:
            rest = name[len(prefix):]
            if name.startswith(prefix) and (
                    rest == "top" or (rest.startswith("havlak")
                                      and rest[6:].isdigit())):
                names.add(name)
    return sorted(names, key=ladder_key)


def program_path(bin_dir, rung, setting="glibc"):
    """A C++ rung's binary for its allocator (or counting build); another
    language's program is one binary whatever its runtime setting."""
    from .languages import CXX, language_of
    if language_of(rung) == CXX:
        return binary_path(bin_dir, rung, setting)
    return os.path.join(bin_dir, rung)
