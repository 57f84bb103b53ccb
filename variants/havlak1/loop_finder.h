#ifndef HAVLAK_VARIANTS_HAVLAK1_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK1_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997) as Hundt wrote it in C++: it finds the loop nesting forest of
// a CFG, reducible and irreducible loops alike, not its cycles or SCCs.

#include "havlak1/cfg.h"
#include "havlak1/loop_structure_graph.h"

namespace havlak1 {

// Finds the loops of `cfg` and adds them to `lsg`. Returns lsg->NumLoops(),
// which counts the artificial root. Each call builds all of its bookkeeping
// afresh, as Hundt's program did.
int FindHavlakLoops(const Cfg& cfg, LoopStructureGraph* lsg);

}  // namespace havlak1

#endif  // HAVLAK_VARIANTS_HAVLAK1_LOOP_FINDER_H_
