// Havlak's loop recognition ("Nesting of reducible and irreducible
// loops", TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in
// almost linear time", TOPLAS 21(2), 1999), in one depth-first search: the
// same loop nesting forest as Havlak's algorithm, reducible and
// irreducible loops alike, in almost linear time.
//
// Havlak's step c visits the blocks in reverse preorder so that a header
// comes after every block of its subtree; so does the postorder in which
// the search finishes blocks, and a block is done with the moment it is
// finished. An edge from a block reached later (a cross edge, right to
// left) is seen from its source; an entry into a loop from outside its
// header's subtree comes from a block still on the search's path, and is
// delivered there when that block is finished.
//
// For V8: every array is an Int32Array (its values are small integers,
// never boxed), "none" is -1, the search's frame lives in local variables
// while it is the current one, and the finder's methods each see one kind
// of argument (monomorphic), with no closure in the search.

import { IntList } from './int_list.mjs';
import { NO_LOOP, ROOT } from './loop_structure_graph.mjs';

const UNVISITED = -1;
// last of a block on the search's path: every block numbered since it was
// reached is in its subtree.
const OPEN = 0x7fffffff;
const NONE = -1; // the end of a list
// irreducibleUp of a loop without a shortcut.
const NO_SHORTCUT = -2;
// A frame of the search's path: its block, its next successor and the end
// of its successors (indices into the successor array), and the first of
// the entries deferred to it.
const FRAME = 4;

// Union-find after Tarjan (1983): the representative of v's set, the
// header of the outermost loop finished so far that holds v, or v. Path
// compression, no ranks.
function findSet(parent, v) {
  let root = v;
  while (parent[root] !== root) root = parent[root];
  while (parent[v] !== root) {
    const next = parent[v];
    parent[v] = root;
    v = next;
  }
  return root;
}

// Finds loops. The finder owns its bookkeeping, flat arrays indexed by
// block number, and keeps it from one call to the next: a call on a graph
// no bigger than an earlier one allocates nothing, given a loop structure
// graph that already held as many loops.
export class LoopFinder {
  constructor() {
    // A block's preorder number (UNVISITED if not reached yet) and the
    // last number in its subtree (OPEN while it is on the path).
    this.number = new Int32Array(0);
    this.last = new Int32Array(0);
    this.unionFind = new Int32Array(0); // each block's union-find parent
    // Entries of a block: blocks outside its loop with edges into it, that
    // the loop around it must take in (a linked list per block).
    this.entriesHead = new Int32Array(0);
    this.entriesNext = new IntList();
    this.entriesNode = new IntList();
    this.blocksWithEntries = new IntList();
    // The body P of the loop being collected, which is also its work list.
    // A block joins w's union-find set as it joins P, so P needs no
    // membership test.
    this.pool = new Int32Array(0);
    this.irreducible = false; // of the loop being collected
    // Per loop: an irreducible loop further up such that the loops in
    // between are irreducible already, or NO_SHORTCUT.
    this.irreducibleUp = new IntList();
    this.walked = new IntList();
    // The search's path, FRAME ints a frame, and its height while a loop
    // is collected; the entries deferred to its blocks.
    this.stack = new Int32Array(0);
    this.stackTop = 0;
    this.deferredNext = new IntList();
    this.deferredHeader = new IntList();
  }

  // Makes room for `size` blocks; arrays only grow.
  reset(size) {
    if (this.number.length < size) {
      this.number = new Int32Array(size);
      this.last = new Int32Array(size);
      this.unionFind = new Int32Array(size);
      this.entriesHead = new Int32Array(size).fill(NONE);
      this.pool = new Int32Array(size); // a loop body holds each block once
      this.stack = new Int32Array(FRAME * size); // so does the search's path
    }
    this.number.fill(UNVISITED, 0, size);
    this.irreducibleUp.clear();
  }

  addEntry(x, v) {
    // No duplicate check: each entry comes from one edge, read once.
    if (this.entriesHead[x] === NONE) this.blocksWithEntries.push(x);
    this.entriesNext.push(this.entriesHead[x]);
    this.entriesNode.push(v);
    this.entriesHead[x] = this.entriesNode.length - 1;
  }

  // Marks the loops from `lp` upward irreducible while their headers'
  // preorder numbers are above `aboveNumber` (-1: all of them), skipping
  // loops marked before; returns the first loop not marked. Each loop is
  // marked once, however many entries pass it.
  markIrreducible(lsg, lp, aboveNumber) {
    const up = this.irreducibleUp;
    if (up.length < lsg.numLoops) {
      up.grow(lsg.numLoops);
      up.data.fill(NO_SHORTCUT, up.length, lsg.numLoops);
      up.length = lsg.numLoops;
    }
    const walked = this.walked;
    walked.clear();
    // NO_LOOP is below ROOT, which is never marked.
    while (lp > ROOT && this.number[lsg.header(lp)] > aboveNumber) {
      lsg.markIrreducible(lp);
      walked.push(lp);
      const shortcut = up.data[lp];
      lp = shortcut !== NO_SHORTCUT ? shortcut : lsg.parent(lp);
    }
    // Shortcuts to the outermost loop marked: from it the walk goes on by
    // its parent, which a later header may yet set.
    if (walked.length > 0) {
      const outermost = walked.data[walked.length - 1];
      for (let i = 0; i < walked.length; i++) up.data[walked.data[i]] = outermost;
      up.data[outermost] = NO_SHORTCUT;
    }
    return lp;
  }

  // An edge from `source` into `target`, reached and finished before
  // `source` and not its ancestor: if `target` is in finished loops, those
  // are entered from outside their headers' subtrees (irreducible), and
  // the loop around the outermost takes `source` in.
  crossEdge(source, target, lsg) {
    const outermost = findSet(this.unionFind, target);
    // Not in a finished loop: the edge is read with target's predecessors
    // when target joins a loop body.
    if (outermost === target) return;
    let lp = lsg.loopOf(target);
    if (lsg.header(lp) === target) lp = lsg.parent(lp);
    this.markIrreducible(lsg, lp, -1);
    this.addEntry(outermost, source);
  }

  // Step e's entry into w's loop from `entry`, on the search's path: put
  // aside until `entry` is finished (an edge never runs from a finished
  // block to one reached after it). The path's preorder numbers ascend:
  // a binary search finds entry's frame.
  deferEntry(w, entry) {
    const { number, stack } = this;
    const entryNumber = number[entry];
    let low = 0;
    let high = this.stackTop / FRAME;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (number[stack[FRAME * middle]] < entryNumber) low = middle + 1;
      else high = middle;
    }
    const frame = FRAME * low;
    this.deferredNext.push(stack[frame + 3]);
    this.deferredHeader.push(w);
    stack[frame + 3] = this.deferredNext.length - 1;
  }

  // y reaches the loop body from outside it: the loop (or block) holding
  // y joins the body if it is in w's subtree [first, wLast], else it is an
  // entry from outside and the loop is irreducible. Returns the body's
  // new size.
  visit(w, y, first, wLast, poolSize) {
    const ydash = findSet(this.unionFind, y);
    const yNumber = this.number[ydash];
    if (yNumber >= first && yNumber <= wLast) {
      if (ydash !== w) {
        this.unionFind[ydash] = w;
        this.pool[poolSize++] = ydash;
      }
    } else {
      this.irreducible = true;
      this.deferEntry(w, ydash);
    }
    return poolSize;
  }

  // Havlak's step e for header w, just finished, whose back edges put the
  // first `poolSize` blocks in P (step d): everything that reaches them
  // inside w's subtree joins them. `lsg` gets the loop.
  collectLoop(cfg, w, poolSize, lsg) {
    const { number, last, pool } = this;
    const predecessors = cfg.predecessors.neighbours;
    const predecessorsBegin = cfg.predecessors.begin;
    const first = number[w]; // w's subtree range
    const wLast = last[w];
    // A predecessor outside w's subtree is a second entry into the loop,
    // which makes it irreducible; it is deferred and delivered once, to
    // the loop that takes it in (Ramalingam's fix).
    this.irreducible = false;
    const anyEntries = this.entriesNode.length > 0;
    for (let next = 0; next < poolSize; next++) {
      const x = pool[next];
      const xFirst = number[x];
      const xLast = last[x];
      const end = predecessorsBegin[x + 1];
      for (let i = predecessorsBegin[x]; i < end; i++) {
        // Unnumbered: reached later, if at all (see crossEdge). In x's own
        // subtree: a back edge of x's, already followed.
        const u = predecessors[i];
        const uNumber = number[u];
        if (uNumber !== UNVISITED && (uNumber < xFirst || uNumber > xLast)) {
          poolSize = this.visit(w, u, first, wLast, poolSize);
        }
      }
      if (!anyEntries) continue; // the usual case: no loop is irreducible
      for (let entry = this.entriesHead[x]; entry !== NONE; entry = this.entriesNext.data[entry]) {
        poolSize = this.visit(w, this.entriesNode.data[entry], first, wLast, poolSize);
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children, other blocks as the loop's own blocks.
    const lp = lsg.createNewLoop(w, !this.irreducible);
    for (let i = 0; i < poolSize; i++) {
      const block = pool[i];
      const inner = lsg.loopOf(block);
      if (inner !== NO_LOOP) {
        lsg.setParent(inner, lp); // only headers are in a loop yet
      } else {
        lsg.addNode(lp, block);
      }
    }
  }

  // Replaces what `lsg` held with the loops of `cfg`, reusing its storage;
  // returns lsg's number of loops, counting the root.
  findLoops(cfg, lsg) {
    const size = cfg.numNodes;
    lsg.clear(size);
    const start = cfg.start;
    if (start < 0) return lsg.numLoops;
    this.reset(size);
    const { number, last, unionFind, pool, stack } = this;
    const successors = cfg.successors.neighbours;
    const successorsBegin = cfg.successors.begin;
    const predecessors = cfg.predecessors.neighbours;
    const predecessorsBegin = cfg.predecessors.begin;

    // One depth-first search, iterative, successors in order: a block is
    // numbered in preorder when reached and handled as a potential loop
    // header (Havlak's steps d and e) when finished, in postorder.
    // O(E alpha(E, N)). The current frame: block, next, end, deferred.
    let nextNumber = 0;
    let top = 0; // ints on the stack
    let block = start;
    let next = successorsBegin[start];
    let end = successorsBegin[start + 1];
    let deferred = NONE;
    number[block] = nextNumber++;
    last[block] = OPEN;
    unionFind[block] = block;
    for (;;) {
      // Successors in order. A target numbered before this block and
      // finished is off the path: a cross edge.
      const currentNumber = number[block];
      let target = -1;
      while (next !== end) {
        const successor = successors[next++];
        const successorNumber = number[successor];
        if (successorNumber === UNVISITED) {
          target = successor;
          break;
        }
        if (successorNumber < currentNumber && last[successor] !== OPEN) {
          this.crossEdge(block, successor, lsg);
        }
      }
      if (target >= 0) {
        stack[top] = block;
        stack[top + 1] = next;
        stack[top + 2] = end;
        stack[top + 3] = deferred;
        top += FRAME;
        block = target;
        next = successorsBegin[target];
        end = successorsBegin[target + 1];
        deferred = NONE;
        number[block] = nextNumber++;
        last[block] = OPEN;
        unionFind[block] = block;
        continue;
      }

      // Finished: w's whole subtree is numbered and done.
      const w = block;
      const wLast = nextNumber - 1;
      last[w] = wLast;
      // Entries from w into loops below it, deferred to now: the loops
      // around theirs up to w are entered from outside (irreducible), and
      // the loop around the outermost of them, w's or above, takes w in.
      for (let d = deferred; d !== NONE; d = this.deferredNext.data[d]) {
        const header = this.deferredHeader.data[d];
        this.markIrreducible(lsg, lsg.parent(lsg.loopOf(header)), currentNumber);
        this.addEntry(findSet(unionFind, header), w);
      }
      // Step d: P starts as the loops (or blocks) the back edges come
      // from, all in w's subtree. Most blocks have none.
      let poolSize = 0;
      let selfLoop = false;
      const predecessorsEnd = predecessorsBegin[w + 1];
      for (let i = predecessorsBegin[w]; i < predecessorsEnd; i++) {
        const v = predecessors[i];
        const vNumber = number[v]; // UNVISITED is outside
        if (vNumber < currentNumber || vNumber > wLast) continue;
        if (v === w) {
          selfLoop = true;
        } else {
          const lp = findSet(unionFind, v);
          if (lp !== w) {
            unionFind[lp] = w; // in w's set as it joins P
            pool[poolSize++] = lp;
          }
        }
      }
      if (poolSize > 0) {
        this.stackTop = top;
        this.collectLoop(cfg, w, poolSize, lsg);
      } else if (selfLoop) {
        lsg.createNewLoop(w, true);
      }

      if (top === 0) break;
      top -= FRAME;
      block = stack[top];
      next = stack[top + 1];
      end = stack[top + 2];
      deferred = stack[top + 3];
    }

    for (let i = 0; i < this.blocksWithEntries.length; i++) {
      this.entriesHead[this.blocksWithEntries.data[i]] = NONE;
    }
    this.blocksWithEntries.clear();
    this.entriesNext.clear();
    this.entriesNode.clear();
    this.deferredNext.clear();
    this.deferredHeader.clear();
    return lsg.numLoops;
  }
}
