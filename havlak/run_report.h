#ifndef HAVLAK_RUN_REPORT_H_
#define HAVLAK_RUN_REPORT_H_

// One run of a rung, checked against the known loop counts, and printed for
// people (the report) or for machines (one JSON record). The formats print
// what the report holds; they compute nothing.

#include <optional>
#include <string>
#include <vector>

#include "havlak/allocator.h"
#include "havlak/measure.h"
#include "havlak/workload.h"
#include "havlak/workload_runner.h"

namespace havlak {

struct RunReport {
  std::string rung;
  std::string idea;
  std::string allocator;
  std::string allocator_version;
  double scale = 1;
  WorkloadSpec spec;
  bool reuse_loop_graph = false;  // one loop graph refilled by every finding
  WorkloadResult result;
  // CheckLoopCounts(spec, result): the verdict, which the formats print.
  std::vector<std::string> loop_count_problems;
  double wall_seconds = 0;  // the whole workload, all phases
  ResourceUsage usage;      // the whole process
  std::int64_t vm_hwm_kib = -1;
  std::optional<AllocationCounts> allocations;
  std::string cpu_profile;  // paths written, or ""
  std::string heap_profile;
};

// What is wrong with the run's loop counts, one line per problem; empty
// when every count is the known one.
std::vector<std::string> CheckLoopCounts(const WorkloadSpec& spec,
                                         const WorkloadResult& result);

std::string FormatReport(const RunReport& report);
std::string FormatJson(const RunReport& report);

}  // namespace havlak

#endif  // HAVLAK_RUN_REPORT_H_
