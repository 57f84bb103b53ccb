"""Hundt's control-flow graph: a dict from block number to a block object
holding lists of its predecessor and successor blocks, and every edge kept
as an object in a list."""


class BasicBlock:
    def __init__(self, name):
        self.name = name
        self.in_edges = []
        self.out_edges = []

    def __repr__(self):
        return f"BasicBlock({self.name})"


class BasicBlockEdge:
    """An edge, which links its two blocks as it is made."""

    def __init__(self, cfg, from_name, to_name):
        self.from_block = cfg.create_node(from_name)
        self.to_block = cfg.create_node(to_name)
        self.from_block.out_edges.append(self.to_block)
        self.to_block.in_edges.append(self.from_block)


class CFG:
    def __init__(self):
        self.blocks = {}  # name -> BasicBlock
        # Hundt's CFG keeps every edge object although no one reads them
        # back: their cost is part of the bottom program's memory.
        self.edges = []
        self.start = None

    def create_node(self, name):
        """The block called `name`, created if new; the first block
        created is the start block."""
        block = self.blocks.get(name)
        if block is None:
            block = self.blocks[name] = BasicBlock(name)
            if self.start is None:
                self.start = block
        return block

    def add_edge(self, from_name, to_name):
        """Creates both ends if they are new."""
        self.edges.append(BasicBlockEdge(self, from_name, to_name))

    def finish(self):
        """Nothing to lay out: the blocks link each other as edges come."""

    def num_nodes(self):
        return len(self.blocks)
