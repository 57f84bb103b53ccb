#include "random_cfg.h"

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace havlak::testing {
namespace {

// Uniform enough for tests, and the same everywhere (the distributions of
// <random> are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // In [0, n).
  int Below(int n) { return static_cast<int>(engine_() % n); }
  // In [low, high].
  int Between(int low, int high) { return low + Below(high - low + 1); }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  std::mt19937_64 engine_;
};

// Builds structured code: each region has one entry and one exit block.
class StructuredBuilder {
 public:
  StructuredBuilder(Rng& rng, int budget, int max_depth, int loop_percent)
      : rng_(rng),
        budget_(budget),
        max_depth_(max_depth),
        loop_percent_(loop_percent) {}

  struct Region {
    BlockId entry;
    BlockId exit;
  };

  Region Build(int depth) {
    if (budget_ <= 1 || depth >= max_depth_) return Basic();
    const int kind = rng_.Below(100);
    if (kind < loop_percent_)
      return rng_.Chance(50) ? While(depth) : DoWhile(depth);
    if (kind < loop_percent_ + 30) return Sequence(depth);
    if (kind < loop_percent_ + 50) return IfElse(depth);
    return Basic();
  }

  BlockId NewBlock() {
    --budget_;
    return next_block_++;
  }
  void AddEdge(BlockId from, BlockId to) { edges_.push_back({from, to}); }
  BlockId num_blocks() const { return next_block_; }
  std::vector<Edge>& edges() { return edges_; }

 private:
  // Loop targets for breaks and continues, innermost last.
  struct LoopTargets {
    BlockId continue_to;
    BlockId break_to;
  };

  Region Basic() {
    const BlockId block = NewBlock();
    if (!loops_.empty() && rng_.Chance(10)) {
      const LoopTargets& loop =
          loops_[rng_.Below(static_cast<int>(loops_.size()))];
      AddEdge(block, rng_.Chance(50) ? loop.continue_to : loop.break_to);
    }
    return {block, block};
  }

  Region Sequence(int depth) {
    const Region first = Build(depth + 1);
    const Region second = Build(depth + 1);
    AddEdge(first.exit, second.entry);
    return {first.entry, second.exit};
  }

  Region IfElse(int depth) {
    const BlockId condition = NewBlock();
    const Region then_part = Build(depth + 1);
    const BlockId join = NewBlock();
    AddEdge(condition, then_part.entry);
    AddEdge(then_part.exit, join);
    if (rng_.Chance(50)) {
      const Region else_part = Build(depth + 1);
      AddEdge(condition, else_part.entry);
      AddEdge(else_part.exit, join);
    } else {
      AddEdge(condition, join);
    }
    return {condition, join};
  }

  Region While(int depth) {
    const BlockId header = NewBlock();
    const BlockId exit = NewBlock();
    loops_.push_back({header, exit});
    const Region body = Build(depth + 1);
    loops_.pop_back();
    AddEdge(header, body.entry);
    AddEdge(body.exit, header);
    AddEdge(header, exit);
    return {header, exit};
  }

  Region DoWhile(int depth) {
    const BlockId exit = NewBlock();
    const BlockId latch = NewBlock();
    loops_.push_back({latch, exit});
    const Region body = Build(depth + 1);
    loops_.pop_back();
    AddEdge(body.exit, latch);
    AddEdge(latch, body.entry);
    AddEdge(latch, exit);
    return {body.entry, exit};
  }

  Rng& rng_;
  int budget_;
  int max_depth_;
  int loop_percent_;
  BlockId next_block_ = 0;
  std::vector<Edge> edges_;
  std::vector<LoopTargets> loops_;
};

const char* ShapeName(CfgShape shape) {
  switch (shape) {
    case CfgShape::kStructured:
      return "structured";
    case CfgShape::kIrreducible:
      return "irreducible";
    case CfgShape::kDeepNest:
      return "deep nest";
    case CfgShape::kUnstructured:
      return "unstructured";
  }
  return "?";
}

}  // namespace

RandomCfg MakeRandomCfg(std::uint64_t seed, int max_blocks) {
  Rng rng(seed);
  return MakeRandomCfg(seed, max_blocks, static_cast<CfgShape>(rng.Below(4)));
}

RandomCfg MakeRandomCfg(std::uint64_t seed, int max_blocks, CfgShape shape) {
  // A second stream, so the shape choice above does not shift this one.
  Rng rng(seed * 0x9E3779B97F4A7C15ull + 1);
  // Mostly small graphs, where corner cases are dense; some up to the cap.
  const int budget = rng.Chance(70) ? rng.Between(1, std::min(max_blocks, 60))
                                    : rng.Between(1, max_blocks);
  std::vector<Edge> edges;
  BlockId num_blocks = 0;
  BlockId start = 0;

  if (shape == CfgShape::kUnstructured) {
    num_blocks = budget;
    const int num_edges = rng.Between(0, 3 * num_blocks);
    for (int i = 0; i < num_edges; ++i) {
      edges.push_back({rng.Below(num_blocks), rng.Below(num_blocks)});
    }
    start = rng.Below(num_blocks);
  } else {
    const bool deep = shape == CfgShape::kDeepNest;
    StructuredBuilder builder(rng, budget, deep ? 100000 : 40, deep ? 95 : 25);
    // The graph may be several regions: the first is the program, the
    // others are unreachable from it (but may jump into it).
    start = builder.Build(0).entry;
    const BlockId program_blocks = builder.num_blocks();
    while (builder.num_blocks() < budget && rng.Chance(30)) {
      const StructuredBuilder::Region dead = builder.Build(0);
      if (rng.Chance(50)) builder.AddEdge(dead.exit, rng.Below(program_blocks));
    }
    num_blocks = builder.num_blocks();
    edges = std::move(builder.edges());
    if (shape == CfgShape::kIrreducible) {
      // Jumps from anywhere to anywhere: into the middle of loops, mostly.
      const int jumps = rng.Between(1, 1 + num_blocks / 8);
      for (int i = 0; i < jumps; ++i) {
        edges.push_back({rng.Below(num_blocks), rng.Below(num_blocks)});
      }
    }
  }

  // Extras for every shape: self loops, repeated edges, and a shuffled
  // successor order (it changes the depth-first tree).
  if (num_blocks > 0 && rng.Chance(40)) {
    const int self_loops = rng.Between(1, 1 + num_blocks / 10);
    for (int i = 0; i < self_loops; ++i) {
      const BlockId block = rng.Below(num_blocks);
      edges.push_back({block, block});
    }
  }
  if (!edges.empty() && rng.Chance(40)) {
    const int repeats = rng.Between(1, 1 + static_cast<int>(edges.size()) / 10);
    for (int i = 0; i < repeats; ++i) {
      edges.push_back(edges[rng.Below(static_cast<int>(edges.size()))]);
    }
  }
  if (rng.Chance(50)) {
    for (size_t i = edges.size(); i > 1; --i) {
      std::swap(edges[i - 1], edges[rng.Below(static_cast<int>(i))]);
    }
  }

  RandomCfg cfg;
  cfg.graph.num_blocks = num_blocks;
  cfg.graph.start = start;
  cfg.graph.edges = std::move(edges);
  cfg.shape = shape;
  cfg.description = "seed " + std::to_string(seed) + ": " + ShapeName(shape) +
                    ", " + std::to_string(num_blocks) + " blocks, " +
                    std::to_string(cfg.graph.edges.size()) + " edges";
  return cfg;
}

}  // namespace havlak::testing
