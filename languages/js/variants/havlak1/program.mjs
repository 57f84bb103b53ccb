// js-havlak1: our C++ havlak1 (Hundt's map-heavy design) as a JavaScript
// programmer writes it: classes, Map and Set of block objects, a recursive
// depth-first search. README.md says how it maps onto the C++.

import { CFG } from './cfg.mjs';
import { findHavlakLoops } from './loop_finder.mjs';
import { LoopStructureGraph } from './loop_structure_graph.mjs';

export const program = {
  name: 'js-havlak1',
  idea: "Hundt's map-heavy design in idiomatic JavaScript: classes, Map, Set, recursion",
  reusesLoopGraph: false,
  // The depth-first search recurses, one call deeper per block of a chain,
  // and so do the nesting levels, per loop of a nest.
  recursive: true,
  newCfg: () => new CFG(),
  // Hundt's entry point builds a new finder on every call.
  newFinder: () => null,
  newLoopGraph: () => new LoopStructureGraph(),
  findLoops: (finder, cfg, lsg) => findHavlakLoops(cfg, lsg),
};
