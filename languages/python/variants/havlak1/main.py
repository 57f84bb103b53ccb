"""python-havlak1: our C++ havlak1 (Hundt's map-heavy design) as a Python
programmer writes it: block, edge and loop objects, dicts and sets of them,
a recursive depth-first search. README.md says how it maps onto the C++."""

import sys

from cfg import CFG
from havlak import Program, driver
from loop_finder import LoopFinder
from loop_structure_graph import LoopStructureGraph

PROGRAM = Program(
    name="python-havlak1",
    idea="Hundt's map-heavy design as Python writes it: block and loop "
         "objects in dicts and sets, a recursive search",
    new_cfg=CFG,
    new_loop_graph=LoopStructureGraph,
    new_finder=LoopFinder,
    # The depth-first search recurses, one call deeper per block of a
    # chain, and so do the nesting levels, per loop of a nest.
    recursive=True,
)

if __name__ == "__main__":
    sys.exit(driver.main(PROGRAM))
