"""What the two Python Havlak programs share: Hundt's workload and its timed
phases (workload), CFG files (cfg_file), the canonical loop forest
(forest) and the main program with its command line, report and JSON record
(driver). A program brings its CFG, loop finder and loop structure graph as
a Program, and its main.py is

    import sys
    from havlak import Program, driver

    PROGRAM = Program(name="python-mine", idea="...", new_cfg=Cfg,
                      new_loop_graph=LoopStructureGraph, new_finder=LoopFinder)

    if __name__ == "__main__":
        sys.exit(driver.main(PROGRAM))

What the three must answer (duck-typed, as Python does):

    cfg = new_cfg()            cfg.create_node(block), cfg.add_edge(a, b),
                               cfg.finish(): blocks are ints 0..N-1; adding an
                               edge creates both ends; the first block ever
                               created is the start; finish() lays out the
                               edges added so far, and comes before a search
    lsg = new_loop_graph()     lsg.calculate_nesting_level(),
                               lsg.num_loops() (counting the root),
                               lsg.root_nesting_level(), lsg.to_loop_forest()
    finder = new_finder()      finder.find_loops(cfg, lsg): fills lsg with the
                               loops of cfg, returns lsg.num_loops()

A thin harness: what the C++ harness and the runner already do once
(--dump-cfg, profilers, output files, signals) is not repeated here;
tests/conformance is its contract.
"""

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Program:
    name: str
    idea: str
    new_cfg: Callable[[], Any]
    new_loop_graph: Callable[[], Any]
    new_finder: Callable[[], Any]
    # find_loops clears the graph it is given, so one can serve every call.
    reuses_loop_graph: bool = False
    # The search or the loop graph recurses (one call per block of a chain,
    # or per loop of a nest): run on a thread with a deep stack.
    recursive: bool = False
