"""python-top: the C++ top rung's ideas in Python. Flat lists of ints, the
CFG in compressed sparse rows, one iterative depth-first search in which
each block is a candidate header the moment it is finished, union-find as
the loop body, Ramalingam's fix, the finder's lists kept from one finding to
the next and one loop graph refilled by every finding."""

import sys

from cfg import Cfg
from havlak import Program, driver
from loop_finder import LoopFinder
from loop_structure_graph import LoopStructureGraph

PROGRAM = Program(
    name="python-top",
    idea="the C++ top rung's one-pass search in Python: flat lists of ints, "
         "kept from one finding to the next",
    new_cfg=Cfg,
    new_loop_graph=LoopStructureGraph,
    new_finder=LoopFinder,
    # find_loops clears the graph it is given, so one can serve every call.
    reuses_loop_graph=True,
)

if __name__ == "__main__":
    sys.exit(driver.main(PROGRAM))
