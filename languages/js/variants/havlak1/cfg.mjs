// Hundt's control-flow graph: a Map from block number to block object,
// each block holding arrays of its predecessor and successor blocks, and
// every edge kept as an object in a list, as his Java has it.

export class BasicBlock {
  constructor(name) {
    this.name = name;
    this.inEdges = [];
    this.outEdges = [];
  }
}

export class BasicBlockEdge {
  constructor(from, to) {
    this.from = from;
    this.to = to;
    from.outEdges.push(to);
    to.inEdges.push(from);
  }
}

export class CFG {
  constructor() {
    this.basicBlockMap = new Map();
    this.edgeList = []; // no one reads it back: its cost is part of the design
    this.startNode = null;
  }

  // The first block created is the start block.
  createNode(name) {
    let node = this.basicBlockMap.get(name);
    if (node === undefined) {
      node = new BasicBlock(name);
      this.basicBlockMap.set(name, node);
    }
    if (this.startNode === null) this.startNode = node;
    return node;
  }

  // Creates both ends if they are new.
  addEdge(from, to) {
    this.edgeList.push(new BasicBlockEdge(this.createNode(from), this.createNode(to)));
  }

  finish() {}

  get numNodes() {
    return this.basicBlockMap.size;
  }
}
