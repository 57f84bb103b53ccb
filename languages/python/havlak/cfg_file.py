"""CFG files (docs/cfg-files.md): `start ID` once, one edge `FROM TO` a line,
`block ID` for a block without edges, `#` comments, ids from 0 to
4294967295, lines of at most 4096 bytes. The reader numbers the blocks
densely, the start first and the others in the order the file names them,
and keeps their ids to print the loops with.

It streams: the file is read in chunks and each line checked as soon as it
is complete, so a stream that is not a CFG (/dev/zero) fails within its
first chunk, and memory follows the graph, not the file."""

from array import array

MAX_LINE_BYTES = 4096
MAX_ID = 4294967295
CHUNK_BYTES = 1 << 16
BOM = b"\xef\xbb\xbf"


class CfgError(Exception):
    """A file that is not a CFG, or cannot be read: one line."""


def printable(name):
    """`name` with control characters escaped (and bytes that were not
    UTF-8 shown as \\xNN), so that it cannot add lines to a message."""
    out = []
    for char in name:
        code = ord(char)
        if code < 0x20 or 0x7f <= code < 0xa0:
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
                char, f"\\x{code:02x}"))
        elif 0xdc80 <= code <= 0xdcff:  # surrogateescape's undecodable byte
            out.append(f"\\x{code - 0xdc00:02x}")
        else:
            out.append(char)
    return "".join(out)


class CfgFile:
    """A CFG as read: `ids[b]` is the file's id of block b (block 0 is the
    start), and edge i runs from sources[i] to targets[i], in the file's
    order (a block's successors are searched in this order)."""

    def __init__(self, ids, sources, targets):
        self.ids = ids
        self.sources = sources
        self.targets = targets

    @property
    def num_blocks(self):
        return len(self.ids)

    @property
    def num_edges(self):
        return len(self.sources)

    def replay_into(self, cfg):
        """Builds a program's CFG: the start first, then every other block,
        then the edges in order."""
        create_node = cfg.create_node
        for block in range(len(self.ids)):
            create_node(block)
        add_edge = cfg.add_edge
        for source, target in zip(self.sources, self.targets):
            add_edge(source, target)
        cfg.finish()

    def forest_text(self, program, name, forest):
        """The forest as --cfg prints it: a line naming the input, then
        "loop 5: depth 2, nesting 0, reducible, parent 1, blocks 5 6 7" a
        loop."""
        ids = self.ids
        plural = "" if len(forest) == 1 else "s"
        lines = [f"# {program}: {len(forest)} loop{plural} in {name} "
                 f"({self.num_blocks} blocks, {self.num_edges} edges), "
                 f"plus the artificial root"]
        for loop in forest:
            parent = "none" if loop.parent is None else ids[loop.parent]
            kind = "reducible" if loop.reducible else "irreducible"
            blocks = " ".join(str(ids[block]) for block in loop.blocks)
            lines.append(f"loop {ids[loop.header]}: depth {loop.depth}, "
                         f"nesting {loop.nesting_level}, {kind}, "
                         f"parent {parent}, blocks {blocks}")
        return "\n".join(lines) + "\n"

    def forest_json(self, program, forest):
        """The forest as one JSON-ready dict, in the file's ids; "loops" as
        tests/conformance reads it."""
        ids = self.ids
        loops = [{"header": ids[loop.header],
                  "blocks": [ids[block] for block in loop.blocks],
                  "reducible": loop.reducible,
                  "parent": None if loop.parent is None else ids[loop.parent],
                  "depth": loop.depth,
                  "nesting_level": loop.nesting_level} for loop in forest]
        return {"rung": program, "blocks": self.num_blocks,
                "edges": self.num_edges, "loops": loops}


def _block_id(field):
    """The id a field names; ValueError with the message otherwise."""
    if field.isdigit():  # ASCII digits only, for bytes
        value = int(field)
        if value <= MAX_ID:
            return value
    shown = field[:40].decode("utf-8", "replace")
    raise ValueError(f"{shown!r} is not a block id (a whole number from 0 to "
                     f"{MAX_ID})")


def _chunks(stream, name):
    """The stream's bytes in chunks, a UTF-8 byte-order mark at its start
    dropped."""
    first = True
    while True:
        try:
            chunk = stream.read(CHUNK_BYTES)
        except OSError as error:
            raise CfgError(f"cannot read {name}: {error.strerror or error}") \
                from None
        if not chunk:
            return
        if first:
            first = False
            if chunk.startswith(BOM):
                chunk = chunk[len(BOM):]
        yield chunk


def _check_line(name, number, line):
    """Refuses a line with a NUL byte in its first 4097 bytes, or longer
    than 4096 bytes."""
    if b"\0" in line[:MAX_LINE_BYTES + 1]:
        raise CfgError(f"{name}:{number}: byte 0x00: this is not a text CFG")
    if len(line) > MAX_LINE_BYTES:
        raise CfgError(f"{name}:{number}: a line longer than "
                       f"{MAX_LINE_BYTES} bytes")


def _line_batches(stream, name):
    """(the number of the first line, lines): the stream's lines in order,
    without their newlines, a chunk's worth at a time, each checked
    (_check_line) before it is handed out, and the line a chunk ends
    inside as soon as it is too long to be one."""
    number = 0  # lines handed out
    pending = b""  # the start of a line the next chunk goes on with
    for chunk in _chunks(stream, name):
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        if b"\0" in chunk or max(map(len, lines), default=0) > MAX_LINE_BYTES:
            for at, line in enumerate(lines):
                if b"\0" in line or len(line) > MAX_LINE_BYTES:
                    yield number + 1, lines[:at]  # the lines before it first
                    _check_line(name, number + at + 1, line)
        yield number + 1, lines
        number += len(lines)
        _check_line(name, number + 1, pending)
    if pending:
        yield number + 1, [pending]


def read_cfg(stream, name):
    """Reads a CFG from the binary stream; raises CfgError, one line naming
    `name` and the line, on anything that is not one."""
    dense = {}  # id -> block number, in the order the file names them
    number_of = dense.setdefault
    sources = array("I")
    targets = array("I")
    add_source, add_target = sources.append, targets.append
    lone = array("I")  # blocks of `block` lines
    start = start_line = None
    for first_number, lines in _line_batches(stream, name):
        for number, line in enumerate(lines, first_number):
            if b"#" in line:
                line = line[:line.index(b"#")]
            fields = line.split()
            if not fields:
                continue
            # The common line first: an edge between two ids.
            if len(fields) == 2:
                first, second = fields
                if first.isdigit() and second.isdigit():  # ASCII digits only
                    source, target = int(first), int(second)
                    if source <= MAX_ID and target <= MAX_ID:
                        add_source(number_of(source, len(dense)))
                        add_target(number_of(target, len(dense)))
                        continue
            try:
                if len(fields) != 2:
                    raise ValueError(
                        "expected 'FROM TO', 'start ID' or 'block ID'")
                first, second = fields
                if first == b"start":
                    if start is not None:
                        raise ValueError(f"a second start line (the first "
                                         f"is line {start_line})")
                    start = _block_id(second)
                    start_line = number
                elif first == b"block":
                    lone.append(number_of(_block_id(second), len(dense)))
                else:  # one of the two is not an id
                    _block_id(first)
                    _block_id(second)
            except ValueError as error:
                raise CfgError(f"{name}:{number}: {error}") from None
    if start is None:
        raise CfgError(f"{name}: no 'start ID' line")
    if start not in dense:
        raise CfgError(f"{name}:{start_line}: no edge or 'block' line names "
                       f"start block {start}")
    ids = array("I", dense)
    first = dense[start]
    if first != 0:
        # The start goes first, and the blocks named before it move up one.
        def renumbered(block):
            return 0 if block == first else block + 1 if block < first \
                else block
        ids = array("I", [start]) + ids[:first] + ids[first + 1:]
        sources = array("I", map(renumbered, sources))
        targets = array("I", map(renumbered, targets))
    return CfgFile(ids, sources, targets)
