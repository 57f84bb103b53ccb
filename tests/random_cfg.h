#ifndef HAVLAK_TESTS_RANDOM_CFG_H_
#define HAVLAK_TESTS_RANDOM_CFG_H_

// Seeded random control-flow graphs for conformance and property tests. The
// same seed gives the same graph on every machine (the generator uses only
// std::mt19937_64, whose output the standard fixes).
//
// Example:
//   const havlak::testing::RandomCfg cfg = MakeRandomCfg(seed, 5000);
//   SCOPED_TRACE(cfg.description);   // "seed 17: irreducible, 812 blocks"

#include <cstdint>
#include <string>

#include "havlak/edge_list.h"

namespace havlak::testing {

enum class CfgShape {
  kStructured,    // nested if/else, while and do-while loops with breaks and
                  // continues: reducible
  kIrreducible,   // structured, plus jumps into the middle of loops
  kDeepNest,      // loops nested hundreds deep
  kUnstructured,  // edges between random blocks
};

struct RandomCfg {
  EdgeList graph;
  CfgShape shape;
  std::string description;
};

// A graph of 1 to `max_blocks` blocks whose shape, size and extras
// (unreachable blocks, self loops, repeated edges, shuffled successor order)
// all follow from `seed`.
RandomCfg MakeRandomCfg(std::uint64_t seed, int max_blocks);

// The same, with the shape chosen by the caller.
RandomCfg MakeRandomCfg(std::uint64_t seed, int max_blocks, CfgShape shape);

// The conformance suite's graphs (conformance_test.h): seeds 0 to
// kConformanceCfgs - 1, of up to kConformanceMaxBlocks blocks.
inline constexpr std::uint64_t kConformanceCfgs = 300;
inline constexpr int kConformanceMaxBlocks = 5000;

}  // namespace havlak::testing

#endif  // HAVLAK_TESTS_RANDOM_CFG_H_
