#ifndef HAVLAK_WORST_CASE_H_
#define HAVLAK_WORST_CASE_H_

// Graphs on which Havlak's algorithm, as published, takes quadratic time.
//
// G. Ramalingam ("Identifying loops in almost linear time", TOPLAS 21(2),
// 1999) shows the family: a chain of 3k + 2 blocks in which
//   - blocks k+2 .. 2k+1 head k nested loops, closed by back edges from the
//     blocks 2k+2 .. 3k+1 (the innermost loop is the pair 2k+1, 2k+2);
//   - each of those loops is also entered from a block before it,
//     2 .. k+1, bypassing its header: every loop is irreducible.
// Havlak's step e hands each such entry from a loop to the loop around it,
// one level at a time: k entries climbing up to k levels, O(k^2) work on
// O(k) blocks and edges. (Numbered from 0 here: block i is the paper's
// block i+1; the start is block 0.)

#include "havlak/edge_list.h"

namespace havlak {

// 3k + 2 blocks, 5k + 1 edges (one of them twice). Requires k >= 1.
EdgeList RamalingamWorstCase(int k);

}  // namespace havlak

#endif  // HAVLAK_WORST_CASE_H_
