// js-top: the C++ top rung's ideas in JavaScript: typed arrays indexed by
// block number, the CFG in compressed sparse rows, one iterative
// depth-first search in which each block is a candidate header the moment
// it is finished, union-find as the loop body, Ramalingam's fix, no
// allocation per finding, and one loop graph refilled by every finding.
// README.md says what its profile shows.

import { Cfg } from './cfg.mjs';
import { LoopFinder } from './loop_finder.mjs';
import { LoopStructureGraph } from './loop_structure_graph.mjs';

export const program = {
  name: 'js-top',
  idea: "the C++ top rung's one-pass search in JavaScript: Int32Arrays, no allocation per finding",
  // findLoops clears the graph it is given, so one can serve every call.
  reusesLoopGraph: true,
  recursive: false,
  newCfg: () => new Cfg(),
  newFinder: () => new LoopFinder(),
  newLoopGraph: () => new LoopStructureGraph(),
  findLoops: (finder, cfg, lsg) => finder.findLoops(cfg, lsg),
};
