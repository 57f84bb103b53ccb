#ifndef HAVLAK_TESTS_NAMED_CFG_H_
#define HAVLAK_TESTS_NAMED_CFG_H_

// A CFG written as edges between named blocks, so a test's expected loops
// can be read off the names:
//
//   const NamedCfg cfg = {{"entry", "loop"}, {"loop", "loop"}};
//   EXPECT_FOREST(FindLoopForest<R>(cfg.graph()),
//                 cfg.Forest({{.header = "loop", .blocks = {"loop"}}}));
//
// Blocks are numbered in order of first mention; the first is the start.

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "havlak/edge_list.h"
#include "havlak/loop_forest.h"

namespace havlak::testing {

// A loop in names. Depth 1 and nesting level 0 are an outermost, innermost
// loop; an empty parent means none.
struct NamedLoop {
  std::string header;
  std::vector<std::string> blocks;
  std::string parent;
  int depth = 1;
  int nesting_level = 0;
  bool reducible = true;
};

class NamedCfg {
 public:
  NamedCfg(std::initializer_list<std::pair<std::string, std::string>> edges);

  // Adds a block without edges.
  NamedCfg& AddBlock(const std::string& name);

  BlockId operator[](const std::string& name) const;
  const EdgeList& graph() const { return graph_; }
  LoopForest Forest(std::initializer_list<NamedLoop> loops) const;

 private:
  BlockId Id(const std::string& name);

  std::map<std::string, BlockId> ids_;
  EdgeList graph_;
};

// Compares forests, printing only the first difference: forests of big
// graphs are too long to print whole.
::testing::AssertionResult ForestsEqual(const LoopForest& actual,
                                        const LoopForest& expected);

#define EXPECT_FOREST(actual, expected) \
  EXPECT_TRUE(::havlak::testing::ForestsEqual((actual), (expected)))

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_NAMED_CFG_H_
