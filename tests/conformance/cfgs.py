"""The graphs every program is checked on, as CFG files (docs/cfg-files.md):
random CFGs and batches of them, hand-made graphs whose block names give
the answer away, the deep chain and the deep nest, and files that are not
CFGs or are CFGs on the edge of the format."""

import random

MAX_ID = 4294967295


class RandomCfg:
    """A random CFG as the C++ property tests draw them (tests/random_cfg.h):
    structured code (sequences, branches, nested loops), jumps into loops,
    unstructured graphs, unreachable parts, self loops and repeated edges,
    with sparse, shuffled block ids."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.seed = seed
        self.blocks = 0
        self.edges = []
        self.limit = 1 + self.random.randrange(
            self.random.choice((1, 2, 5, 10, 30, 100, 300, 2000)))
        self.text = self._generate()

    def _block(self):
        self.blocks += 1
        return self.blocks - 1

    def _region(self, entry, depth):
        """Structured code entered at `entry`; returns its exit."""
        r = self.random
        if self.blocks >= self.limit or depth > 8:
            block = self._block()
            self.edges.append((entry, block))
            return block
        kind = r.randrange(6)
        if kind < 2:   # a sequence
            return self._region(self._region(entry, depth + 1), depth + 1)
        if kind == 2:  # if-then-else
            then_exit = self._region(entry, depth + 1)
            else_exit = self._region(entry, depth + 1)
            join = self._block()
            self.edges += [(then_exit, join), (else_exit, join)]
            return join
        if kind < 5:   # a loop: header, body, latch back to the header
            header = self._block()
            self.edges.append((entry, header))
            latch = self._region(header, depth + 1)
            self.edges.append((latch, header))
            if r.randrange(4) == 0:   # a second back edge, or a break
                self.edges.append(
                    (header + r.randrange(self.blocks - header), header))
            exit_block = self._block()
            self.edges.append((latch, exit_block))
            return exit_block
        block = self._block()   # a self loop
        self.edges += [(entry, block), (block, block)]
        return block

    def _generate(self):
        r = self.random
        start = self._block()
        kind = r.randrange(4)
        if kind == 0:   # unstructured: random edges
            while self.blocks < self.limit:
                self._block()
            for _ in range(self.blocks + r.randrange(2 * self.blocks + 1)):
                self.edges.append((r.randrange(self.blocks),
                                   r.randrange(self.blocks)))
        else:
            exit_block = start
            while self.blocks < self.limit:
                exit_block = self._region(exit_block, 0)
        if kind >= 2 and self.blocks > 1:   # jumps, into loops or anywhere
            for _ in range(r.randrange(1 + self.blocks // 10) + 1):
                self.edges.append((r.randrange(self.blocks),
                                   r.randrange(self.blocks)))
        if r.randrange(3) == 0:   # an unreachable part, with edges in
            entry = self._block()
            exit_block = self._region(entry, 4)
            self.edges.append((exit_block, entry))
            if self.blocks > 2:
                self.edges.append((exit_block, r.randrange(entry)))
        if r.randrange(3) == 0 and self.edges:   # repeats and self loops
            for _ in range(r.randrange(5) + 1):
                self.edges.append(r.choice(self.edges))
                block = r.randrange(self.blocks)
                self.edges.append((block, block))
        for _ in range(r.randrange(3)):   # blocks without edges
            self._block()
        ids = list(range(self.blocks))
        r.shuffle(ids)
        spread = r.randrange(3)   # dense, spread, or near 2^32
        if spread == 1:
            ids = [i * 7919 + 13 for i in ids]
        elif spread == 2:
            ids = [MAX_ID - i * 3 for i in ids]
        lines = [f"# random CFG, seed {self.seed}", f"start {ids[start]}"]
        named = set()
        for source, target in self.edges:
            lines.append(f"{ids[source]} {ids[target]}")
            named.update((source, target))
        lines += [f"block {ids[b]}" for b in range(self.blocks)
                  if b not in named]
        return "\n".join(lines) + "\n"


def parse(text):
    """A CFG file of the simple form these graphs use: (start, edges, lone
    blocks), ids as ints."""
    start, edges, lone = None, [], []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if fields[0] == "start":
            start = int(fields[1])
        elif fields[0] == "block":
            lone.append(int(fields[1]))
        else:
            edges.append((int(fields[0]), int(fields[1])))
    return start, edges, lone


def batch(texts, at_top=False):
    """Many CFGs in one file, so that a program whose start is costly (a
    JVM's) is checked on a thousand CFGs in a few dozen runs. Returns
    (text, offsets): each CFG's ids move by its offset.

    A fresh start block S has an edge to each component's start, in
    component order and before any other edge; the components' ids are
    disjoint. No edge joins two components and none enters S, so the
    depth-first search from S enters each component only through its
    start, after the previous one is finished, and sees inside it the same
    blocks, edges and successor order as a search of the component alone:
    the same loops, bodies, reducibility and nesting. S heads no loop and is
    in none, so the batch's forest is the union of the components' forests,
    ids moved (test_batching checks this against the C++ top rung)."""
    parsed = [parse(text) for text in texts]
    ranges = []
    for start, edges, lone in parsed:
        ids = [start, *lone, *(b for edge in edges for b in edge)]
        ranges.append((min(ids), max(ids)))
    span = sum(high - low + 1 for low, high in ranges)
    if span > MAX_ID:
        raise ValueError(f"the CFGs' ids span {span}, past 32 bits")
    following = MAX_ID + 1 - span if at_top else 1
    first = following - 1 if at_top else 0
    head = [f"# a batch of {len(texts)} CFGs from a fresh start block",
            f"start {first}"]
    body, tail, offsets = [], [], []
    for (start, edges, lone), (low, high) in zip(parsed, ranges):
        offset = following - low
        offsets.append(offset)
        head.append(f"{first} {start + offset}")
        body += [f"{a + offset} {b + offset}" for a, b in edges]
        tail += [f"block {b + offset}" for b in lone]
        following += high - low + 1
    return "\n".join(head + body + tail) + "\n", offsets


def named_graph(edges, lone=()):
    """A hand-made graph from named blocks: (CFG text, {name: id}); ids
    10, 21, 32, ... in order of first mention, the first edge's source (or
    the first lone block) the start."""
    ids = {}
    for name in [name for edge in edges for name in edge] + list(lone):
        ids.setdefault(name, 10 + 11 * len(ids))
    start = edges[0][0] if edges else lone[0]
    lines = [f"start {ids[start]}"] + [f"{ids[a]} {ids[b]}" for a, b in edges]
    lines += [f"block {ids[name]}" for name in lone]
    return "\n".join(lines) + "\n", ids


# Each hand-made graph: its edges, its lone blocks and its loops, written
# "header: depth nesting_level reducible|irreducible parent|none blocks...".
HAND_MADE = {
    "single block": ([], ["entry"], []),
    "self loop": ([("entry", "loop"), ("loop", "loop"), ("loop", "exit")],
                  [], ["loop: 1 0 reducible none loop"]),
    "self loop on the start block": ([("loop", "loop")], [],
                                     ["loop: 1 0 reducible none loop"]),
    "two nested loops": (
        [("entry", "outer"), ("outer", "inner"), ("inner", "inner.latch"),
         ("inner.latch", "inner"), ("inner.latch", "outer.latch"),
         ("outer.latch", "outer"), ("outer.latch", "exit")], [],
        ["outer: 1 1 reducible none outer outer.latch",
         "inner: 2 0 reducible outer inner inner.latch"]),
    "one header with two back edges": (
        [("entry", "loop"), ("loop", "loop.left"), ("loop", "loop.right"),
         ("loop.left", "loop"), ("loop.right", "loop"),
         ("loop.right", "exit")], [],
        ["loop: 1 0 reducible none loop loop.left loop.right"]),
    "irreducible loop with two entries": (
        [("entry", "a"), ("entry", "b"), ("a", "b"), ("b", "a"),
         ("b", "exit")], [], ["a: 1 0 irreducible none a b"]),
    "irreducible loop inside a reducible loop": (
        [("entry", "outer"), ("outer", "inner.a"), ("outer", "inner.b"),
         ("inner.a", "inner.b"), ("inner.b", "inner.a"),
         ("inner.b", "outer.latch"), ("outer.latch", "outer"),
         ("outer.latch", "exit")], [],
        ["outer: 1 1 reducible none outer outer.latch",
         "inner.a: 2 0 irreducible outer inner.a inner.b"]),
    "unreachable blocks are ignored": (
        [("entry", "loop"), ("loop", "loop.latch"), ("loop.latch", "loop"),
         ("dead", "dead.loop"), ("dead.loop", "dead"),
         ("dead", "loop.latch")], ["dead.alone"],
        ["loop: 1 0 reducible none loop loop.latch"]),
    "repeated edges count once": (
        [("entry", "loop"), ("entry", "loop"), ("loop", "loop.latch"),
         ("loop", "loop.latch"), ("loop.latch", "loop"),
         ("loop.latch", "loop"), ("loop", "loop")], [],
        ["loop: 1 0 reducible none loop loop.latch"]),
    "sibling loops inside a loop": (
        [("entry", "outer"), ("outer", "first"), ("first", "first"),
         ("first", "second"), ("second", "second.latch"),
         ("second.latch", "second"), ("second.latch", "outer")], [],
        ["outer: 1 1 reducible none outer",
         "first: 2 0 reducible outer first",
         "second: 2 0 reducible outer second second.latch"]),
}


def expected_forest(loops, ids):
    """HAND_MADE's loop lines as a canonical forest (see forest())."""
    forest = []
    for line in loops:
        header, rest = line.split(": ")
        depth, nesting, kind, parent, *blocks = rest.split()
        forest.append({"header": ids[header],
                       "blocks": sorted(ids[b] for b in blocks),
                       "reducible": kind == "reducible",
                       "parent": None if parent == "none" else ids[parent],
                       "depth": int(depth), "nesting_level": int(nesting)})
    return sorted(forest, key=lambda loop: loop["header"])


def chain(blocks, back_to_start=False):
    """A chain 0 -> 1 -> ... -> blocks-1 that ends in a self loop, or in an
    edge back to the start (one loop of every block)."""
    last = blocks - 1
    # Each id written once and paired with the next: a third faster than a
    # format per line, for the 5,000,000-block chain every program reads.
    ids = list(map(str, range(blocks)))
    body = "\n".join(map(" ".join, zip(ids, ids[1:])))
    return (f"start 0\n{body}{chr(10) if body else ''}"
            f"{last} {0 if back_to_start else last}\n")


def chain_forest(blocks):
    """chain(blocks)'s loops, known by construction: the self loop at its
    end, alone."""
    last = blocks - 1
    return [{"header": last, "blocks": [last], "reducible": True,
             "parent": None, "depth": 1, "nesting_level": 0}]


def nest(depth):
    """`depth` loops, each inside the one before: headers 0..depth-1,
    latches depth..2*depth-1, and an exit 2*depth."""
    lines = ["start 0"] + [f"{i} {i + 1}" for i in range(depth - 1)]
    lines.append(f"{depth - 1} {2 * depth - 1}")
    for i in range(depth - 1, 0, -1):
        lines += [f"{depth + i} {i}", f"{depth + i} {depth + i - 1}"]
    lines += [f"{depth} 0", f"{depth} {2 * depth}"]
    return "\n".join(lines) + "\n"


def nest_forest(depth):
    """nest(depth)'s loops, known by construction: loop i holds header i
    and latch depth+i, inside loop i-1."""
    return [{"header": i, "blocks": [i, depth + i], "reducible": True,
             "parent": None if i == 0 else i - 1, "depth": i + 1,
             "nesting_level": depth - 1 - i} for i in range(depth)]


# Files that are not CFGs: exit 2, nothing on stdout, one line on stderr.
BAD_INPUTS = {
    "empty": b"",
    "only comments": b"# nothing\n\n   # here\n",
    "not two ids": b"start 1\n1 2\n3\n",
    "three fields": b"start 1\n1 2 3\n",
    "not numeric": b"start 1\n1 two\n",
    "negative": b"start 1\n-1 2\n",
    "past 32 bits": b"start 1\n1 4294967296\n",
    "long token": b"start 1\n1 " + b"x" * 60 + b"\n",
    "missing start": b"1 2\n",
    "start alone": b"start\n1 2\n",
    "start not an id": b"start one\n1 2\n",
    "block not an id": b"start 1\n1 2\nblock x\n",
    "unknown start": b"start 9\n1 2\n",
    "second start": b"start 1\n1 2\nstart 2\n",
    "binary garbage": b"\x7fELF\x02\x01\x01\x00\x00\x00",
    "nul byte": b"start 1\n1 2\x00\n",
    "high bytes in an id": b"start 1\n1 2\xc3\xa9\n",
    "megabyte line": b"start 1\n1 2\n" + b"1" * (1 << 20) + b"\n",
}

# Files that are CFGs, on the edge of the format: the reference's loops.
ODD_INPUTS = {
    "no final newline": b"start 1\n1 2\n2 1",
    "CRLF line endings": b"start 1\r\n1 2\r\n2 1\r\n",
    "tabs and spaces": b"\t start\t1 \n 1\t2\n2 1   \n",
    "comments everywhere": b"# a\nstart 1 # the start\n1 2#x\n2 1\n",
    "leading zeros": b"start 007\n7 0008\n08 7\n",
    "largest id": b"start 4294967295\n4294967295 4294967295\n",
    "start named by a block": b"block 5\nstart 5\n",
    "start after its edges": b"1 2\n2 1\nstart 2\n",
    "line of 4096 bytes": b"start 1\n1 2\n" + b" " * 4093 + b"1 2\n",
}

# Command lines that are wrong whatever the program: exit 2, nothing on
# stdout, one line on stderr.
BAD_COMMAND_LINES = (
    ["--scale=abc"], ["--scale=0"], ["--scale=-1"], ["--scale=nan"],
    ["--scale=inf"], ["--scale="], ["--bogus"], ["stray"], ["--cfg"],
    ["--cfg="],
)
