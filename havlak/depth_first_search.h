#ifndef HAVLAK_DEPTH_FIRST_SEARCH_H_
#define HAVLAK_DEPTH_FIRST_SEARCH_H_

// A plain iterative depth-first search from the start block: blocks
// numbered in preorder, taking successors in edge order, and, for each
// block reached, the last number in its subtree. Every Havlak finder begins
// with this search and nothing less finds its loops, so the benchmarks time
// it as the floor under a loop finding on the same graph. O(N + E).
//
// Works on any graph with
//
//   int NumNodes() const;
//   int start() const;                  // any value for an empty graph
//   std::span<const int> out_edges(int block) const;  // or another
//                                       // contiguous range of ints
//
// such as the rungs' flat graphs (compressed sparse rows). The search keeps
// its arrays from one Run to the next: a graph no bigger than an earlier
// one allocates nothing.
//
// Example:
//   DepthFirstSearch<TopRung::Cfg> search;
//   const int reached = search.Run(cfg);
//   // w is an ancestor of v in the search's tree:
//   search.Number(w) <= search.Number(v) && search.Number(v) <= search.Last(w)

#include <algorithm>
#include <utility>
#include <vector>

namespace havlak {

template <typename Graph>
class DepthFirstSearch {
 public:
  static constexpr int kUnreached = -1;

  // Searches `graph` and returns the number of blocks reached.
  int Run(const Graph& graph) {
    const int size = graph.NumNodes();
    if (static_cast<int>(number_.size()) < size) {
      number_.resize(size);
      last_.resize(size);
      stack_.reserve(size);  // a path holds each block at most once
    }
    std::fill_n(number_.begin(), size, kUnreached);
    stack_.clear();
    reached_ = 0;
    if (size == 0) return 0;
    // The block being searched lives in locals, its caller's on the stack.
    int block = graph.start();
    Successor next;
    Successor end;
    const auto enter = [&](int b) {
      block = b;
      number_[b] = reached_++;
      const auto successors = graph.out_edges(b);
      next = successors.data();
      end = next + successors.size();
    };
    enter(block);
    while (true) {
      while (next != end && number_[*next] != kUnreached) ++next;
      if (next != end) {
        const int target = *next++;
        stack_.push_back({block, next, end});
        enter(target);
      } else {
        last_[block] = reached_ - 1;
        if (stack_.empty()) break;
        block = stack_.back().block;
        next = stack_.back().next;
        end = stack_.back().end;
        stack_.pop_back();
      }
    }
    return reached_;
  }

  bool Reached(int block) const { return number_[block] != kUnreached; }
  // For a block reached: its preorder number (the start block's is 0), and
  // the largest number in its subtree.
  int Number(int block) const { return number_[block]; }
  int Last(int block) const { return last_[block]; }

 private:
  using Successor = const int*;
  struct Frame {
    int block;
    Successor next;
    Successor end;
  };

  std::vector<int> number_;  // by block
  std::vector<int> last_;    // by block
  std::vector<Frame> stack_;
  int reached_ = 0;
};

}  // namespace havlak

#endif  // HAVLAK_DEPTH_FIRST_SEARCH_H_
