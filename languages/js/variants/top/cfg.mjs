// The control-flow graph in flat arrays: every block's successors are one
// range of a single Int32Array, and so are its predecessors (compressed
// sparse rows). addEdge records an edge; finish() lays the recorded edges
// out in the rows, keeping each block's edges in the order they were
// added (the search follows that order).

import { IntList } from './int_list.mjs';

// One direction of the edges: block b's neighbours are
// neighbours[begin[b] .. begin[b + 1]).
class Rows {
  constructor() {
    this.begin = new Int32Array(1);
    this.neighbours = new Int32Array(0);
  }

  // Appends the edges in `added` (from, to pairs; by target: to each
  // target its sources) after each block's neighbours so far, in order.
  // O(N + E).
  append(numBlocks, added, byTarget) {
    const oldBlocks = this.begin.length - 1;
    const key = byTarget ? 1 : 0;
    const pairs = added.data;
    const edges = added.length >> 1;
    const begin = new Int32Array(numBlocks + 1);
    for (let block = 0; block < oldBlocks; block++) {
      begin[block + 1] = this.begin[block + 1] - this.begin[block];
    }
    for (let i = 0; i < edges; i++) begin[pairs[2 * i + key] + 1]++;
    for (let block = 0; block < numBlocks; block++) begin[block + 1] += begin[block];
    // Old neighbours first, then the added ones in the order they came.
    const neighbours = new Int32Array(begin[numBlocks]);
    const fill = begin.slice(0, numBlocks);
    for (let block = 0; block < oldBlocks; block++) {
      for (let i = this.begin[block]; i < this.begin[block + 1]; i++) {
        neighbours[fill[block]++] = this.neighbours[i];
      }
    }
    for (let i = 0; i < edges; i++) {
      neighbours[fill[pairs[2 * i + key]]++] = pairs[2 * i + 1 - key];
    }
    this.begin = begin;
    this.neighbours = neighbours;
  }
}

export class Cfg {
  constructor() {
    this.numNodes = 0;
    this.start = -1; // none yet
    this.successors = new Rows();
    this.predecessors = new Rows();
    this.added = new IntList(); // from, to pairs since the last finish()
  }

  // The first block created is the start block.
  createNode(name) {
    if (name >= this.numNodes) this.numNodes = name + 1;
    if (this.start < 0) this.start = name;
  }

  addEdge(from, to) {
    this.createNode(from);
    this.createNode(to);
    this.added.push(from);
    this.added.push(to);
  }

  finish() {
    if (this.added.length === 0 && this.successors.begin.length === this.numNodes + 1) return;
    this.successors.append(this.numNodes, this.added, false);
    this.predecessors.append(this.numNodes, this.added, true);
    this.added = new IntList(); // the memory goes back
  }
}
