#ifndef HAVLAK_VARIANTS_HAVLAK2_LOOP_FINDER_H_
#define HAVLAK_VARIANTS_HAVLAK2_LOOP_FINDER_H_

// Havlak's loop recognition ("Nesting of reducible and irreducible loops",
// TOPLAS 1997): it finds the loop nesting forest of a CFG, reducible and
// irreducible loops alike, not its cycles or SCCs. Hundt's design, with the
// changes of this rung and those below it (README.md).

#include "havlak2/cfg.h"
#include "havlak2/loop_structure_graph.h"

namespace havlak2 {

// Finds the loops of `cfg` and adds them to `lsg`. Returns lsg->NumLoops(),
// which counts the artificial root. Each call builds all of its bookkeeping
// afresh, as Hundt's program did.
int FindHavlakLoops(const Cfg& cfg, LoopStructureGraph* lsg);

}  // namespace havlak2

#endif  // HAVLAK_VARIANTS_HAVLAK2_LOOP_FINDER_H_
