"""Hundt's loop structure graph: every loop an object holding a set of its
blocks and a set of its child loops, under an artificial root.

  loop        nesting level   depth
  root        2               0
    loop-1    1               1
      loop-2  0               2
    loop-3    0               1
"""

from havlak.forest import ForestLoop


class SimpleLoop:
    def __init__(self, counter):
        self.basic_blocks = set()
        self.children = set()
        self.parent = None
        self.header = None
        self.is_root = False
        self.is_reducible = True
        self.counter = counter
        self.nesting_level = 0
        self.depth_level = 0

    def add_node(self, block):
        self.basic_blocks.add(block)

    def add_child_loop(self, loop):
        self.children.add(loop)

    def set_parent(self, parent):
        self.parent = parent
        parent.add_child_loop(self)

    def set_header(self, block):
        self.basic_blocks.add(block)
        self.header = block


class LoopStructureGraph:
    def __init__(self):
        self.loops = []
        self.root = self.create_new_loop()
        self.root.is_root = True

    def create_new_loop(self):
        """A new loop, counted in num_loops()."""
        loop = SimpleLoop(len(self.loops))
        self.loops.append(loop)
        return loop

    def calculate_nesting_level(self):
        """Links outermost loops to the root, then sets depths and nesting
        levels."""
        for loop in self.loops:
            if not loop.is_root and loop.parent is None:
                loop.set_parent(self.root)
        self.calculate_nesting_level_rec(self.root, 0)

    def calculate_nesting_level_rec(self, loop, depth):
        """Recursive, one call per level of the nest."""
        loop.depth_level = depth
        for child in loop.children:
            self.calculate_nesting_level_rec(child, depth + 1)
            loop.nesting_level = max(loop.nesting_level,
                                     1 + child.nesting_level)

    def num_loops(self):
        return len(self.loops)

    def root_nesting_level(self):
        return self.root.nesting_level

    def to_loop_forest(self):
        """Requires calculate_nesting_level()."""
        return [ForestLoop(
            header=loop.header.name,
            blocks=[block.name for block in loop.basic_blocks],
            reducible=loop.is_reducible,
            parent=(None if loop.parent is self.root
                    else loop.parent.header.name),
            depth=loop.depth_level,
            nesting_level=loop.nesting_level) for loop in self.loops[1:]]
