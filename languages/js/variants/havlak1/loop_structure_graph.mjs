// Hundt's loop structure graph: every loop an object holding a Set of its
// blocks and a Set of its child loops, all loops in an array, under an
// artificial root loop.
//
//   loop        nesting level   depth
//   root        2               0
//     loop-1    1               1
//       loop-2  0               2
//     loop-3    0               1

export class SimpleLoop {
  constructor(counter) {
    this.basicBlocks = new Set();
    this.children = new Set();
    this.parent = null;
    this.header = null;
    this.isReducible = true;
    this.counter = counter;
    this.nestingLevel = 0;
    this.depthLevel = 0;
  }

  addNode(block) {
    this.basicBlocks.add(block);
  }

  setHeader(block) {
    this.addNode(block);
    this.header = block;
  }

  setParent(parent) {
    this.parent = parent;
    parent.children.add(this);
  }
}

export class LoopStructureGraph {
  constructor() {
    this.loops = [];
    this.loopCounter = 0;
    this.root = this.createNewLoop();
  }

  // A new loop, counted in numLoops.
  createNewLoop() {
    const loop = new SimpleLoop(this.loopCounter++);
    this.loops.push(loop);
    return loop;
  }

  // Links outermost loops to the root, then sets every loop's depth and
  // nesting level.
  calculateNestingLevel() {
    for (const loop of this.loops) {
      if (loop !== this.root && loop.parent === null) loop.setParent(this.root);
    }
    this.calculateNestingLevelRec(this.root, 0);
  }

  // Recursive: one call deeper per level of the nest.
  calculateNestingLevelRec(loop, depth) {
    loop.depthLevel = depth;
    for (const child of loop.children) {
      this.calculateNestingLevelRec(child, depth + 1);
      loop.nestingLevel = Math.max(loop.nestingLevel, 1 + child.nestingLevel);
    }
  }

  get numLoops() {
    return this.loops.length;
  }

  rootNestingLevel() {
    return this.root.nestingLevel;
  }

  // Requires calculateNestingLevel() (forest.mjs says what a loop is).
  toLoopForest() {
    return this.loops.filter((loop) => loop !== this.root).map((loop) => ({
      header: loop.header.name,
      blocks: Array.from(loop.basicBlocks, (block) => block.name),
      reducible: loop.isReducible,
      parent: loop.parent === null || loop.parent === this.root ? null : loop.parent.header.name,
      depth: loop.depthLevel,
      nestingLevel: loop.nestingLevel,
    }));
  }
}
