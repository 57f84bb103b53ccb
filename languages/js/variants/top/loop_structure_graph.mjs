// The loop structure graph in flat arrays. Loop i (0 is the artificial
// root) is its header, its parent and whether it is reducible, one entry
// in each of three typed arrays, and one array maps each block to its
// innermost loop, which also says what each loop's own blocks are. Depths
// and nesting levels get arrays of their own when they are computed, in
// one pass over the parents, because a loop is always created after the
// loops inside it.

export const ROOT = 0;
export const NO_LOOP = -1;

export class LoopStructureGraph {
  constructor() {
    this.numLoops = 0;
    this.loopHeader = new Int32Array(16); // the root's is NO_LOOP
    this.loopParent = new Int32Array(16);
    this.loopReducible = new Uint8Array(16);
    this.blockLoop = new Int32Array(0);
    this.numBlocks = 0;
    this.depth = new Int32Array(0);
    this.nestingLevel = new Int32Array(0);
    this.clear(0);
  }

  // Forgets every loop but the root and makes the block map cover
  // `numBlocks` blocks, none in a loop. Keeps the storage.
  clear(numBlocks) {
    this.numLoops = 0;
    this.createNewLoop(NO_LOOP, true);
    if (this.blockLoop.length < numBlocks) this.blockLoop = new Int32Array(numBlocks);
    this.blockLoop.fill(NO_LOOP, 0, numBlocks);
    this.numBlocks = numBlocks;
  }

  // A new loop headed by `header`, which joins it. Returns its index.
  createNewLoop(header, reducible) {
    const lp = this.numLoops++;
    if (lp === this.loopHeader.length) this.grow();
    this.loopHeader[lp] = header;
    this.loopParent[lp] = NO_LOOP;
    this.loopReducible[lp] = reducible ? 1 : 0;
    if (header !== NO_LOOP) this.blockLoop[header] = lp;
    return lp;
  }

  grow() {
    const capacity = 2 * this.loopHeader.length;
    const grown = (array) => {
      const bigger = new array.constructor(capacity);
      bigger.set(array);
      return bigger;
    };
    this.loopHeader = grown(this.loopHeader);
    this.loopParent = grown(this.loopParent);
    this.loopReducible = grown(this.loopReducible);
  }

  // `block` joins `lp`: the loop is its innermost one.
  addNode(lp, block) {
    this.blockLoop[block] = lp;
  }

  setParent(lp, parent) {
    this.loopParent[lp] = parent;
  }

  markIrreducible(lp) {
    this.loopReducible[lp] = 0;
  }

  parent(lp) {
    return this.loopParent[lp];
  }

  header(lp) {
    return this.loopHeader[lp];
  }

  // The innermost loop holding `block` so far, or NO_LOOP.
  loopOf(block) {
    return this.blockLoop[block];
  }

  // Links outermost loops to the root, then sets depths and nesting levels.
  calculateNestingLevel() {
    const loops = this.numLoops;
    const parents = this.loopParent;
    for (let lp = 1; lp < loops; lp++) {
      if (parents[lp] === NO_LOOP) parents[lp] = ROOT;
    }
    // Children come before their parent, so each nesting level is final
    // before it is passed up.
    const nestingLevel = this.nestingLevel = new Int32Array(loops);
    for (let lp = 1; lp < loops; lp++) {
      const parent = parents[lp];
      nestingLevel[parent] = Math.max(nestingLevel[parent], nestingLevel[lp] + 1);
    }
    // Parents come after their children: depths from the end.
    const depth = this.depth = new Int32Array(loops);
    for (let lp = loops - 1; lp >= 1; lp--) depth[lp] = depth[parents[lp]] + 1;
  }

  rootNestingLevel() {
    return this.numLoops > 0 && this.nestingLevel.length > 0 ? this.nestingLevel[ROOT] : 0;
  }

  // Requires calculateNestingLevel() (forest.mjs says what a loop is).
  toLoopForest() {
    const blocks = Array.from({ length: this.numLoops }, () => []);
    for (let block = 0; block < this.numBlocks; block++) {
      const lp = this.blockLoop[block];
      if (lp !== NO_LOOP) blocks[lp].push(block);
    }
    const forest = [];
    for (let lp = 1; lp < this.numLoops; lp++) {
      const parent = this.loopParent[lp];
      forest.push({
        header: this.loopHeader[lp],
        blocks: blocks[lp],
        reducible: this.loopReducible[lp] === 1,
        parent: parent === ROOT || parent === NO_LOOP ? null : this.loopHeader[parent],
        depth: this.depth[lp],
        nestingLevel: this.nestingLevel[lp],
      });
    }
    return forest;
  }
}
