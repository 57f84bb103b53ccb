#ifndef HAVLAK_WORKLOAD_H_
#define HAVLAK_WORKLOAD_H_

// Hundt's LoopTesterApp workload (Scala Days 2011, as in Cox's "Profiling Go
// Programs"), written against any graph builder with Hundt's interface:
//
//   void CreateNode(BlockId);          // creates the block if it is new
//   void AddEdge(BlockId, BlockId);    // creates both ends if they are new
//
// The first block ever created is the start block. The big graph reuses the
// small graph's block numbers on purpose: the two are one CFG.

#include <cstdint>

#include "havlak/loop_forest.h"
#include "havlak/types.h"

namespace havlak {

struct WorkloadSpec {
  // The canonical, citable workload; Scaled() derives the others.
  int trees = 10;            // loop trees hanging off block 2
  int loops_per_tree = 100;  // outer loops in a chain, per tree
  int small_graph_finds = 15000;
  int big_graph_finds = 50;  // after the first finding on the big graph

  static constexpr int kBaseLoopsPerLoop = 25;

  // `scale` multiplies the loops per tree (100) and the small-graph finds
  // (15000), so the graph and the first phase grow linearly with it; the
  // number of repeated big-graph finds is given separately.
  // Requires 100 * scale to round to at least 1.
  static WorkloadSpec Scaled(double scale, int big_graph_finds);

  bool IsCanonical() const;

  // Blocks in the small graph, and in the big graph built on top of it.
  static constexpr BlockId kSmallGraphBlocks = 11;
  std::int64_t BigGraphBlocks() const;

  // Loops each finding must report, counting the artificial root as Hundt's
  // program does. How these numbers follow from the graph's shape is worked
  // out in tests/workload_test.cc, and checked there against every rung and
  // an independent reference finder.
  static constexpr int kSmallGraphLoops = 4;
  std::int64_t ExpectedBigGraphLoops() const;
  // The deepest loop's depth in the big graph: the artificial root's nesting
  // level after the nesting-level computation.
  static constexpr int kBigGraphLoopDepth = 5;
};

// Edges i -> i+1 for i in start .. start+n-1; returns start+n.
template <typename Builder>
BlockId BuildStraight(Builder& cfg, BlockId start, int n) {
  for (int i = 0; i < n; ++i) cfg.AddEdge(start + i, start + i + 1);
  return start + n;
}

// s -> s+1, s -> s+2, s+1 -> s+3, s+2 -> s+3; returns s+3.
template <typename Builder>
BlockId BuildDiamond(Builder& cfg, BlockId start) {
  cfg.AddEdge(start, start + 1);
  cfg.AddEdge(start, start + 2);
  cfg.AddEdge(start + 1, start + 3);
  cfg.AddEdge(start + 2, start + 3);
  return start + 3;
}

// Hundt's base loop: creates blocks from+1 .. from+10 and three loops, one
// around each diamond (diamond1 -> header, diamond2 -> d11) and one around
// both (footer -> from). Returns from+10, the block after the footer.
template <typename Builder>
BlockId BuildBaseLoop(Builder& cfg, BlockId from) {
  const BlockId header = BuildStraight(cfg, from, 1);
  const BlockId diamond1 = BuildDiamond(cfg, header);
  const BlockId d11 = BuildStraight(cfg, diamond1, 1);
  const BlockId diamond2 = BuildDiamond(cfg, d11);
  const BlockId footer = BuildStraight(cfg, diamond2, 1);
  cfg.AddEdge(diamond2, d11);
  cfg.AddEdge(diamond1, header);
  cfg.AddEdge(footer, from);
  return BuildStraight(cfg, footer, 1);
}

// Blocks 0..10: one base loop from block 0, plus the edge 0 -> 2.
template <typename Builder>
void BuildSmallGraph(Builder& cfg) {
  cfg.CreateNode(0);
  BuildBaseLoop(cfg, 0);
  cfg.CreateNode(1);
  cfg.AddEdge(0, 2);
}

// The small graph's loops, as every finder must report them (kSmallGraphLoops
// with the root; worked out in tests/workload_test.cc): 0 around both
// diamonds and the footer, 1 around the first diamond, irreducible (0 -> 2
// enters it past its header), and 5 around the second.
LoopForest SmallGraphLoopForest();

// Grows the small graph (already in `cfg`) into the big one.
template <typename Builder>
void BuildBigGraph(const WorkloadSpec& spec, Builder& cfg) {
  BlockId n = 2;
  for (int tree = 0; tree < spec.trees; ++tree) {
    cfg.CreateNode(n + 1);
    cfg.AddEdge(2, n + 1);
    n = n + 1;
    for (int loop = 0; loop < spec.loops_per_tree; ++loop) {
      const BlockId top = n;
      n = BuildStraight(cfg, n, 1);
      for (int i = 0; i < WorkloadSpec::kBaseLoopsPerLoop; ++i) {
        n = BuildBaseLoop(cfg, n);
      }
      const BlockId bottom = BuildStraight(cfg, n, 1);
      cfg.AddEdge(n, top);
      n = bottom;
    }
    cfg.AddEdge(n, 1);
  }
}

}  // namespace havlak

#endif  // HAVLAK_WORKLOAD_H_
