"""The loop structure graph in flat lists. Loop i (0 is the artificial root)
has its header, parent and reducibility at index i of three lists, and one
list maps each block to its innermost loop, which also says what each
loop's own blocks are. Depths and nesting levels get lists of their own when
they are computed, in one pass over the parents, because a loop is always
created after the loops inside it."""

from havlak.forest import ForestLoop

ROOT = 0
NO_LOOP = -1


class LoopStructureGraph:
    def __init__(self):
        self.header = []         # block numbers; the root's is NO_LOOP
        self.parent = []
        self.reducible = []
        self.depth = []
        self.nesting_level = []
        self.block_loop = []     # each block's innermost loop, or NO_LOOP
        self.clear(0)

    def clear(self, num_blocks):
        """Forgets every loop but the root and makes the block map cover
        `num_blocks` blocks, none in a loop."""
        self.header[:] = (NO_LOOP,)
        self.parent[:] = (NO_LOOP,)
        self.reducible[:] = (True,)
        del self.depth[:], self.nesting_level[:]
        # A fresh list: both interpreters fill one faster than they refill
        # an old one in place (slice assignment copies the old items aside).
        self.block_loop = [NO_LOOP] * num_blocks

    def create_new_loop(self, header, reducible):
        """A new loop headed by `header`, which joins it. Returns its
        index."""
        loop = len(self.header)
        self.header.append(header)
        self.parent.append(NO_LOOP)
        self.reducible.append(reducible)
        self.block_loop[header] = loop
        return loop

    def calculate_nesting_level(self):
        """Links outermost loops to the root, then sets every loop's depth
        and nesting level. O(loops)."""
        parent = self.parent
        count = len(parent)
        for loop in range(1, count):
            if parent[loop] == NO_LOOP:
                parent[loop] = ROOT
        # Children come before their parent, so each nesting level is final
        # before it is passed up.
        nesting_level = self.nesting_level
        nesting_level[:] = [0] * count
        for loop in range(1, count):
            up = parent[loop]
            if nesting_level[up] <= nesting_level[loop]:
                nesting_level[up] = nesting_level[loop] + 1
        # Parents come after their children: depths from the end.
        depth = self.depth
        depth[:] = [0] * count
        for loop in range(count - 1, 0, -1):
            depth[loop] = depth[parent[loop]] + 1

    def num_loops(self):
        return len(self.header)

    def root_nesting_level(self):
        return self.nesting_level[ROOT] if self.nesting_level else 0

    def to_loop_forest(self):
        """Requires calculate_nesting_level()."""
        blocks = [[] for _ in self.header]
        for block, loop in enumerate(self.block_loop):
            if loop != NO_LOOP:
                blocks[loop].append(block)
        header, parent = self.header, self.parent
        return [ForestLoop(
            header=header[loop], blocks=blocks[loop],
            reducible=self.reducible[loop],
            parent=None if parent[loop] in (ROOT, NO_LOOP)
            else header[parent[loop]],
            depth=self.depth[loop],
            nesting_level=self.nesting_level[loop])
            for loop in range(1, len(header))]

