package top;

import java.util.Arrays;

/**
 * Havlak's loop recognition ("Nesting of reducible and irreducible loops",
 * TOPLAS 1997) with G. Ramalingam's fix ("Identifying loops in almost
 * linear time", TOPLAS 21(2), 1999), in one iterative depth-first search:
 * the same loop nesting forest as Havlak's algorithm, reducible and
 * irreducible loops alike, in almost linear time.
 *
 * The finder owns its bookkeeping, int arrays indexed by block number, and
 * keeps it from one call to the next: a call on a graph no bigger than an
 * earlier one allocates nothing, given a loop graph that already held as
 * many loops. One finder per thread.
 *
 * Havlak's step c visits the blocks in reverse preorder so that a header
 * comes after every block of its DFS subtree; so does the postorder in
 * which the search finishes blocks, and a block is done with the moment it
 * is finished. An edge from a block reached later (a cross edge, right to
 * left) is seen from its source, and an entry into a loop from outside its
 * header's subtree comes from a block still on the search's path, which is
 * where it is delivered.
 */
final class LoopFinder {
  private static final int UNVISITED = -1;
  /** last[] of a block on the search's path: after every number. */
  private static final int OPEN = Integer.MAX_VALUE;
  /** irreducibleUp[] of a loop without a shortcut (NO_LOOP is one, to the top). */
  private static final int NO_SHORTCUT = -2;

  private int capacity = 0;
  private int[] number = new int[0];     // preorder number; UNVISITED if not yet
  private int[] last = new int[0];       // the last number in the block's subtree
  private int[] unionFind = new int[0];  // each block's union-find parent
  // Entries of a block: blocks outside its loop with edges into it, that
  // the loop around it must take in (a linked list per block).
  private int[] entriesHead = new int[0];  // -1: none
  private int[] entriesNext = new int[16];
  private int[] entriesNode = new int[16];
  private int entryCount = 0;
  private int[] blocksWithEntries = new int[16];
  private int blocksWithEntriesCount = 0;
  // The body P of the loop being collected, which is also its work list. A
  // block joins w's union-find set as it joins P, so P needs no membership
  // test: findSet of anything already in P answers w.
  private int[] pool = new int[0];
  // Per loop: an irreducible loop further up such that the loops in between
  // are irreducible already, or NO_SHORTCUT (then its parent is next).
  private int[] irreducibleUp = new int[16];
  private int irreducibleUpSize = 0;
  private int[] walked = new int[16];
  // The search's path: each block on it, the rest of its successors (an
  // index into the CFG's successor array, and the row's end), and the
  // entries into loops below it that come from it (a list in deferred*).
  private int[] stackBlock = new int[0];
  private int[] stackNext = new int[0];
  private int[] stackEnd = new int[0];
  private int[] stackDeferred = new int[0];
  private int stackSize = 0;
  private int[] deferredNext = new int[16];    // -1 ends a list
  private int[] deferredHeader = new int[16];  // the loop it enters, by its header
  private int deferredCount = 0;

  /** Makes room for {@code size} blocks; arrays only grow. */
  private void reset(int size) {
    if (capacity < size) {
      number = new int[size];
      last = new int[size];
      unionFind = new int[size];
      entriesHead = new int[size];
      Arrays.fill(entriesHead, -1);
      pool = new int[size];  // a loop body holds each block at most once
      stackBlock = new int[size];  // a path holds each block at most once
      stackNext = new int[size];
      stackEnd = new int[size];
      stackDeferred = new int[size];
      capacity = size;
    }
    Arrays.fill(number, 0, size, UNVISITED);
    irreducibleUpSize = 0;
  }

  /**
   * Union-find after Tarjan (1983): the representative of v's set, the
   * header of the outermost loop finished so far that holds v, or v. Path
   * compression, no ranks.
   */
  private int findSet(int v) {
    final int[] parent = unionFind;
    int root = v;
    while (parent[root] != root) root = parent[root];
    while (parent[v] != root) {
      int next = parent[v];
      parent[v] = root;
      v = next;
    }
    return root;
  }

  private void addEntry(int x, int v) {
    // No duplicate check: each entry comes from one edge and is read once.
    if (entriesHead[x] == -1) {
      if (blocksWithEntriesCount == blocksWithEntries.length) {
        blocksWithEntries = Arrays.copyOf(blocksWithEntries, blocksWithEntriesCount * 2);
      }
      blocksWithEntries[blocksWithEntriesCount++] = x;
    }
    if (entryCount == entriesNode.length) {
      entriesNext = Arrays.copyOf(entriesNext, entryCount * 2);
      entriesNode = Arrays.copyOf(entriesNode, entryCount * 2);
    }
    entriesNext[entryCount] = entriesHead[x];
    entriesNode[entryCount] = v;
    entriesHead[x] = entryCount++;
  }

  /**
   * Marks the loops from {@code loop} upward irreducible while their
   * headers' numbers are above {@code minNumber} (Integer.MIN_VALUE: all the
   * way up), skipping loops marked before; returns the first loop not
   * marked.
   */
  private int markIrreducible(int loop, int minNumber, LoopStructureGraph lsg) {
    int loops = lsg.numLoops();
    if (irreducibleUpSize < loops) {
      if (irreducibleUp.length < loops) {
        irreducibleUp = Arrays.copyOf(irreducibleUp, Math.max(loops, 2 * irreducibleUp.length));
      }
      Arrays.fill(irreducibleUp, irreducibleUpSize, loops, NO_SHORTCUT);
      irreducibleUpSize = loops;
    }
    int walkedCount = 0;
    while (loop > LoopStructureGraph.ROOT && number[lsg.header(loop)] > minNumber) {
      lsg.markIrreducible(loop);
      if (walkedCount == walked.length) walked = Arrays.copyOf(walked, walkedCount * 2);
      walked[walkedCount++] = loop;
      loop = irreducibleUp[loop] != NO_SHORTCUT ? irreducibleUp[loop] : lsg.parent(loop);
    }
    // Shortcuts to the outermost loop marked: from it the walk goes on by
    // its parent, which a later header may yet set. Each loop is marked
    // once, however many entries pass it.
    if (walkedCount > 0) {
      int outermost = walked[walkedCount - 1];
      for (int i = 0; i < walkedCount; i++) irreducibleUp[walked[i]] = outermost;
      irreducibleUp[outermost] = NO_SHORTCUT;
    }
    return loop;
  }

  /**
   * An edge from {@code source} into {@code target}, reached and finished
   * before source and not its ancestor: if target is in finished loops,
   * those loops are entered from outside their headers' subtrees
   * (irreducible), and the loop around the outermost takes source in.
   */
  private void crossEdge(int source, int target, LoopStructureGraph lsg) {
    int outermost = findSet(target);
    // Not in a finished loop: the edge is read with target's predecessors
    // when target joins a loop body, source numbered by then.
    if (outermost == target) return;
    int loop = lsg.loopOf(target);
    if (lsg.header(loop) == target) loop = lsg.parent(loop);
    markIrreducible(loop, Integer.MIN_VALUE, lsg);
    addEntry(outermost, source);
  }

  /**
   * Step e's entry into w's loop from {@code entry}, on the search's path
   * (an edge never runs from a finished block to one reached after it):
   * put aside until that block is finished.
   */
  private void deferEntry(int w, int entry) {
    int wanted = number[entry];
    int low = 0;
    int high = stackSize;
    while (low < high) {  // the frame of entry: numbers ascend along the path
      int middle = (low + high) >>> 1;
      if (number[stackBlock[middle]] < wanted) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (deferredCount == deferredNext.length) {
      deferredNext = Arrays.copyOf(deferredNext, deferredCount * 2);
      deferredHeader = Arrays.copyOf(deferredHeader, deferredCount * 2);
    }
    deferredNext[deferredCount] = stackDeferred[low];
    deferredHeader[deferredCount] = w;
    stackDeferred[low] = deferredCount++;
  }

  /**
   * Havlak's step e for header w, just finished, whose back edges put the
   * first {@code poolSize} blocks in P (step d): everything that reaches
   * them inside w's subtree joins them, and the loop graph gets the loop.
   */
  private void collectLoop(Cfg cfg, int w, int poolSize, LoopStructureGraph lsg) {
    final int[] pool = this.pool;
    final int[] number = this.number;
    final int[] last = this.last;
    final int[] unionFind = this.unionFind;
    final int[] predecessorBegin = cfg.predecessorBegin;
    final int[] predecessors = cfg.predecessors;
    final int first = number[w];  // w's subtree range
    final int wLast = last[w];
    final boolean anyEntries = entryCount > 0;
    boolean irreducible = false;
    for (int next = 0; next < poolSize; next++) {
      int x = pool[next];
      int xFirst = number[x];
      int xLast = last[x];
      for (int i = predecessorBegin[x], end = predecessorBegin[x + 1]; i < end; i++) {
        // Unnumbered: reached later, if at all (see crossEdge). In x's own
        // subtree: a back edge of x's, already followed.
        int u = predecessors[i];
        int uNumber = number[u];
        if (uNumber == UNVISITED || (uNumber >= xFirst && uNumber <= xLast)) continue;
        // Step e, Havlak's change to Tarjan: a predecessor outside w's
        // subtree is a second entry into the loop, which makes it
        // irreducible; it is deferred and delivered once, to the loop that
        // takes it in (Ramalingam's fix).
        int ydash = findSet(u);
        int yNumber = number[ydash];
        if (yNumber >= first && yNumber <= wLast) {
          if (ydash != w) {
            unionFind[ydash] = w;
            pool[poolSize++] = ydash;
          }
        } else {
          irreducible = true;
          deferEntry(w, ydash);
        }
      }
      if (!anyEntries) continue;  // the usual case: no loop is irreducible
      for (int entry = entriesHead[x]; entry != -1; entry = entriesNext[entry]) {
        int ydash = findSet(entriesNode[entry]);
        int yNumber = number[ydash];
        if (yNumber >= first && yNumber <= wLast) {
          if (ydash != w) {
            unionFind[ydash] = w;
            pool[poolSize++] = ydash;
          }
        } else {
          irreducible = true;
          deferEntry(w, ydash);
        }
      }
    }

    // Collapse the loop body into w and record the loop. Nested loops join
    // as children (only headers are in a loop yet), other blocks as the
    // loop's own blocks.
    int loop = lsg.createNewLoop(w, !irreducible);
    for (int i = 0; i < poolSize; i++) {
      int block = pool[i];
      int inner = lsg.loopOf(block);
      if (inner != LoopStructureGraph.NO_LOOP) {
        lsg.setParent(inner, loop);
      } else {
        lsg.addNode(loop, block);
      }
    }
  }

  /**
   * Replaces what {@code lsg} held with the loops of {@code cfg}, reusing
   * its storage; returns lsg.numLoops(), which counts the artificial root.
   */
  int findLoops(Cfg cfg, LoopStructureGraph lsg) {
    lsg.clear(cfg.numNodes());
    if (cfg.start() == Cfg.NO_BLOCK) return lsg.numLoops();
    reset(cfg.numNodes());
    final int[] number = this.number;
    final int[] last = this.last;
    final int[] unionFind = this.unionFind;
    final int[] pool = this.pool;
    final int[] successorBegin = cfg.successorBegin;
    final int[] successors = cfg.successors;
    final int[] predecessorBegin = cfg.predecessorBegin;
    final int[] predecessors = cfg.predecessors;

    // One depth-first search, iterative, successors in order: a block is
    // numbered in preorder when reached and handled as a potential loop
    // header (Havlak's steps d and e) when finished, in postorder.
    // O(E alpha(E, N)).
    int nextNumber = 0;
    int block = cfg.start();
    number[block] = nextNumber++;
    last[block] = OPEN;
    unionFind[block] = block;
    int next = successorBegin[block];
    int end = successorBegin[block + 1];
    int deferred = -1;
    while (true) {
      // Successors in order, as the recursive search takes them. A target
      // numbered before this block and finished is off the path: a cross
      // edge.
      final int currentNumber = number[block];
      int target = -1;
      while (next != end) {
        int candidate = successors[next];
        int targetNumber = number[candidate];
        if (targetNumber == UNVISITED) {
          target = candidate;
          next++;
          break;
        }
        if (targetNumber < currentNumber && last[candidate] != OPEN) {
          crossEdge(block, candidate, lsg);
        }
        next++;
      }
      if (target != -1) {
        stackBlock[stackSize] = block;
        stackNext[stackSize] = next;
        stackEnd[stackSize] = end;
        stackDeferred[stackSize] = deferred;
        stackSize++;
        block = target;
        number[block] = nextNumber++;
        last[block] = OPEN;
        unionFind[block] = block;
        next = successorBegin[block];
        end = successorBegin[block + 1];
        deferred = -1;
        continue;
      }

      // Finished: w's whole subtree is numbered and done.
      final int w = block;
      final int wLast = nextNumber - 1;
      last[w] = wLast;
      // Entries from w into loops below it, deferred to now: the loops
      // around theirs up to w are entered from outside (irreducible), and
      // the loop around the outermost of them, w's or above, takes w in.
      for (int d = deferred; d != -1; d = deferredNext[d]) {
        int header = deferredHeader[d];
        markIrreducible(lsg.parent(lsg.loopOf(header)), currentNumber, lsg);
        addEntry(findSet(header), w);
      }
      // Step d: P starts as the loops (or blocks) the back edges come from,
      // all in w's subtree. Most blocks have none and are done here.
      int poolSize = 0;
      boolean selfLoop = false;
      for (int i = predecessorBegin[w], stop = predecessorBegin[w + 1]; i < stop; i++) {
        int v = predecessors[i];
        int vNumber = number[v];  // UNVISITED is outside any range
        if (vNumber < currentNumber || vNumber > wLast) continue;
        if (v == w) {
          selfLoop = true;
        } else {
          int loop = findSet(v);
          if (loop != w) {
            unionFind[loop] = w;  // in w's set as it joins P
            pool[poolSize++] = loop;
          }
        }
      }
      if (poolSize > 0) {
        collectLoop(cfg, w, poolSize, lsg);
      } else if (selfLoop) {
        lsg.createNewLoop(w, true);
      }

      if (stackSize == 0) break;
      stackSize--;
      block = stackBlock[stackSize];
      next = stackNext[stackSize];
      end = stackEnd[stackSize];
      deferred = stackDeferred[stackSize];
    }

    for (int i = 0; i < blocksWithEntriesCount; i++) entriesHead[blocksWithEntries[i]] = -1;
    blocksWithEntriesCount = 0;
    entryCount = 0;
    deferredCount = 0;
    return lsg.numLoops();
  }
}
