// The reference loop finders on small graphs whose forests were worked out
// by hand. Comments give the depth-first preorder where it decides the
// answer.

#include "reference_loop_finder.h"

#include <optional>
#include <vector>

#include "gtest/gtest.h"
#include "havlak/workload.h"

namespace havlak::reference {
namespace {

EdgeList Graph(BlockId num_blocks, std::vector<Edge> edges, BlockId start = 0) {
  EdgeList graph;
  graph.num_blocks = num_blocks;
  graph.start = start;
  graph.edges = std::move(edges);
  return graph;
}

// For reducible graphs both references must give the hand-made forest.
void ExpectBoth(const EdgeList& graph, const LoopForest& expected) {
  EXPECT_EQ(FindLoopForest(graph), expected);
  EXPECT_EQ(NaturalLoopForest(graph), std::optional<LoopForest>(expected));
}

TEST(ReferenceLoopFinder, EmptyGraphHasNoLoops) {
  ExpectBoth(EdgeList{}, LoopForest{});
}

TEST(ReferenceLoopFinder, SingleBlockHasNoLoops) {
  ExpectBoth(Graph(1, {}), LoopForest{});
}

TEST(ReferenceLoopFinder, ChainHasNoLoops) {
  ExpectBoth(Graph(3, {{0, 1}, {1, 2}, {0, 2}}), LoopForest{});
}

TEST(ReferenceLoopFinder, SelfLoop) {
  ExpectBoth(Graph(3, {{0, 1}, {1, 1}, {1, 2}}),
             LoopForest{{{.header = 1, .blocks = {1}, .depth = 1}}});
}

TEST(ReferenceLoopFinder, SelfLoopOnTheStartBlock) {
  ExpectBoth(Graph(1, {{0, 0}}),
             LoopForest{{{.header = 0, .blocks = {0}, .depth = 1}}});
}

TEST(ReferenceLoopFinder, StartBlockNeedNotBeZero) {
  ExpectBoth(Graph(4, {{3, 0}, {0, 1}, {1, 0}, {1, 2}}, /*start=*/3),
             LoopForest{{{.header = 0, .blocks = {0, 1}, .depth = 1}}});
}

// 0 entry, 1 outer, 2 inner, 3 inner latch, 4 outer latch, 5 exit.
TEST(ReferenceLoopFinder, TwoNestedLoops) {
  ExpectBoth(
      Graph(6, {{0, 1}, {1, 2}, {2, 3}, {3, 2}, {3, 4}, {4, 1}, {4, 5}}),
      LoopForest{{
          {.header = 1, .blocks = {1, 4}, .depth = 1, .nesting_level = 1},
          {.header = 2, .blocks = {2, 3}, .parent = 1, .depth = 2},
      }});
}

// Loops 1 > 2 > 3, the innermost a self loop.
TEST(ReferenceLoopFinder, ThreeNestedLoops) {
  ExpectBoth(
      Graph(7, {{0, 1},
                {1, 2},
                {2, 3},
                {3, 3},
                {3, 4},
                {4, 2},
                {4, 5},
                {5, 1},
                {5, 6}}),
      LoopForest{{
          {.header = 1, .blocks = {1, 5}, .depth = 1, .nesting_level = 2},
          {.header = 2,
           .blocks = {2, 4},
           .parent = 1,
           .depth = 2,
           .nesting_level = 1},
          {.header = 3, .blocks = {3}, .parent = 2, .depth = 3},
      }});
}

// 1 is the header; 2 and 3 both jump back to it.
TEST(ReferenceLoopFinder, OneHeaderWithTwoBackEdges) {
  ExpectBoth(Graph(5, {{0, 1}, {1, 2}, {1, 3}, {2, 1}, {3, 1}, {3, 4}}),
             LoopForest{{{.header = 1, .blocks = {1, 2, 3}, .depth = 1}}});
}

// The self edge adds nothing to a loop that has another back edge.
TEST(ReferenceLoopFinder, HeaderWithSelfLoopAndAnotherBackEdge) {
  ExpectBoth(Graph(4, {{0, 1}, {1, 1}, {1, 2}, {2, 1}, {2, 3}}),
             LoopForest{{{.header = 1, .blocks = {1, 2}, .depth = 1}}});
}

// A self-loop header later collapsed into the loop around it.
TEST(ReferenceLoopFinder, SelfLoopInsideALoop) {
  ExpectBoth(
      Graph(5, {{0, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 1}, {3, 4}}),
      LoopForest{{
          {.header = 1, .blocks = {1, 3}, .depth = 1, .nesting_level = 1},
          {.header = 2, .blocks = {2}, .parent = 1, .depth = 2},
      }});
}

// entry 0 jumps to a 1 and b 2, which form a cycle; exit 3. The search
// reaches a first (preorder 0 1 2 3), so a is the header, and the edge
// entry->b is a second entry.
TEST(ReferenceLoopFinder, IrreducibleLoopWithTwoEntries) {
  const EdgeList graph = Graph(4, {{0, 1}, {0, 2}, {1, 2}, {2, 1}, {2, 3}});
  EXPECT_EQ(
      FindLoopForest(graph),
      (LoopForest{
          {{.header = 1, .blocks = {1, 2}, .reducible = false, .depth = 1}}}));
  EXPECT_EQ(NaturalLoopForest(graph), std::nullopt);
}

// The same cycle with entry->b listed first: b is reached first and heads
// the loop.
TEST(ReferenceLoopFinder, IrreducibleHeaderFollowsEdgeOrder) {
  const EdgeList graph = Graph(4, {{0, 2}, {0, 1}, {1, 2}, {2, 1}, {2, 3}});
  EXPECT_EQ(
      FindLoopForest(graph),
      (LoopForest{
          {{.header = 2, .blocks = {1, 2}, .reducible = false, .depth = 1}}}));
  EXPECT_EQ(NaturalLoopForest(graph), std::nullopt);
}

// Reachable: 0 -> loop {1, 2} -> 3. Dead: the cycle 4 <-> 5, which also
// jumps into the loop (it would make the loop irreducible if it counted),
// the self loop 6, and the isolated block 7.
TEST(ReferenceLoopFinder, UnreachableBlocksBelongToNoLoop) {
  ExpectBoth(
      Graph(8,
            {{0, 1}, {1, 2}, {2, 1}, {2, 3}, {4, 5}, {5, 4}, {5, 2}, {6, 6}}),
      LoopForest{{{.header = 1, .blocks = {1, 2}, .depth = 1}}});
}

// Dead code may be irreducible: only the reachable part must be reducible.
TEST(ReferenceLoopFinder, UnreachableIrreducibleCycleIsIgnored) {
  ExpectBoth(Graph(5, {{0, 1}, {2, 3}, {2, 4}, {3, 4}, {4, 3}, {4, 1}}),
             LoopForest{});
}

TEST(ReferenceLoopFinder, RepeatedEdgesChangeNothing) {
  ExpectBoth(Graph(4, {{0, 1},
                       {1, 2},
                       {2, 1},
                       {2, 1},
                       {1, 2},
                       {2, 3},
                       {0, 1},
                       {3, 3},
                       {3, 3}}),
             LoopForest{{
                 {.header = 1, .blocks = {1, 2}, .depth = 1},
                 {.header = 3, .blocks = {3}, .depth = 1},
             }});
}

// Outer loop 1 (latch 6) holds {2, 3} and then {4, 5}.
TEST(ReferenceLoopFinder, SiblingLoopsInALoop) {
  ExpectBoth(
      Graph(8, {{0, 1},
                {1, 2},
                {2, 3},
                {3, 2},
                {3, 4},
                {4, 5},
                {5, 4},
                {5, 6},
                {6, 1},
                {6, 7}}),
      LoopForest{{
          {.header = 1, .blocks = {1, 6}, .depth = 1, .nesting_level = 1},
          {.header = 2, .blocks = {2, 3}, .parent = 1, .depth = 2},
          {.header = 4, .blocks = {4, 5}, .parent = 1, .depth = 2},
      }});
}

// Outer loop 1 (latch 4) holds the cycle 2 <-> 3, which 1 enters at both
// 2 and 3. Preorder equals block ids.
TEST(ReferenceLoopFinder, IrreducibleLoopInsideAReducibleOne) {
  const EdgeList graph = Graph(
      6, {{0, 1}, {1, 2}, {1, 3}, {2, 3}, {3, 2}, {3, 4}, {4, 1}, {4, 5}});
  EXPECT_EQ(FindLoopForest(graph),
            (LoopForest{{
                {.header = 1, .blocks = {1, 4}, .depth = 1, .nesting_level = 1},
                {.header = 2,
                 .blocks = {2, 3},
                 .reducible = false,
                 .parent = 1,
                 .depth = 2},
            }}));
  EXPECT_EQ(NaturalLoopForest(graph), std::nullopt);
}

// Outer loop 1 (latch 6); inner cycle 3 <-> 4, entered at 3 from 2 and at 4
// from 5. Preorder: 0 1 2 3 4 6 7 5, so 5 is outside 3's subtree. Block 5
// reaches the outer loop only through 4, which is collapsed into 3 by then:
// the outer loop finds 5 only because step e handed 5 on to 3.
TEST(ReferenceLoopFinder, SecondEntryIsPassedToTheEnclosingLoop) {
  const EdgeList graph = Graph(8, {{0, 1},
                                   {1, 2},
                                   {2, 3},
                                   {2, 5},
                                   {3, 4},
                                   {4, 3},
                                   {4, 6},
                                   {5, 4},
                                   {6, 1},
                                   {6, 7}});
  EXPECT_EQ(
      FindLoopForest(graph),
      (LoopForest{{
          {.header = 1, .blocks = {1, 2, 5, 6}, .depth = 1, .nesting_level = 1},
          {.header = 3,
           .blocks = {3, 4},
           .reducible = false,
           .parent = 1,
           .depth = 2},
      }}));
  EXPECT_EQ(NaturalLoopForest(graph), std::nullopt);
}

// The workload's small graph; 0->2 jumps into the loop headed by 1.
EdgeList SuiteSanityGraph() {
  EdgeList graph;
  BuildSmallGraph(graph);
  return graph;
}

// Preorder numbers differ from block ids here (0 1 2 4 5 6 8 9 10 7 3),
// which the answer must not show.
TEST(ReferenceLoopFinder, SuiteSanityGraph) {
  const EdgeList graph = SuiteSanityGraph();
  EXPECT_EQ(FindLoopForest(graph), SmallGraphLoopForest());
  EXPECT_EQ(NaturalLoopForest(graph), std::nullopt);
}

EdgeList SanityGraphWithoutJumpIntoLoop() {
  EdgeList graph = SuiteSanityGraph();
  std::erase(graph.edges, Edge{0, 2});
  return graph;
}

// Without 0->2 the sanity graph is reducible, and both references agree on
// it and on a few structured graphs: a loop with break and continue, a
// loop whose body is an if/else, and loops that share an exit.
TEST(ReferenceLoopFinder, BothReferencesAgreeOnReducibleGraphs) {
  const std::vector<EdgeList> graphs = {
      SanityGraphWithoutJumpIntoLoop(),
      // while (1) { while (2) { if (3) break; if (4) continue; 5 } 6 } 7
      Graph(8, {{0, 1},
                {1, 2},
                {1, 7},
                {2, 3},
                {2, 6},
                {3, 6},
                {3, 4},
                {4, 2},
                {4, 5},
                {5, 2},
                {6, 1}}),
      // do { if (1) 2 else 3; 4 } while (4), twice in a row.
      Graph(10, {{0, 1},
                 {1, 2},
                 {1, 3},
                 {2, 4},
                 {3, 4},
                 {4, 1},
                 {4, 5},
                 {5, 6},
                 {6, 7},
                 {6, 8},
                 {7, 9},
                 {8, 9},
                 {9, 6},
                 {9, 5}}),
      // Two loops whose exits go to the same block, and an early return.
      Graph(6, {{0, 1},
                {1, 1},
                {1, 2},
                {0, 2},
                {2, 3},
                {3, 2},
                {3, 4},
                {2, 5},
                {4, 5}}),
  };
  for (const EdgeList& graph : graphs) {
    const std::optional<LoopForest> natural = NaturalLoopForest(graph);
    ASSERT_TRUE(natural.has_value()) << "a reducible graph";
    EXPECT_EQ(FindLoopForest(graph), *natural);
  }
}

}  // namespace
}  // namespace havlak::reference
