// Havlak's loop recognition ("Nesting of reducible and irreducible
// loops", TOPLAS 1997) in Hundt's design: Maps, Sets and arrays of
// objects, all built afresh on every call, and a recursive depth-first
// search.

// Union-find after Tarjan (1983): each node points towards the header of
// the outermost loop found so far that contains it.
class UnionFindNode {
  constructor() {
    this.parent = null;
    this.bb = null;
    this.loop = null;
    this.dfsNumber = 0;
  }

  initNode(bb, dfsNumber) {
    this.parent = this;
    this.bb = bb;
    this.dfsNumber = dfsNumber;
    this.loop = null;
  }

  // The set's representative, with path compression: every node passed
  // on the way is pointed straight at it.
  findSet() {
    const nodeList = [];
    let node = this;
    while (node !== node.parent) {
      if (node.parent !== node.parent.parent) nodeList.push(node);
      node = node.parent;
    }
    for (const onPath of nodeList) onPath.parent = node;
    return node;
  }

  union(basicBlock) {
    this.parent = basicBlock;
  }
}

const BlockType = Object.freeze({
  NON_HEADER: 0, // a plain block
  REDUCIBLE: 1, // header of a reducible loop
  SELF: 2, // header of a one-block loop
  IRREDUCIBLE: 3, // header of an irreducible loop
  DEAD: 4, // not reachable from the start
});

const UNVISITED = -1;

// One call's worth of bookkeeping, named as in Havlak's paper. Blocks are
// identified by preorder number from step b on.
class HavlakLoopFinder {
  constructor(cfg, lsg) {
    this.cfg = cfg;
    this.lsg = lsg;
    this.number = new Map(); // block -> preorder number
    this.nodes = []; // by preorder number
    this.last = []; // the last preorder number in each subtree
    this.header = []; // the innermost loop header of each block
    this.type = [];
    this.backPreds = [];
    this.nonBackPreds = [];
  }

  // With preorder numbers, w is an ancestor of v in the search's spanning
  // tree iff v lies in w's subtree range [w, last[w]].
  isAncestor(w, v) {
    return w <= v && v <= this.last[w];
  }

  // Numbers the blocks reachable from `block` in preorder, starting with
  // `current`; returns the last number used. One call deeper per block.
  dfs(block, current) {
    this.nodes[current].initNode(block, current);
    this.number.set(block, current);
    let lastId = current;
    const outEdges = block.outEdges;
    for (let i = 0; i < outEdges.length; i++) {
      const target = outEdges[i];
      if (this.number.get(target) === UNVISITED) lastId = this.dfs(target, lastId + 1);
    }
    this.last[current] = lastId;
    return lastId;
  }

  findLoops() {
    const { cfg, lsg } = this;
    if (cfg.startNode === null) return lsg.numLoops;
    const size = cfg.numNodes;
    for (let i = 0; i < size; i++) {
      this.nodes.push(new UnionFindNode());
      this.last.push(0);
      this.header.push(0);
      this.type.push(BlockType.NON_HEADER);
      this.backPreds.push([]);
      this.nonBackPreds.push(new Set());
    }

    // Step a: number the blocks in preorder; unreached blocks keep
    // UNVISITED.
    for (const block of cfg.basicBlockMap.values()) this.number.set(block, UNVISITED);
    this.dfs(cfg.startNode, 0);

    // Step b: split each reached block's incoming edges into back edges
    // (from a descendant, following Tarjan) and the rest. O(E) Map lookups.
    for (let w = 0; w < size; w++) {
      this.header[w] = 0;
      this.type[w] = BlockType.NON_HEADER;
      const nodeW = this.nodes[w].bb;
      if (nodeW === null) {
        this.type[w] = BlockType.DEAD;
        continue;
      }
      for (const nodeV of nodeW.inEdges) {
        const v = this.number.get(nodeV);
        if (v === UNVISITED) continue; // an edge from a dead block
        if (this.isAncestor(w, v)) {
          this.backPreds[w].push(v);
        } else {
          this.nonBackPreds[w].add(v);
        }
      }
    }
    this.header[0] = 0; // the start block is the root of all other loops

    // Step c: visit the blocks in reverse preorder, so inner loop headers
    // come before the headers of loops around them. For a header w, chase
    // backwards from the sources of its back edges, collecting the loop
    // body P (nodePool). Every candidate is looked for in P linearly
    // (includes), so a body of p blocks costs O(p^2) here.
    for (let w = size - 1; w >= 0; w--) {
      const nodeW = this.nodes[w].bb;
      if (nodeW === null) continue;

      // Step d: P starts as the loops (or blocks) the back edges come from.
      const nodePool = [];
      for (const v of this.backPreds[w]) {
        if (v !== w) {
          nodePool.push(this.nodes[v].findSet());
        } else {
          this.type[w] = BlockType.SELF;
        }
      }
      const workList = [...nodePool];
      if (nodePool.length > 0) this.type[w] = BlockType.REDUCIBLE;

      while (workList.length > 0) {
        const x = workList.shift();
        // Step e, Havlak's change to Tarjan: a predecessor outside w's
        // subtree is a second entry into the loop, which makes it
        // irreducible; it is remembered as an entry to w itself. (x is
        // never w: w joins no set before its own loop.)
        for (const y of this.nonBackPreds[x.dfsNumber]) {
          const ydash = this.nodes[y].findSet();
          if (!this.isAncestor(w, ydash.dfsNumber)) {
            this.type[w] = BlockType.IRREDUCIBLE;
            this.nonBackPreds[w].add(ydash.dfsNumber);
          } else if (ydash.dfsNumber !== w && !nodePool.includes(ydash)) {
            workList.push(ydash);
            nodePool.push(ydash);
          }
        }
      }

      // Collapse the loop body into w and record the loop. Nested loops
      // join as children, other blocks as the loop's own.
      if (nodePool.length > 0 || this.type[w] === BlockType.SELF) {
        const loop = lsg.createNewLoop();
        loop.setHeader(nodeW);
        loop.isReducible = this.type[w] !== BlockType.IRREDUCIBLE;
        this.nodes[w].loop = loop;
        for (const node of nodePool) {
          this.header[node.dfsNumber] = w;
          node.union(this.nodes[w]);
          if (node.loop !== null) {
            node.loop.setParent(loop);
          } else {
            loop.addNode(node.bb);
          }
        }
      }
    }
    return lsg.numLoops;
  }
}

// Fills `lsg` with the loops of `cfg`; returns its number of loops,
// counting the artificial root. A new finder, Maps and all, every call.
export function findHavlakLoops(cfg, lsg) {
  return new HavlakLoopFinder(cfg, lsg).findLoops();
}
