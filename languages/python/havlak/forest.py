"""The canonical loop forest, which compares equal between two programs
exactly when they found the same loops."""

from typing import List, NamedTuple, Optional


class ForestLoop(NamedTuple):
    header: int
    # The loop's own blocks: its header, and every block whose innermost
    # loop it is.
    blocks: List[int]
    reducible: bool
    # The header of the enclosing loop; None for an outermost loop.
    parent: Optional[int]
    depth: int          # 1 for outermost loops
    nesting_level: int  # 0 for innermost loops


def loop_forest(loops):
    """The loops (the root not among them) in canonical order: by header,
    each one's blocks ascending."""
    return sorted((loop._replace(blocks=sorted(loop.blocks))
                   for loop in loops), key=lambda loop: loop.header)
