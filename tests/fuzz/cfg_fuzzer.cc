// libFuzzer target: the CFG reader on any bytes, then, on what it accepts,
// the top rung's finder against the independent reference. A crash, a
// sanitizer report or a different forest stops the fuzzer.
//
// Built by scripts/fuzz.sh with clang (-fsanitize=fuzzer,address,undefined)
// for the top rung (havlak::TopRung, from ladder.json); the seed corpus is
// tests/fuzz/corpus.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "havlak/all_rungs.h"
#include "havlak/cfg_file.h"
#include "havlak/rung.h"
#include "reference_loop_finder.h"

namespace havlak {
namespace {

// The reference is quadratic in places; fuzz inputs stay small anyway.
constexpr BlockId kMaxBlocks = 5000;

}  // namespace
}  // namespace havlak

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const havlak::CfgReadResult read = havlak::ParseCfg(
      std::string_view(reinterpret_cast<const char*>(data), size), "input");
  if (!read.file || read.file->graph.num_blocks > havlak::kMaxBlocks) return 0;
  const havlak::EdgeList& graph = read.file->graph;
  if (havlak::FindLoopForest<havlak::TopRung>(graph) !=
      havlak::reference::FindLoopForest(graph)) {
    std::abort();
  }
  return 0;
}
