"""The main program both Python programs share: argparse, then the workload
(a report, or one JSON record with --json) or --cfg's loops. Exit status 0,
1 for a wrong loop count, 2 for a bad command line or CFG file, 3 for a
graph deeper than a recursive program's interpreter lets it go (one line on
stderr, nothing on stdout, in each case but 0 and 1)."""

import argparse
import json
import math
import os
import platform
import resource
import sys
import threading
import time

from .cfg_file import CfgError, printable, read_cfg
from .forest import loop_forest
from .workload import (MAX_ITERATIONS, MAX_SCALE, MIN_SCALE, PHASES,
                       WorkloadSpec, check_loop_counts, run_workload)


class UsageError(Exception):
    """A bad command line: one line, no usage dump."""


class TooDeep(Exception):
    """A graph deeper than the interpreter lets a recursive search go."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _scale(text):
    try:
        scale = float(text)
    except ValueError:
        scale = math.nan
    if not MIN_SCALE <= scale <= MAX_SCALE:  # nan compares false
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number from {MIN_SCALE:g} to {MAX_SCALE:g}")
    return scale


def _iterations(text):
    try:
        iterations = int(text)
    except ValueError:
        iterations = -1
    if not 0 <= iterations <= MAX_ITERATIONS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from 0 to {MAX_ITERATIONS}")
    return iterations


def _cfg_name(text):
    if not text:
        raise argparse.ArgumentTypeError(
            "needs a file name ('-' for standard input)")
    return text


def _parser(program):
    spec = WorkloadSpec.scaled(1.0)
    parser = _Parser(
        prog=program.name, allow_abbrev=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage=f"{program.name} [--scale=S] [--iterations=N] [--json]\n"
              f"       {program.name} --cfg=FILE [--json]",
        description=f"{program.name}: {program.idea}\n\n"
        f"Runs Hundt's LoopTesterApp workload: {spec.small_graph_finds} loop "
        f"findings on a small graph,\nthen a graph of {spec.big_graph_blocks} "
        f"blocks built and searched for loops 1 + {spec.big_graph_finds} "
        f"times,\nthen the nesting levels of the first result; checks the "
        f"loop counts and\nprints them with the time of each phase.",
        epilog="Exit status: 0 right loop counts; 1 a wrong one; 2 a bad "
               "command line or CFG file" + (
                   ";\n3 a graph deeper than the interpreter lets this "
                   "recursive search go" if program.recursive else "") +
               ".\nHAVLAK_PYTHON=pypy runs it under PyPy instead of CPython "
               "(build/bin's launcher).")
    parser.add_argument(
        "--scale", type=_scale, metavar="S",
        help=f"multiply the loops per tree and the small-graph findings by S "
             f"({MIN_SCALE:g} to {MAX_SCALE:g}; default 1, the canonical "
             f"workload)")
    parser.add_argument(
        "--iterations", type=_iterations, metavar="N",
        help=f"big-graph findings after the first (0 to {MAX_ITERATIONS}; "
             f"default {spec.big_graph_finds}, the canonical workload; more "
             f"for a profiler)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON record instead of the report")
    parser.add_argument(
        "--cfg", type=_cfg_name, metavar="FILE",
        help="print the loops of the CFG in FILE instead ('-': standard "
             "input; the format: docs/cfg-files.md)")
    return parser


def parse_args(program, args):
    """The options, or UsageError. --help prints the usage and exits 0."""
    options = _parser(program).parse_args(args)
    if options.cfg is not None and (options.scale is not None
                                    or options.iterations is not None):
        raise UsageError("--scale and --iterations size the workload, which "
                         "--cfg does not run")
    return options


def interpreter():
    """(implementation, its version line, the path it runs from)."""
    implementation = platform.python_implementation()
    python = platform.python_version()
    if implementation == "PyPy":
        pypy = ".".join(map(str, sys.pypy_version_info[:3]))
        version = f"PyPy {pypy}, Python {python}"
    else:
        version = f"{implementation} {python}"
    return implementation, version, sys.executable


def on_deep_stack(program, blocks, task, what):
    """task(), or for a recursive program task() on a thread whose stack and
    recursion limit are sized for a graph of `blocks` blocks. CPython 3.11
    keeps Python frames off the C stack and only needs the limit raised;
    PyPy's frames are on the C stack, its limit reserves 768 bytes a unit
    and stops at 1,000,000 units (about 1.7 million plain calls), so the
    thread's stack is sized past that. Raises TooDeep when the interpreter
    still cannot go as deep as the graph needs."""
    if not program.recursive:
        return task()
    limit = max(sys.getrecursionlimit(), blocks + 1000)
    stack_bytes = (64 << 20) + 1024 * min(limit, 1_000_000)
    outcome = {}

    def run():
        try:
            outcome["value"] = task()
        except (RecursionError, MemoryError) as error:
            outcome["too_deep"] = error
        except BaseException as error:  # a bug: raised again below
            outcome["error"] = error

    sys.setrecursionlimit(limit)
    try:
        threading.stack_size(stack_bytes)
        thread = threading.Thread(target=run, name="havlak")
        thread.start()
    except (RuntimeError, ValueError, MemoryError) as error:
        raise TooDeep(f"{what}: no thread with a stack of "
                      f"{stack_bytes >> 20} MiB for the recursive search "
                      f"({error})") from None
    thread.join()
    if "too_deep" in outcome:
        if isinstance(outcome["too_deep"], MemoryError):
            raise TooDeep(f"{what}: out of memory for the recursive search "
                          f"of {blocks} blocks (its frames and objects)")
        raise TooDeep(f"{what}: the depth-first search of {blocks} blocks "
                      f"needs more nested calls than "
                      f"{platform.python_implementation()} allows "
                      f"({outcome['too_deep']}); this recursive search stops "
                      f"there (the interpreter's limit)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def record(program, run):
    """The record the runner reads (scripts/havlak_tools/records.py)."""
    spec, result = run["spec"], run["result"]
    implementation, version, path = interpreter()
    phases = {key: {"wall_seconds": seconds}
              for (key, _), seconds in zip(PHASES, result.seconds)}
    phases["repeated_finds"]["each_seconds"] = result.repeated_find_seconds
    build_flags = ("PyPy's JIT, default settings" if implementation == "PyPy"
                   else "none: run from source")
    return {
        "rung": program.name, "language": "python", "idea": program.idea,
        "allocator": implementation,
        "allocator_version": f"{version} ({path})",
        "compiler": version, "build_flags": build_flags,
        "workload": {
            "canonical": spec.canonical, "scale": run["scale"],
            "trees": spec.trees, "loops_per_tree": spec.loops_per_tree,
            "blocks": spec.big_graph_blocks,
            "small_graph_finds": spec.small_graph_finds,
            "big_graph_finds": spec.big_graph_finds,
        },
        "reuse_loop_graph": program.reuses_loop_graph,
        "loops": result.loops, "loops_total": result.loops_total,
        "small_graph_loops": result.small_graph_loops,
        "root_nesting_level": result.root_nesting_level,
        "loop_counts_right": not run["problems"],
        "loop_count_problems": run["problems"],
        "phases": phases,
        "wall_seconds": run["wall_seconds"],
        "peak_rss_kib": run["usage"].ru_maxrss,  # KiB on Linux
        # Not measured: see languages/python/language.json.
        "allocations": None,
    }


def report(program, run):
    """The report for people."""
    spec, result, usage = run["spec"], run["result"], run["usage"]
    _, version, path = interpreter()
    workload = ("canonical" if spec.canonical else f"scale {run['scale']:g}")
    lines = [f"{program.name}: {program.idea}",
             f"interpreter: {version} ({path})",
             f"workload: {workload}: {spec.big_graph_blocks} blocks; "
             f"{spec.small_graph_finds} small-graph findings; "
             f"1 + {spec.big_graph_finds} big-graph findings"]
    if program.reuses_loop_graph:
        lines.append("loop graph: one, cleared and refilled by every finding "
                     "but the first big-graph one")
    lines.append(f"# of loops: {result.loops} (total {result.loops_total})")
    if not run["problems"]:
        lines.append(f"loop counts: right (small graph "
                     f"{result.small_graph_loops}, loop depth "
                     f"{result.root_nesting_level})")
    lines += [f"loop counts: WRONG: {problem}" for problem in run["problems"]]
    lines += ["", "phase                      wall"]
    lines += [f"{title:<22} {seconds:>8.3f} s"
              for (_, title), seconds in zip(PHASES, result.seconds)]
    lines.append(f"{'total':<22} {run['wall_seconds']:>8.3f} s  user "
                 f"{usage.ru_utime:.2f} s, system {usage.ru_stime:.2f} s")
    lines.append(f"{'peak resident memory':<22} "
                 f"{usage.ru_maxrss / 1024:>8.1f} MiB")
    return "\n".join(lines) + "\n"


def find_loop_forest(program, cfg_file):
    """The canonical forest of a CFG file's graph, in dense block numbers."""
    cfg = program.new_cfg()
    cfg_file.replay_into(cfg)
    lsg = program.new_loop_graph()
    program.new_finder().find_loops(cfg, lsg)
    lsg.calculate_nesting_level()
    return loop_forest(lsg.to_loop_forest())


def _print(program, text):
    """Status 0 after `text` on standard output, or 1 when it cannot be
    written."""
    if sys.stdout is None:  # started with standard output closed
        _fail(program, "cannot write standard output: it is closed")
        return 1
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    except OSError as error:
        # Nothing more may reach it, not even at the interpreter's exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _fail(program, f"cannot write standard output: "
                       f"{error.strerror or error}")
        return 1


def _fail(program, message):
    print(f"{program.name}: {message}", file=sys.stderr)


def _read(program, path):
    """(the CfgFile, the name to print) of --cfg's file."""
    name = printable(path)
    if path == "-":
        name = "<stdin>"
        if sys.stdin is None:
            raise CfgError(f"cannot read {name}: standard input is closed")
        return read_cfg(sys.stdin.buffer, name), name
    try:
        stream = open(path, "rb")
    except OSError as error:
        raise CfgError(f"cannot open {name}: {error.strerror or error}") \
            from None
    with stream:
        return read_cfg(stream, name), name


def main(program, args=None):
    """All of a program's main: sys.exit(main(PROGRAM))."""
    try:
        options = parse_args(program, sys.argv[1:] if args is None else args)
    except UsageError as error:
        _fail(program, f"{error} (see --help)")
        return 2
    try:
        if options.cfg is not None:
            return _run_cfg(program, options)
        return _run_workload(program, options)
    except CfgError as error:
        _fail(program, str(error))
        return 2
    except TooDeep as error:
        _fail(program, str(error))
        return 3


def _run_cfg(program, options):
    cfg_file, name = _read(program, options.cfg)
    forest = on_deep_stack(program, cfg_file.num_blocks,
                           lambda: find_loop_forest(program, cfg_file), name)
    if options.json:
        text = json.dumps(cfg_file.forest_json(program.name, forest),
                          separators=(",", ":")) + "\n"
    else:
        text = cfg_file.forest_text(program.name, name, forest)
    return _print(program, text)


def _run_workload(program, options):
    scale = 1.0 if options.scale is None else options.scale
    spec = WorkloadSpec.scaled(scale)
    if options.iterations is not None:
        spec = spec.with_iterations(options.iterations)
    started = time.perf_counter()
    result = on_deep_stack(program, spec.big_graph_blocks,
                           lambda: run_workload(program, spec),
                           f"the workload's graph (scale {scale:g})")
    wall_seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    problems = check_loop_counts(spec, result)
    run = {"scale": scale, "spec": spec, "result": result,
           "problems": problems, "wall_seconds": wall_seconds,
           "usage": usage}
    for problem in problems:
        _fail(program, f"wrong loop count: {problem}")
    if options.json:
        text = json.dumps(record(program, run), separators=(",", ":")) + "\n"
    else:
        text = report(program, run)
    status = _print(program, text)
    return 1 if problems else status
