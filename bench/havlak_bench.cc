// Google Benchmark: one loop finding of every rung on Hundt-shaped graphs of
// about 1,000 to 4,000,000 blocks (and 10,000,000 for the top rung), and
// the floor, a plain depth-first search of the same graphs in the top
// rung's graph (floor/DFS/<blocks>, havlak/depth_first_search.h).
// Benchmarks are named havlakN/FindLoops/<blocks>, so Google Benchmark's
// compare.py pairs rungs:
//
//   build/bin/havlak_bench --benchmark_out=bench.json  # JSON by default
//   python3 /usr/share/benchmark/compare.py filters bench.json havlakM havlakN
//
// cfg_file/Read/<blocks> reads the largest graph back from a CFG file of
// about 15,000,000 edges (havlak/cfg_file.h): the file is written once to
// the temporary directory and removed after; each iteration reads and parses
// it, so items_per_second counts edges and bytes_per_second the file.
//
// Each benchmark times FindLoops alone, on a CFG built beforehand, with the
// finder (and, for rungs that reuse one, the loop graph) kept across
// iterations as the workload keeps them (havlak/repeated_finding.h). Counters:
//   blocks                the graph's blocks (items_per_second counts blocks)
//   loops                 what the finding reports, the root included
//   allocations_per_find  allocations of one steady-state finding (the
//                         second), counted outside the timed loop by a
//                         counting operator new that is off while timing
//   bytes_per_find        the bytes those allocations asked for
// The memory manager's fields in the JSON (allocs_per_iter, max_bytes_used,
// total_allocated_bytes) cover Google Benchmark's extra memory run, CFG
// construction included; they are not per finding.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "havlak/all_rungs.h"
#include "havlak/allocator.h"
#include "havlak/cfg_file.h"
#include "havlak/depth_first_search.h"
#include "havlak/edge_list.h"
#include "havlak/large_stack.h"
#include "havlak/output_file.h"
#include "havlak/repeated_finding.h"
#include "havlak/rung.h"
#include "havlak/status.h"
#include "havlak/workload.h"
#include "havlak/worst_case.h"

namespace havlak {
namespace {

// Hundt-shaped graphs: the workload's big graph with fewer or more loops,
// as (trees, loops per tree): 1,012 to 4,032,013 blocks, the canonical
// 252,013 among them, and about 100,000.
constexpr std::pair<int, int> kShapes[] = {
    {1, 4},   {1, 16},   {1, 64},   {1, 256},
    {1, 396}, {10, 100}, {10, 400}, {10, 1600},
};
// 10,080,013 blocks: only for the top rung and the floor (the first rungs
// would need minutes and gigabytes per finding).
constexpr std::pair<int, int> kLargestShape = {10, 4000};

WorkloadSpec Shape(int trees, int loops_per_tree) {
  WorkloadSpec spec;
  spec.trees = trees;
  spec.loops_per_tree = loops_per_tree;
  return spec;
}

// Built when first benchmarked, and kept for the other rungs.
const EdgeList& HundtGraph(const WorkloadSpec& spec) {
  static std::map<std::pair<int, int>, EdgeList> graphs;
  EdgeList& graph = graphs[{spec.trees, spec.loops_per_tree}];
  if (graph.num_blocks == 0) {
    BuildSmallGraph(graph);
    BuildBigGraph(spec, graph);
  }
  return graph;
}

// Counts the allocations of `work` with the counting operator new.
template <typename Work>
AllocationCounts CountAllocations(Work&& work) {
  const bool was_counting = SetAllocationCounting(true);
  const AllocationCounts before = *ReadAllocationCounts();
  work();
  const AllocationCounts after = *ReadAllocationCounts();
  SetAllocationCounting(was_counting);
  return {after.allocations - before.allocations, after.bytes - before.bytes,
          0};
}

// Ramalingam's worst-case family (havlak/worst_case.h): k nested loops,
// each entered past its header. Every rung at small k; the rungs with his
// fix also at large k, where the others would take minutes.
constexpr int kWorstCaseK[] = {250, 500, 1000, 2000};
constexpr int kWorstCaseLargeK[] = {8000, 32000, 128000};

const EdgeList& WorstCaseGraph(int k) {
  static std::map<int, EdgeList> graphs;
  EdgeList& graph = graphs[k];
  if (graph.num_blocks == 0) graph = RamalingamWorstCase(k);
  return graph;
}

template <Rung R>
void FindLoopsIn(benchmark::State& state, const EdgeList* graph) {
  typename R::Cfg cfg;
  ReplayInto(*graph, cfg);
  RepeatedFinding<R> finding(/*reuse_loop_graph=*/true);
  auto find = [&] { return finding.FindDiscardingGraph(cfg); };
  find();  // grows whatever the rung keeps from call to call
  const AllocationCounts one = CountAllocations(find);
  int loops = 0;
  for (auto _ : state) {
    loops = find();
    benchmark::DoNotOptimize(loops);
  }
  state.SetItemsProcessed(state.iterations() * graph->num_blocks);
  state.counters["blocks"] = graph->num_blocks;
  state.counters["loops"] = loops;
  state.counters["allocations_per_find"] = static_cast<double>(one.allocations);
  state.counters["bytes_per_find"] = static_cast<double>(one.bytes);
}

template <Rung R>
void FindLoops(benchmark::State& state, WorkloadSpec shape) {
  FindLoopsIn<R>(state, &HundtGraph(shape));
}

template <Rung R>
void FindLoopsWorstCase(benchmark::State& state, int k) {
  FindLoopsIn<R>(state, &WorstCaseGraph(k));
}

// Reading a CFG file: the graph written once, read and parsed per iteration.
void ReadCfgFileBenchmark(benchmark::State& state, WorkloadSpec shape) {
  const EdgeList& graph = HundtGraph(shape);
  const std::string text = FormatCfg(graph);
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("havlak_bench." + std::to_string(::getpid()) + ".cfg");
  if (const Status status = WriteOutputFile(path.string(), text);
      !status.ok()) {
    state.SkipWithError(status.message().c_str());
    return;
  }
  std::size_t edges = 0;
  for (auto _ : state) {
    const CfgReadResult read = ReadCfgFile(path.string());
    if (!read.status.ok()) {
      state.SkipWithError(read.status.message().c_str());
      break;
    }
    edges = read.file->graph.edges.size();
  }
  std::filesystem::remove(path);
  if (!state.error_occurred() && edges != graph.edges.size()) {
    state.SkipWithError("the file read back has other edges than were written");
  }
  state.SetItemsProcessed(state.iterations() * edges);
  state.SetBytesProcessed(state.iterations() * text.size());
  state.counters["blocks"] = graph.num_blocks;
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["file_bytes"] = static_cast<double>(text.size());
}

// The floor: the search every Havlak finder begins with, over the top
// rung's own graph. FindLoops / DFS says how much more the rest costs.
void DepthFirstSearchFloor(benchmark::State& state, WorkloadSpec shape) {
  const EdgeList* graph = &HundtGraph(shape);
  TopRung::Cfg cfg;
  ReplayInto(*graph, cfg);
  DepthFirstSearch<TopRung::Cfg> search;
  int reached = 0;
  for (auto _ : state) {
    reached = search.Run(cfg);
    benchmark::DoNotOptimize(reached);
  }
  state.SetItemsProcessed(state.iterations() * graph->num_blocks);
  state.counters["blocks"] = graph->num_blocks;
  state.counters["reached"] = reached;
}

std::string Name(std::string_view family, std::string_view operation,
                 const WorkloadSpec& shape) {
  return std::string(family) + "/" + std::string(operation) + "/" +
         std::to_string(shape.BigGraphBlocks());
}

template <Rung... Rs>
void RegisterAll(RungList<Rs...>) {
  for (const auto& [trees, loops_per_tree] : kShapes) {
    const WorkloadSpec shape = Shape(trees, loops_per_tree);
    (benchmark::RegisterBenchmark(Name(Rs::kName, "FindLoops", shape).c_str(),
                                  FindLoops<Rs>, shape)
         ->Unit(benchmark::kMillisecond),
     ...);
    benchmark::RegisterBenchmark(Name("floor", "DFS", shape).c_str(),
                                 DepthFirstSearchFloor, shape)
        ->Unit(benchmark::kMillisecond);
  }
  const auto register_worst_case = [](auto function, std::string_view name,
                                      int k) {
    benchmark::RegisterBenchmark(
        (std::string(name) + "/WorstCase/" + std::to_string(3 * k + 2)).c_str(),
        function, k)
        ->Unit(benchmark::kMillisecond);
  };
  for (const int k : kWorstCaseK) {
    (register_worst_case(FindLoopsWorstCase<Rs>, Rs::kName, k), ...);
  }
  for (const int k : kWorstCaseLargeK) {
    ((HasRamalingamFix<Rs>()
          ? register_worst_case(FindLoopsWorstCase<Rs>, Rs::kName, k)
          : void()),
     ...);
  }
  const WorkloadSpec largest = Shape(kLargestShape.first, kLargestShape.second);
  benchmark::RegisterBenchmark(
      Name(TopRung::kName, "FindLoops", largest).c_str(), FindLoops<TopRung>,
      largest)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(Name("floor", "DFS", largest).c_str(),
                               DepthFirstSearchFloor, largest)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(Name("cfg_file", "Read", largest).c_str(),
                               ReadCfgFileBenchmark, largest)
      ->Unit(benchmark::kMillisecond);
}

// Google Benchmark's memory run, with the counting operator new.
class CountingMemoryManager : public benchmark::MemoryManager {
 public:
  void Start() override {
    ResetAllocationCounts();
    SetAllocationCounting(true);
  }
  void Stop(Result& result) override {
    SetAllocationCounting(false);
    const AllocationCounts counts = *ReadAllocationCounts();
    result.num_allocs = counts.allocations;
    result.max_bytes_used = counts.peak_live_bytes;
    result.total_allocated_bytes = counts.bytes;
  }
  // Google Benchmark 1.7.1 calls this pure virtual one; 1.8 removed it.
  void Stop(Result* result) override { Stop(*result); }
};

}  // namespace
}  // namespace havlak

int main(int argc, char** argv) {
  havlak::SetAllocationCounting(false);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  havlak::RegisterAll(havlak::AllRungs{});
  havlak::CountingMemoryManager memory_manager;
  benchmark::RegisterMemoryManager(&memory_manager);
  // Recursive rungs search 4,000,000-block graphs 400,000 calls deep.
  havlak::RunOnLargeStack(havlak::StackBytesForBlocks(4'100'000),
                          [] { benchmark::RunSpecifiedBenchmarks(); });
  benchmark::Shutdown();
  return 0;
}
