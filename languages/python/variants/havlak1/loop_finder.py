"""Havlak's loop recognition ("Nesting of reducible and irreducible loops",
TOPLAS 1997) in Hundt's design: dicts, sets and lists of the standard
library, built afresh on every call, objects pointing at objects, and a
recursive depth-first search."""

import enum
from collections import deque

UNVISITED = -1


class BlockType(enum.Enum):
    NONHEADER = 1    # a plain block
    REDUCIBLE = 2    # header of a reducible loop
    SELF = 3         # header of a one-block loop
    IRREDUCIBLE = 4  # header of an irreducible loop
    DEAD = 5         # not reachable from the start


class UnionFindNode:
    """Union-find after Tarjan (1983): each node points towards the header
    of the outermost loop found so far that contains it."""

    def __init__(self):
        self.parent = self
        self.block = None  # None: not reached by the search
        self.loop = None   # the loop this node heads, if any
        self.dfs_number = 0

    def init(self, block, dfs_number):
        self.parent = self
        self.block = block
        self.dfs_number = dfs_number
        self.loop = None

    def find_set(self):
        """The set's representative, with path compression: every node
        passed on the way is pointed straight at it."""
        path = []
        node = self
        while node is not node.parent:
            if node.parent is not node.parent.parent:
                path.append(node)
            node = node.parent
        for on_path in path:
            on_path.parent = node
        return node

    def union(self, other):
        self.parent = other


class HavlakLoopFinder:
    """One call's worth of bookkeeping, named as in Havlak's paper. Blocks
    are identified by preorder number from step b on."""

    def __init__(self, cfg, lsg):
        self.cfg = cfg
        self.lsg = lsg
        self.number = {}  # BasicBlock -> preorder number
        self.nodes = []   # UnionFindNode by preorder number
        self.last = []    # the last preorder number in each subtree

    def is_ancestor(self, w, v):
        """With preorder numbers, w is an ancestor of v in the search's
        spanning tree iff v lies in w's subtree range [w, last[w]]."""
        return w <= v <= self.last[w]

    def dfs(self, current_node, current):
        """Numbers the blocks reachable from `current_node` in preorder,
        starting with `current`; returns the last number used. One call
        deeper per block."""
        self.nodes[current].init(current_node, current)
        self.number[current_node] = current
        last_id = current
        for target in current_node.out_edges:
            if self.number[target] == UNVISITED:
                last_id = self.dfs(target, last_id + 1)
        self.last[current] = last_id
        return last_id

    def find_loops(self):
        if self.cfg.start is None:
            return self.lsg.num_loops()
        size = self.cfg.num_nodes()
        non_back_preds = [set() for _ in range(size)]
        back_preds = [[] for _ in range(size)]
        header = [0] * size
        types = [BlockType.NONHEADER] * size
        self.last = [0] * size
        self.nodes = [UnionFindNode() for _ in range(size)]
        nodes = self.nodes

        # Step a: number the blocks in preorder; unreached blocks keep
        # UNVISITED.
        for block in self.cfg.blocks.values():
            self.number[block] = UNVISITED
        self.dfs(self.cfg.start, 0)

        # Step b: split each reached block's incoming edges into back edges
        # (from a descendant, following Tarjan) and the rest.
        for w in range(size):
            header[w] = 0
            types[w] = BlockType.NONHEADER
            node_w = nodes[w].block
            if node_w is None:
                types[w] = BlockType.DEAD
                continue
            for node_v in node_w.in_edges:
                v = self.number[node_v]
                if v == UNVISITED:
                    continue  # an edge from a dead block
                if self.is_ancestor(w, v):
                    back_preds[w].append(v)
                else:
                    non_back_preds[w].add(v)
        header[0] = 0  # the start block is the root of all other loops

        # Step c: visit the blocks in reverse preorder, so inner loop headers
        # come before the headers of loops around them. For a header w,
        # chase backwards from the sources of its back edges, collecting the
        # loop body P (node_pool). Every candidate is looked for in P
        # linearly, so a body of p blocks costs O(p^2) here.
        for w in range(size - 1, -1, -1):
            node_w = nodes[w].block
            if node_w is None:
                continue

            # Step d: P starts as the loops (or blocks) the back edges come
            # from.
            node_pool = []
            for v in back_preds[w]:
                if v != w:
                    node_pool.append(nodes[v].find_set())
                else:
                    types[w] = BlockType.SELF
            work_list = deque(node_pool)
            if node_pool:
                types[w] = BlockType.REDUCIBLE

            while work_list:
                x = work_list.popleft()
                # Step e, Havlak's change to Tarjan: a predecessor outside
                # w's subtree is a second entry into the loop, which makes
                # it irreducible; it is remembered as an entry to w itself.
                # (x is never w: w joins no set before its own loop.)
                for y in non_back_preds[x.dfs_number]:
                    ydash = nodes[y].find_set()
                    if not self.is_ancestor(w, ydash.dfs_number):
                        types[w] = BlockType.IRREDUCIBLE
                        non_back_preds[w].add(ydash.dfs_number)
                    elif ydash.dfs_number != w and ydash not in node_pool:
                        work_list.append(ydash)
                        node_pool.append(ydash)

            # Collapse the loop body into w and record the loop. Nested
            # loops join as children, other blocks as the loop's own.
            if node_pool or types[w] == BlockType.SELF:
                loop = self.lsg.create_new_loop()
                loop.set_header(node_w)
                loop.is_reducible = types[w] != BlockType.IRREDUCIBLE
                nodes[w].loop = loop
                for node in node_pool:
                    header[node.dfs_number] = w
                    node.union(nodes[w])
                    if node.loop is not None:
                        node.loop.set_parent(loop)
                    else:
                        loop.add_node(node.block)
        return self.lsg.num_loops()


class LoopFinder:
    """Hundt's entry point: a new HavlakLoopFinder, dicts and all, every
    call."""

    def find_loops(self, cfg, lsg):
        """Fills `lsg` with the loops of `cfg`; returns its number of loops,
        counting the artificial root."""
        return HavlakLoopFinder(cfg, lsg).find_loops()
