"""The control-flow graph in flat lists of ints: every block's successors are
one range of a single list, and so are its predecessors (compressed sparse
rows). add_edge records an edge; finish() lays the recorded edges out in the
rows, keeping each block's edges in the order they were added (the search
follows that order)."""

from itertools import accumulate


def _append_rows(begin, neighbours, num_blocks, blocks, added):
    """Rows with `added[i]` appended to block `blocks[i]`'s row, in order,
    after the row's old neighbours: the new (begin, neighbours), where block
    b's neighbours are neighbours[begin[b]:begin[b + 1]]. O(N + E)."""
    old_blocks = len(begin) - 1
    counts = [0] * (num_blocks + 1)
    for block in range(old_blocks):
        counts[block + 1] = begin[block + 1] - begin[block]
    for block in blocks:
        counts[block + 1] += 1
    new_begin = list(accumulate(counts))
    new_neighbours = [0] * new_begin[num_blocks]
    fill = new_begin[:num_blocks]
    for block in range(old_blocks):
        row_begin, row_end = begin[block], begin[block + 1]
        if row_end > row_begin:
            at = fill[block]
            new_neighbours[at:at + row_end - row_begin] = \
                neighbours[row_begin:row_end]
            fill[block] = at + row_end - row_begin
    for block, neighbour in zip(blocks, added):
        new_neighbours[fill[block]] = neighbour
        fill[block] += 1
    return new_begin, new_neighbours


class Cfg:
    def __init__(self):
        self.num_blocks = 0
        self.start = -1  # none yet
        # Block b's successors are successors[successor_begin[b]:
        # successor_begin[b + 1]]; its predecessors likewise.
        self.successor_begin = [0]
        self.successors = []
        self.predecessor_begin = [0]
        self.predecessors = []
        self._added_sources = []  # since the last finish()
        self._added_targets = []

    def create_node(self, name):
        """The first block created is the start block."""
        if name >= self.num_blocks:
            self.num_blocks = name + 1
        if self.start < 0:
            self.start = name

    def add_edge(self, source, target):
        """Creates both ends if they are new."""
        self.create_node(source)
        self.create_node(target)
        self._added_sources.append(source)
        self._added_targets.append(target)

    def finish(self):
        """Lays out the edges added since the last call. O(N + E)."""
        if (not self._added_sources
                and len(self.successor_begin) == self.num_blocks + 1):
            return
        sources, targets = self._added_sources, self._added_targets
        self.successor_begin, self.successors = _append_rows(
            self.successor_begin, self.successors, self.num_blocks,
            sources, targets)
        self.predecessor_begin, self.predecessors = _append_rows(
            self.predecessor_begin, self.predecessors, self.num_blocks,
            targets, sources)
        self._added_sources = []
        self._added_targets = []
