"""Havlak's loop recognition ("Nesting of reducible and irreducible loops",
TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost linear
time", TOPLAS 21(2), 1999), in one depth-first search: the same loop nesting
forest as Havlak's algorithm, reducible and irreducible loops alike, in
almost linear time.

Havlak's step c visits the blocks in reverse preorder so that a header
comes after every block of its subtree; so does the postorder in which the
search finishes blocks, and a block is done with the moment it is finished.
An edge from a block reached later (a cross edge, right to left) is seen
from its source; an entry into a loop from outside its header's subtree
comes from a block still on the search's path, and is delivered there when
that block is finished.

Written for speed as Python is: flat lists of ints, the hot loops in one
function with every list in a local variable, rare cases in methods.
"""

from loop_structure_graph import NO_LOOP, ROOT

UNVISITED = -1
# last of a block on the search's path: after every preorder number.
OPEN = 1 << 62
NONE = -1         # the end of a list
NO_SHORTCUT = -2  # irreducible_up of a loop without a shortcut


def find_set(union_find, v):
    """Union-find after Tarjan (1983): the representative of v's set, the
    header of the outermost loop finished so far that holds v, or v. Path
    compression, no ranks."""
    root = v
    while union_find[root] != root:
        root = union_find[root]
    while union_find[v] != root:
        following = union_find[v]
        union_find[v] = root
        v = following
    return root


class LoopFinder:
    """Finds loops. The finder owns its bookkeeping, lists indexed by block
    number, and keeps it from one call to the next: they only grow."""

    def __init__(self):
        self.number = []      # preorder number, or UNVISITED
        self.last = []        # the last preorder number in each subtree
        self.union_find = []  # each block's union-find parent
        # The body P of the loop being collected, which is also its work
        # list. A block joins w's union-find set as it joins P, so P needs
        # no membership test.
        self.pool = []
        # The search's path: each block and the index of its next successor.
        self.stack_block = []
        self.stack_next = []
        # Entries deferred to a block on the path (Ramalingam's fix), a
        # linked list per block. The C++ and Rust keep the list in the
        # block's stack frame and find the frame by binary search; a block
        # is on the path once, so a list per block is the same list, found
        # at once.
        self.deferred_head = []
        self.deferred_next = []
        self.deferred_header = []  # the loop an entry enters, by its header
        # Entries of a block: blocks outside its loop with edges into it,
        # that the loop around it must take in (a linked list per block).
        self.entries_head = []
        self.entries_next = []
        self.entries_node = []
        self.blocks_with_entries = []
        # Per loop: an irreducible loop further up such that the loops in
        # between are irreducible already, or NO_SHORTCUT.
        self.irreducible_up = []
        self.walked = []

    def _reset(self, size):
        """Makes room for `size` blocks; lists only grow."""
        grow = size - len(self.last)
        if grow > 0:
            for values in (self.last, self.union_find, self.pool,
                           self.stack_block, self.stack_next,
                           self.deferred_head):
                values.extend([0] * grow)
            self.entries_head.extend([NONE] * grow)
        # A fresh list: faster than refilling the old one in place.
        self.number = [UNVISITED] * size
        del self.irreducible_up[:]

    def find_loops(self, cfg, lsg):
        """Replaces what `lsg` held with the loops of `cfg`; returns lsg's
        number of loops, counting the root."""
        lsg.clear(cfg.num_blocks)
        start = cfg.start
        if start < 0:
            return lsg.num_loops()
        self._reset(cfg.num_blocks)
        number, last = self.number, self.last
        union_find, pool = self.union_find, self.pool
        stack_block, stack_next = self.stack_block, self.stack_next
        deferred_head = self.deferred_head
        # Block b's successors are out_edges[out_begin[b]:out_begin[b + 1]],
        # its predecessors likewise in in_edges.
        out_edges, out_begin = cfg.successors, cfg.successor_begin
        in_edges, in_begin = cfg.predecessors, cfg.predecessor_begin
        entries_head = self.entries_head
        entries_next, entries_node = self.entries_next, self.entries_node

        # One depth-first search, iterative, successors in order: a block is
        # numbered in preorder when reached and handled as a potential loop
        # header (Havlak's steps d and e) when finished, in postorder.
        # O(E alpha(E, N)). The block being searched lives in locals; the
        # stack holds the blocks above it.
        node = start
        node_number = number[node] = 0
        next_number = 1
        last[node] = OPEN
        union_find[node] = node
        deferred_head[node] = NONE
        successor, end = out_begin[node], out_begin[node + 1]
        depth = 0  # blocks on the stack
        while True:
            # Successors in order. A target numbered before this block and
            # finished is off the path: a cross edge, which matters only
            # when the target is in a finished loop.
            while successor < end:
                target = out_edges[successor]
                target_number = number[target]
                if target_number == UNVISITED:
                    break
                if (target_number < node_number and last[target] != OPEN
                        and union_find[target] != target):
                    self._cross_edge(node, target, lsg)
                successor += 1
            if successor < end:
                stack_block[depth] = node
                stack_next[depth] = successor + 1
                depth += 1
                node = target
                node_number = number[node] = next_number
                next_number += 1
                last[node] = OPEN
                union_find[node] = node
                deferred_head[node] = NONE
                successor = out_begin[node]
                end = out_begin[node + 1]
                continue

            # Finished: w's whole subtree is numbered and done.
            w = node
            w_last = last[w] = next_number - 1
            if deferred_head[w] != NONE:
                self._deliver(w, lsg)
            # Step d: P starts as the loops (or blocks) the back edges come
            # from, all in w's subtree. Most blocks have none.
            pool_size = 0
            self_loop = False
            for v in in_edges[in_begin[w]:in_begin[w + 1]]:
                v_number = number[v]  # UNVISITED is outside
                if v_number < node_number or v_number > w_last:
                    continue
                if v == w:
                    self_loop = True
                    continue
                loop = union_find[v]
                if union_find[loop] != loop:
                    loop = find_set(union_find, v)
                if loop != w:
                    union_find[loop] = w  # in w's set as it joins P
                    pool[pool_size] = loop
                    pool_size += 1

            if pool_size:
                # Step e: everything that reaches P inside w's subtree joins
                # it. A predecessor outside w's subtree is a second entry
                # into the loop, which makes it irreducible; it is deferred
                # and delivered once, to the loop that takes it in
                # (Ramalingam's fix). Written out here, not called: this is
                # the other hot loop.
                irreducible = False
                any_entries = bool(entries_node)  # none unless irreducible
                taken = 0
                while taken < pool_size:
                    x = pool[taken]
                    taken += 1
                    x_first, x_last = number[x], last[x]
                    for y in in_edges[in_begin[x]:in_begin[x + 1]]:
                        y_number = number[y]
                        # Unnumbered: reached later, if at all (see
                        # _cross_edge). In x's own subtree: a back edge of
                        # x's, already followed.
                        if (y_number == UNVISITED
                                or x_first <= y_number <= x_last):
                            continue
                        # self._visit(w, y, ...), written out.
                        ydash = union_find[y]
                        if union_find[ydash] != ydash:
                            ydash = find_set(union_find, y)
                        if node_number <= number[ydash] <= w_last:
                            if ydash != w:
                                union_find[ydash] = w
                                pool[pool_size] = ydash
                                pool_size += 1
                        else:
                            irreducible = True
                            self._defer_entry(w, ydash)
                    if any_entries:
                        entry = entries_head[x]
                        while entry != NONE:
                            pool_size, outside = self._visit(
                                w, entries_node[entry], w_last, pool_size)
                            irreducible = irreducible or outside
                            entry = entries_next[entry]

                # Collapse the loop body into w and record the loop. Nested
                # loops join as children, other blocks as its own blocks.
                loop = lsg.create_new_loop(w, not irreducible)
                block_loop = lsg.block_loop
                for block in pool[:pool_size]:
                    inner = block_loop[block]
                    if inner != NO_LOOP:
                        lsg.parent[inner] = loop  # only headers are in loops
                    else:
                        block_loop[block] = loop
            elif self_loop:
                lsg.create_new_loop(w, True)

            if not depth:
                break
            depth -= 1
            node = stack_block[depth]
            node_number = number[node]
            successor = stack_next[depth]
            end = out_begin[node + 1]

        for block in self.blocks_with_entries:
            entries_head[block] = NONE
        for values in (self.blocks_with_entries, self.entries_next,
                       self.entries_node, self.deferred_next,
                       self.deferred_header):
            del values[:]
        return lsg.num_loops()

    def _visit(self, w, y, w_last, pool_size):
        """Step e for y, with an edge into w's loop body: its outermost
        finished loop (or y) joins the body if in w's subtree, or is an
        entry from outside. Returns the pool's new size and whether y came
        from outside."""
        union_find = self.union_find
        ydash = find_set(union_find, y)
        if self.number[w] <= self.number[ydash] <= w_last:
            if ydash != w:
                union_find[ydash] = w
                self.pool[pool_size] = ydash
                pool_size += 1
            return pool_size, False
        self._defer_entry(w, ydash)
        return pool_size, True

    def _add_entry(self, x, v):
        # No duplicate check: each entry comes from one edge, read once.
        entries_head = self.entries_head
        if entries_head[x] == NONE:
            self.blocks_with_entries.append(x)
        self.entries_next.append(entries_head[x])
        self.entries_node.append(v)
        entries_head[x] = len(self.entries_node) - 1

    def _defer_entry(self, w, entry):
        """Step e's entry into w's loop from `entry`, on the search's path
        (an edge never runs from a finished block to one reached after it):
        put aside until `entry` is finished."""
        self.deferred_next.append(self.deferred_head[entry])
        self.deferred_header.append(w)
        self.deferred_head[entry] = len(self.deferred_header) - 1

    def _deliver(self, v, lsg):
        """Entries from v, just finished, into loops below it: the loops
        around theirs up to v are entered from outside (irreducible), and
        the loop around the outermost of them, v's or above, takes v in."""
        v_number = self.number[v]
        d = self.deferred_head[v]
        while d != NONE:
            header = self.deferred_header[d]
            self._mark_irreducible(lsg.parent[lsg.block_loop[header]],
                                   v_number, lsg)
            self._add_entry(find_set(self.union_find, header), v)
            d = self.deferred_next[d]

    def _cross_edge(self, source, target, lsg):
        """An edge from `source` into `target`, reached and finished before
        `source` and not its ancestor, in a finished loop: the loops holding
        target (as more than their header) are entered from outside their
        headers' subtrees (irreducible), and the loop around the outermost
        takes `source` in."""
        outermost = find_set(self.union_find, target)
        loop = lsg.block_loop[target]
        if lsg.header[loop] == target:
            loop = lsg.parent[loop]
        self._mark_irreducible(loop, UNVISITED, lsg)
        self._add_entry(outermost, source)

    def _mark_irreducible(self, loop, bound, lsg):
        """Marks `loop` and the loops around it irreducible while their
        headers are numbered after `bound`, skipping loops marked before:
        each loop is marked once, however many entries pass it."""
        up = self.irreducible_up
        if len(up) < lsg.num_loops():
            up.extend([NO_SHORTCUT] * (lsg.num_loops() - len(up)))
        number, header = self.number, lsg.header
        walked = self.walked
        del walked[:]
        while loop > ROOT and number[header[loop]] > bound:
            lsg.reducible[loop] = False
            walked.append(loop)
            loop = up[loop] if up[loop] != NO_SHORTCUT else lsg.parent[loop]
        # Shortcuts to the outermost loop marked: from it the walk goes on
        # by its parent, which a later header may yet set.
        if walked:
            outermost = walked[-1]
            for passed in walked:
                up[passed] = outermost
            up[outermost] = NO_SHORTCUT
