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
