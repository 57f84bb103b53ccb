//! The report of one run, for people and as a JSON record
//! (havlak/run_report.cc): the C++ lines and fields, and "language".

use crate::alloc_count::AllocationCounts;
use crate::json::JsonWriter;
use crate::measure::ResourceUsage;
use crate::runner::{WorkloadResult, PHASES};
use crate::text::format_g;
use crate::workload::{WorkloadSpec, BIG_GRAPH_LOOP_DEPTH, SMALL_GRAPH_LOOPS};

pub struct RunReport {
    pub rung: &'static str,
    pub idea: &'static str,
    pub allocator: String,
    pub allocator_version: String,
    pub scale: f64,
    pub spec: WorkloadSpec,
    pub reuse_loop_graph: bool,
    pub result: WorkloadResult,
    pub wall_seconds: f64,
    pub usage: ResourceUsage,
    pub vm_hwm_kib: i64,
    pub allocations: AllocationCounts,
}

/// What is wrong with the run's loop counts, one line per problem.
pub fn check_loop_counts(spec: &WorkloadSpec, result: &WorkloadResult) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |what: &str, actual: i64, expected: i64| {
        if actual != expected {
            problems.push(format!("{}: {}, expected {}", what, actual, expected));
        }
    };
    check("small-graph loops", result.small_graph_loops as i64, SMALL_GRAPH_LOOPS as i64);
    check(
        "small-graph loops, all findings",
        result.small_graph_loops_total,
        SMALL_GRAPH_LOOPS as i64 * spec.small_graph_finds as i64,
    );
    check("big-graph loops", result.big_graph_loops as i64, spec.expected_big_graph_loops());
    if result.stopped_after_first_find {
        return problems;
    }
    check(
        "big-graph loops, repeated findings",
        result.big_graph_loops_total,
        spec.expected_big_graph_loops() * spec.big_graph_finds as i64,
    );
    check("root nesting level", result.root_nesting_level as i64, BIG_GRAPH_LOOP_DEPTH as i64);
    problems
}

// "310.2 ms", "31.0 us": a finding's time in a readable unit.
fn per_finding(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{:.2} s", seconds)
    } else if seconds >= 1e-3 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{:.1} us", seconds * 1e6)
    }
}

fn workload_line(report: &RunReport) -> String {
    let spec = &report.spec;
    let name = if spec.is_canonical() { "canonical".to_string() } else { format!("scale {}", format_g(report.scale)) };
    format!(
        "{}: {} blocks; {} small-graph findings; 1 + {} big-graph findings",
        name,
        spec.big_graph_blocks(),
        spec.small_graph_finds,
        spec.big_graph_finds
    )
}

/// The report for people, line for line the C++ rungs'.
pub fn format_report(report: &RunReport) -> String {
    let result = &report.result;
    let mut out = String::new();
    out += &format!("{}: {}\n", report.rung, report.idea);
    out += &format!("allocator: {} {} (counting GlobalAlloc)\n", report.allocator, report.allocator_version);
    out += &format!("workload: {}\n", workload_line(report));
    if report.reuse_loop_graph {
        out += "loop graph: one, cleared and refilled by every finding but the first big-graph one\n";
    }
    out += &format!("# of loops: {} (total {})\n", result.big_graph_loops, result.big_graph_loops_total);
    let problems = check_loop_counts(&report.spec, result);
    if problems.is_empty() {
        out += &format!(
            "loop counts: right (small graph {}, loop depth {})\n",
            result.small_graph_loops, result.root_nesting_level
        );
    } else {
        for problem in &problems {
            out += &format!("loop counts: WRONG: {}\n", problem);
        }
    }
    out += "\nphase                      wall    per finding\n";
    for phase in PHASES {
        let time = result.phase(phase);
        out += &format!("{:<22} {:>8.3} s", phase.title(), time.wall_seconds);
        if time.finds > 0 {
            out += &format!("  {:>10}  ({})", per_finding(time.wall_seconds / time.finds as f64), time.finds);
        }
        out += "\n";
    }
    out += &format!(
        "{:<22} {:>8.3} s  user {:.2} s, system {:.2} s\n",
        "total", report.wall_seconds, report.usage.user_seconds, report.usage.system_seconds
    );
    out += &format!("{:<22} {:>8.1} MiB\n", "peak resident memory", report.usage.peak_rss_kib as f64 / 1024.0);
    let counts = &report.allocations;
    out += &format!(
        "{:<22} {:>10}  ({:.1} MiB asked for; peak live {:.1} MiB)\n",
        "allocations",
        counts.allocations,
        counts.bytes as f64 / 1048576.0,
        counts.peak_live_bytes as f64 / 1048576.0
    );
    out
}

/// The record: the C++ record's fields, in its order, plus "language".
pub fn format_json(report: &RunReport) -> Vec<u8> {
    let result = &report.result;
    let spec = &report.spec;
    let mut json = JsonWriter::new();
    json.begin_object();
    json.key("rung").string(report.rung.as_bytes());
    json.key("language").string(b"rust");
    json.key("idea").string(report.idea.as_bytes());
    json.key("allocator").string(report.allocator.as_bytes());
    json.key("allocator_version").string(report.allocator_version.as_bytes());
    json.key("compiler").string(env!("HAVLAK_RUSTC_VERSION").as_bytes());
    json.key("build_flags").string(env!("HAVLAK_BUILD_FLAGS").as_bytes());
    json.key("workload").begin_object();
    json.key("canonical").boolean(spec.is_canonical());
    json.key("scale").number(report.scale);
    json.key("trees").integer(spec.trees as i64);
    json.key("loops_per_tree").integer(spec.loops_per_tree as i64);
    json.key("blocks").integer(spec.big_graph_blocks());
    json.key("small_graph_finds").integer(spec.small_graph_finds as i64);
    json.key("big_graph_finds").integer(spec.big_graph_finds as i64);
    json.end_object();
    json.key("reuse_loop_graph").boolean(report.reuse_loop_graph);
    json.key("loops").integer(result.big_graph_loops as i64);
    json.key("loops_total").integer(result.big_graph_loops_total);
    json.key("small_graph_loops").integer(result.small_graph_loops as i64);
    json.key("root_nesting_level").integer(result.root_nesting_level as i64);
    json.key("stopped_after_first_find").boolean(result.stopped_after_first_find);
    let problems = check_loop_counts(spec, result);
    json.key("loop_counts_right").boolean(problems.is_empty());
    json.key("loop_count_problems").begin_array();
    for problem in &problems {
        json.string(problem.as_bytes());
    }
    json.end_array();
    json.key("phases").begin_object();
    for phase in PHASES {
        json.key(phase.key()).begin_object();
        json.key("wall_seconds").number(result.phase(phase).wall_seconds);
        json.key("finds").integer(result.phase(phase).finds as i64);
        json.end_object();
    }
    json.end_object();
    json.key("wall_seconds").number(report.wall_seconds);
    json.key("user_seconds").number(report.usage.user_seconds);
    json.key("system_seconds").number(report.usage.system_seconds);
    json.key("peak_rss_kib").integer(report.usage.peak_rss_kib);
    json.key("vm_hwm_kib").integer(report.vm_hwm_kib);
    json.key("allocations").begin_object();
    json.key("count").integer(report.allocations.allocations);
    json.key("bytes").integer(report.allocations.bytes);
    json.key("peak_live_bytes").integer(report.allocations.peak_live_bytes);
    json.end_object();
    json.key("cpu_profile").string(b""); // profiles come from perf, outside
    json.key("heap_profile").string(b"");
    json.end_object();
    let mut out = json.take();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_counts_have_no_problems() {
        let spec = WorkloadSpec::scaled(0.01, 2);
        let mut result = WorkloadResult {
            small_graph_loops: 4,
            small_graph_loops_total: 4 * 150,
            big_graph_loops: 762,
            big_graph_loops_total: 2 * 762,
            root_nesting_level: 5,
            ..Default::default()
        };
        assert!(check_loop_counts(&spec, &result).is_empty());
        result.big_graph_loops = 761;
        assert_eq!(check_loop_counts(&spec, &result), vec!["big-graph loops: 761, expected 762".to_string()]);
    }
}
