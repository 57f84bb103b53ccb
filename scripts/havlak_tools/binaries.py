"""Where the rung binaries are, and what they are called (ladder.json)."""

import os

from .languages import CXX, language_of, ladder, ladder_key


def find_rungs(bin_dir):
    """Every C++ rung ladder.json lists that is built in `bin_dir`, in
    ladder order (a binary the registry no longer lists is left out)."""
    if not os.path.isdir(bin_dir):
        return []
    return [rung for rung in ladder().rungs
            if os.path.isfile(os.path.join(bin_dir, rung))]


def binary_path(bin_dir, rung, allocator="glibc"):
    return os.path.join(bin_dir, rung + ladder().allocator_suffix[allocator])


def find_programs(bin_dir):
    """Every program in `bin_dir` the comparison runs: the C++ rungs and the
    other languages' programs ladder.json lists, in ladder order (C++, Go,
    Rust, Java, Scala)."""
    if not os.path.isdir(bin_dir):
        return []
    others = [program for program in ladder().programs
              if os.path.isfile(os.path.join(bin_dir, program))]
    return find_rungs(bin_dir) + sorted(others, key=ladder_key)


def program_path(bin_dir, rung, setting="glibc"):
    """A C++ rung's binary for its allocator (or counting build); another
    language's program is one binary whatever its runtime setting."""
    if language_of(rung) == CXX:
        return binary_path(bin_dir, rung, setting)
    return os.path.join(bin_dir, rung)
