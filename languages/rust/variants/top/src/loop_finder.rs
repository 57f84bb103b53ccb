//! Havlak's loop recognition ("Nesting of reducible and irreducible
//! loops", TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in
//! almost linear time", TOPLAS 21(2), 1999), in one depth-first search: the
//! same loop nesting forest as Havlak's algorithm, reducible and
//! irreducible loops alike, in almost linear time.
//!
//! Havlak's step c visits the blocks in reverse preorder so that a header
//! comes after every block of its subtree; so does the postorder in which
//! the search finishes blocks, and a block is done with the moment it is
//! finished. An edge from a block reached later (a cross edge, right to
//! left) is seen from its source; an entry into a loop from outside its
//! header's subtree comes from a block still on the search's path, and is
//! delivered there when that block is finished.
//!
//! Safe Rust: every array access is bounds-checked unless the compiler
//! proves it in range (README.md says what that costs).

use crate::cfg::Cfg;
use crate::loop_structure_graph::{LoopStructureGraph, NO_LOOP, ROOT};

const UNVISITED: u32 = u32::MAX;
/// last of a block on the search's path: every block numbered since it was
/// reached is in its subtree.
const OPEN: u32 = u32::MAX;
const NONE: u32 = u32::MAX; // the end of a list
/// irreducible_up of a loop without a shortcut.
const NO_SHORTCUT: u32 = u32::MAX - 1;

/// A block's place in the search: its preorder number (UNVISITED if not
/// yet) and the last number in its subtree (OPEN while it is on the path).
/// Side by side, not two arrays as in the C++: the two are read together,
/// so one bounds check and one cache line serve both (13% less CPU time
/// than two arrays, README.md).
#[derive(Clone, Copy, Debug)]
struct Order {
    number: u32,
    last: u32,
}

#[derive(Clone, Copy, Debug)]
struct Frame {
    block: u32,
    next_successor: u32, // an index into the successor array
    end: u32,
    deferred: u32, // NONE: none
}

#[derive(Clone, Copy, Debug)]
struct Deferred {
    next: u32,   // NONE ends a list
    header: u32, // the loop it enters, by its header
}

/// Finds loops. The finder owns its bookkeeping, flat arrays indexed by
/// block number, and keeps it from one call to the next: a call on a graph
/// no bigger than an earlier one allocates nothing, given a loop structure
/// graph that already held as many loops.
#[derive(Debug, Default)]
pub struct LoopFinder {
    order: Vec<Order>, // by block
    union_find: Vec<u32>, // each block's union-find parent
    // Entries of a block: blocks outside its loop with edges into it, that
    // the loop around it must take in (a linked list per block).
    entries_head: Vec<u32>,
    entries_next: Vec<u32>,
    entries_node: Vec<u32>,
    blocks_with_entries: Vec<u32>,
    // The body P of the loop being collected, which is also its work list.
    // A block joins w's union-find set as it joins P, so P needs no
    // membership test.
    pool: Vec<u32>,
    // Per loop: an irreducible loop further up such that the loops in
    // between are irreducible already, or NO_SHORTCUT.
    irreducible_up: Vec<u32>,
    walked: Vec<u32>,
    // The search's path, and the entries deferred to its blocks.
    stack: Vec<Frame>,
    deferred: Vec<Deferred>,
}

/// Union-find after Tarjan (1983): the representative of v's set, the
/// header of the outermost loop finished so far that holds v, or v. Path
/// compression, no ranks.
fn find_set(parent: &mut [u32], mut v: u32) -> u32 {
    let mut root = v;
    while parent[root as usize] != root {
        root = parent[root as usize];
    }
    while parent[v as usize] != root {
        let next = parent[v as usize];
        parent[v as usize] = root;
        v = next;
    }
    root
}

/// Marks the loops from `lp` upward irreducible while `inside` says so,
/// skipping loops marked before; returns the first loop not marked. Each
/// loop is marked once, however many entries pass it.
fn mark_irreducible(
    irreducible_up: &mut Vec<u32>,
    walked: &mut Vec<u32>,
    lsg: &mut LoopStructureGraph,
    mut lp: u32,
    inside: impl Fn(&LoopStructureGraph, u32) -> bool,
) -> u32 {
    if irreducible_up.len() < lsg.len() {
        irreducible_up.resize(lsg.len(), NO_SHORTCUT);
    }
    walked.clear();
    while lp != NO_LOOP && lp > ROOT && inside(lsg, lp) {
        lsg.mark_irreducible(lp);
        walked.push(lp);
        let up = irreducible_up[lp as usize];
        lp = if up != NO_SHORTCUT { up } else { lsg.parent(lp) };
    }
    // Shortcuts to the outermost loop marked: from it the walk goes on by
    // its parent, which a later header may yet set.
    if let Some(&outermost) = walked.last() {
        for &passed in walked.iter() {
            irreducible_up[passed as usize] = outermost;
        }
        irreducible_up[outermost as usize] = NO_SHORTCUT;
    }
    lp
}

impl LoopFinder {
    /// Makes room for `size` blocks; arrays only grow.
    fn reset(&mut self, size: usize) {
        if self.order.len() < size {
            self.order.resize(size, Order { number: UNVISITED, last: 0 });
            self.union_find.resize(size, 0);
            self.entries_head.resize(size, NONE);
            self.pool.resize(size, 0); // a loop body holds each block once
            self.stack.reserve(size); // so does the search's path
        }
        for order in &mut self.order[..size] {
            order.number = UNVISITED;
        }
        self.irreducible_up.clear();
    }

    fn add_entry(&mut self, x: u32, v: u32) {
        // No duplicate check: each entry comes from one edge, read once.
        if self.entries_head[x as usize] == NONE {
            self.blocks_with_entries.push(x);
        }
        self.entries_next.push(self.entries_head[x as usize]);
        self.entries_node.push(v);
        self.entries_head[x as usize] = self.entries_node.len() as u32 - 1;
    }

    /// An edge from `source` into `target`, reached and finished before
    /// `source` and not its ancestor: if `target` is in finished loops,
    /// those are entered from outside their headers' subtrees
    /// (irreducible), and the loop around the outermost takes `source` in.
    fn cross_edge(&mut self, source: u32, target: u32, lsg: &mut LoopStructureGraph) {
        let outermost = find_set(&mut self.union_find, target);
        // Not in a finished loop: the edge is read with target's
        // predecessors when target joins a loop body.
        if outermost == target {
            return;
        }
        let mut lp = lsg.loop_of(target);
        if lsg.header(lp) == target {
            lp = lsg.parent(lp);
        }
        mark_irreducible(&mut self.irreducible_up, &mut self.walked, lsg, lp, |_, _| true);
        self.add_entry(outermost, source);
    }

    /// Step e's entry into w's loop from `entry`, on the search's path:
    /// put aside until `entry` is finished (an edge never runs from a
    /// finished block to one reached after it).
    #[inline(never)]
    fn defer_entry(&mut self, w: u32, entry: u32) {
        debug_assert!(self.order[entry as usize].last == OPEN, "an entry from the search's path");
        let order = &self.order;
        let entry_number = order[entry as usize].number;
        let at = self.stack.partition_point(|frame| order[frame.block as usize].number < entry_number);
        let frame = &mut self.stack[at];
        self.deferred.push(Deferred { next: frame.deferred, header: w });
        frame.deferred = self.deferred.len() as u32 - 1;
    }

    /// Havlak's step e for header w, just finished, whose back edges put
    /// the first `pool_size` blocks in P (step d): everything that reaches
    /// them inside w's subtree joins them. `lsg` gets the loop.
    fn collect_loop(&mut self, cfg: &Cfg, w: u32, mut pool_size: usize, lsg: &mut LoopStructureGraph) {
        let first = self.order[w as usize].number; // w's subtree range
        let w_last = self.order[w as usize].last;
        // A predecessor outside w's subtree is a second entry into the
        // loop, which makes it irreducible; it is deferred and delivered
        // once, to the loop that takes it in (Ramalingam's fix).
        let mut irreducible = false;
        let any_entries = !self.entries_node.is_empty();
        let mut next = 0;
        while next < pool_size {
            let x = self.pool[next];
            next += 1;
            let x_first = self.order[x as usize].number;
            let x_last = self.order[x as usize].last;
            for &u in cfg.in_edges(x) {
                // Unnumbered: reached later, if at all (see cross_edge). In
                // x's own subtree: a back edge of x's, already followed.
                let u_number = self.order[u as usize].number;
                if u_number != UNVISITED && (u_number < x_first || u_number > x_last) {
                    self.visit(w, u, first, w_last, &mut pool_size, &mut irreducible);
                }
            }
            if !any_entries {
                continue; // the usual case: no loop is irreducible
            }
            let mut entry = self.entries_head[x as usize];
            while entry != NONE {
                let node = self.entries_node[entry as usize];
                entry = self.entries_next[entry as usize];
                self.visit(w, node, first, w_last, &mut pool_size, &mut irreducible);
            }
        }

        // Collapse the loop body into w and record the loop. Nested loops
        // join as children, other blocks as the loop's own blocks.
        let lp = lsg.create_new_loop(w, !irreducible);
        for &block in &self.pool[..pool_size] {
            let inner = lsg.loop_of(block);
            if inner != NO_LOOP {
                lsg.set_parent(inner, lp); // only headers are in a loop yet
            } else {
                lsg.add_node(lp, block);
            }
        }
    }

    #[inline(always)]
    fn visit(&mut self, w: u32, y: u32, first: u32, w_last: u32, pool_size: &mut usize, irreducible: &mut bool) {
        let ydash = find_set(&mut self.union_find, y);
        let y_number = self.order[ydash as usize].number;
        if y_number >= first && y_number <= w_last {
            if ydash != w {
                self.union_find[ydash as usize] = w;
                self.pool[*pool_size] = ydash;
                *pool_size += 1;
            }
        } else {
            *irreducible = true;
            self.defer_entry(w, ydash);
        }
    }

    fn enter(&mut self, cfg: &Cfg, block: u32, next_number: &mut u32) -> Frame {
        self.order[block as usize].number = *next_number;
        *next_number += 1;
        self.order[block as usize].last = OPEN;
        self.union_find[block as usize] = block;
        let (begin, end) = cfg.successor_range(block);
        Frame { block, next_successor: begin, end, deferred: NONE }
    }

    /// Replaces what `lsg` held with the loops of `cfg`, reusing its
    /// storage; returns lsg's number of loops, counting the root.
    pub fn find_loops(&mut self, cfg: &Cfg, lsg: &mut LoopStructureGraph) -> i32 {
        lsg.clear(cfg.num_nodes());
        let start = match cfg.start() {
            Some(start) => start,
            None => return lsg.len() as i32,
        };
        self.reset(cfg.num_nodes());
        let successors = cfg.successors();

        // One depth-first search, iterative, successors in order: a block
        // is numbered in preorder when reached and handled as a potential
        // loop header (Havlak's steps d and e) when finished, in
        // postorder. O(E alpha(E, N)).
        let mut next_number = 0;
        let mut current = self.enter(cfg, start, &mut next_number);
        loop {
            // Successors in order. A target numbered before this block and
            // finished is off the path: a cross edge.
            let current_number = self.order[current.block as usize].number;
            while current.next_successor != current.end {
                let target = successors[current.next_successor as usize];
                let target_number = self.order[target as usize].number;
                if target_number == UNVISITED {
                    break;
                }
                if target_number < current_number && self.order[target as usize].last != OPEN {
                    self.cross_edge(current.block, target, lsg);
                }
                current.next_successor += 1;
            }
            if current.next_successor != current.end {
                let target = successors[current.next_successor as usize];
                current.next_successor += 1;
                self.stack.push(current);
                current = self.enter(cfg, target, &mut next_number);
                continue;
            }

            // Finished: w's whole subtree is numbered and done.
            let w = current.block;
            let w_last = next_number - 1;
            self.order[w as usize].last = w_last;
            // Entries from w into loops below it, deferred to now: the
            // loops around theirs up to w are entered from outside
            // (irreducible), and the loop around the outermost of them,
            // w's or above, takes w in.
            let mut d = current.deferred;
            while d != NONE {
                let Deferred { next, header } = self.deferred[d as usize];
                let order = &self.order;
                mark_irreducible(
                    &mut self.irreducible_up,
                    &mut self.walked,
                    lsg,
                    lsg.parent(lsg.loop_of(header)),
                    |lsg, lp| order[lsg.header(lp) as usize].number > current_number,
                );
                let outermost = find_set(&mut self.union_find, header);
                self.add_entry(outermost, w);
                d = next;
            }
            // Step d: P starts as the loops (or blocks) the back edges
            // come from, all in w's subtree. Most blocks have none.
            let mut pool_size = 0;
            let mut self_loop = false;
            for &v in cfg.in_edges(w) {
                let v_number = self.order[v as usize].number; // UNVISITED is outside
                if v_number < current_number || v_number > w_last {
                    continue;
                }
                if v == w {
                    self_loop = true;
                } else {
                    let lp = find_set(&mut self.union_find, v);
                    if lp != w {
                        self.union_find[lp as usize] = w; // in w's set as it joins P
                        self.pool[pool_size] = lp;
                        pool_size += 1;
                    }
                }
            }
            if pool_size > 0 {
                self.collect_loop(cfg, w, pool_size, lsg);
            } else if self_loop {
                lsg.create_new_loop(w, true);
            }

            match self.stack.pop() {
                Some(frame) => current = frame,
                None => break,
            }
        }

        for &x in &self.blocks_with_entries {
            self.entries_head[x as usize] = NONE;
        }
        self.blocks_with_entries.clear();
        self.entries_next.clear();
        self.entries_node.clear();
        self.deferred.clear();
        lsg.len() as i32
    }
}
