// libFuzzer target: the CFG reader on any bytes, then, on what it accepts,
// the top rung's finder against the independent reference. A crash, a
// sanitizer report or a different forest stops the fuzzer.
//
// Built by scripts/fuzz.sh with clang (-fsanitize=fuzzer,address,undefined)
// for the top rung, the last in variants/CMakeLists.txt; the seed corpus is
// tests/fuzz/corpus.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "havlak/cfg_file.h"
#include "reference_loop_finder.h"
#include HAVLAK_TOP_RUNG_HEADER  // from CMakeLists.txt: the last rung

namespace havlak {
namespace {

using TopRung = HAVLAK_TOP_RUNG;

// The reference is quadratic in places; fuzz inputs stay small anyway.
constexpr BlockId kMaxBlocks = 5000;

LoopForest FindWithTopRung(const EdgeList& graph) {
  // The top rung does not recurse: no large stack needed.
  TopRung::Cfg cfg;
  ReplayInto(graph, cfg);
  TopRung::Finder finder;
  TopRung::LoopGraph lsg;
  finder.FindLoops(std::as_const(cfg), &lsg);
  lsg.CalculateNestingLevel();
  return lsg.ToLoopForest();
}

}  // namespace
}  // namespace havlak

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const havlak::CfgReadResult read = havlak::ParseCfg(
      std::string_view(reinterpret_cast<const char*>(data), size), "input");
  if (!read.file || read.file->graph.num_blocks > havlak::kMaxBlocks) return 0;
  const havlak::EdgeList& graph = read.file->graph;
  if (havlak::FindWithTopRung(graph) != havlak::reference::FindLoopForest(graph)) {
    std::abort();
  }
  return 0;
}
