// The canonical loop forest: two programs found the same loops exactly
// when their forests are equal. One loop per header, ascending by header;
// each loop's own blocks (its header, and every block whose innermost loop
// it is) ascending; the artificial root not listed. A loop is
//   { header, blocks, reducible, parent, depth, nestingLevel }
// with parent the enclosing loop's header (null for an outermost loop),
// depth 1 for outermost loops and nesting level 0 for innermost ones.
// Blocks are the program's dense block numbers.

export function loopForest(loops) {
  for (const loop of loops) loop.blocks.sort((a, b) => a - b);
  return loops.sort((a, b) => a.header - b.header);
}
