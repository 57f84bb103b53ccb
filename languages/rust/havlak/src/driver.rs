//! The main program both Rust programs share: a small flag loop, then the
//! workload (a report, or one JSON record with --json) or --cfg's loops.
//! Exit status 0, 1 for a wrong loop count, 2 for a bad command line or
//! CFG file (one line on stderr, nothing on stdout).

use crate::cfg_file::{read_cfg, CfgFile};
use crate::counted::{count_findings, COUNTED_SPEC, MAX_COUNTED_FINDINGS};
use crate::workload::{check_loop_counts, run_workload, WorkloadResult, WorkloadSpec};
use crate::workload::{MAX_ITERATIONS, MAX_SCALE, MIN_SCALE, PHASES};
use crate::{alloc_count, LoopGraph, Rung};
use std::ffi::OsString;
use std::io::Write;
use std::os::raw::{c_char, c_int, c_long};
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Default, PartialEq)]
struct Options {
    scale: Option<f64>,
    /// Big-graph findings after the first (50 in the canonical workload).
    iterations: Option<u32>,
    json: bool,
    /// A CFG file to find the loops of; "-" is standard input.
    cfg: Option<PathBuf>,
    /// Findings for callgrind or perf to count, instead of the workload.
    count_findings: Option<u32>,
    help: bool,
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.into_iter().map(OsString::into_vec);
    while let Some(arg) = args.next() {
        // Bytes: a file name need not be UTF-8.
        let (name, value) = match arg.iter().position(|&c| c == b'=') {
            Some(at) => (String::from_utf8_lossy(&arg[..at]), Some(arg[at + 1..].to_vec())),
            None => (String::from_utf8_lossy(&arg), None),
        };
        match (&*name, value) {
            ("-h" | "--help", None) => options.help = true,
            ("--json", None) => options.json = true,
            ("--iterations", value) => {
                let value = value.or_else(|| args.next()).ok_or("--iterations needs a value")?;
                let text = String::from_utf8_lossy(&value);
                let iterations = text.parse::<u32>().ok().filter(|n| *n <= MAX_ITERATIONS);
                let error = || format!("--iterations: {:?} is not a whole number from 0 to {}", text, MAX_ITERATIONS);
                options.iterations = Some(iterations.ok_or_else(error)?);
            }
            ("--count-findings", value) => {
                let value = value.or_else(|| args.next()).ok_or("--count-findings needs a value")?;
                let text = String::from_utf8_lossy(&value);
                let findings = text.parse::<u32>().ok().filter(|n| (1..=MAX_COUNTED_FINDINGS).contains(n));
                let error = || format!("--count-findings: {:?} is not a whole number from 1 to {}", text, MAX_COUNTED_FINDINGS);
                options.count_findings = Some(findings.ok_or_else(error)?);
            }
            ("--scale" | "--cfg", value) => {
                let value = value.or_else(|| args.next()).ok_or(format!("{} needs a value", name))?;
                if name == "--cfg" && value.is_empty() {
                    return Err("--cfg needs a file name ('-' for standard input)".to_string());
                } else if name == "--cfg" {
                    options.cfg = Some(PathBuf::from(OsString::from_vec(value)));
                } else {
                    let text = String::from_utf8_lossy(&value);
                    let scale = text.parse::<f64>().ok().filter(|scale| (MIN_SCALE..=MAX_SCALE).contains(scale));
                    let error = || format!("--scale: {:?} is not a number from {} to {}", text, MIN_SCALE, MAX_SCALE);
                    options.scale = Some(scale.ok_or_else(error)?);
                }
            }
            _ => return Err(format!("unknown argument {:?}", String::from_utf8_lossy(&arg))),
        }
    }
    if options.cfg.is_some() && (options.scale.is_some() || options.iterations.is_some()) {
        return Err("--scale and --iterations size the workload, which --cfg does not run".to_string());
    }
    let workload = options.scale.is_some() || options.iterations.is_some();
    if options.count_findings.is_some() && (options.cfg.is_some() || workload || options.json) {
        return Err("--count-findings runs alone: its output is always one JSON line".to_string());
    }
    Ok(options)
}

fn usage<R: Rung>() -> String {
    let spec = WorkloadSpec::scaled(1.0);
    format!(
        "{name}: {idea}\n\n\
         Usage: {name} [--scale=S] [--iterations=N] [--json]\n       {name} --cfg=FILE [--json]\n       \
         {name} --count-findings=N\n\n\
         Runs Hundt's LoopTesterApp workload: {small} loop findings on a small graph,\n\
         then a graph of {blocks} blocks built and searched for loops 1 + {big} times,\n\
         then the nesting levels of the first result; checks the loop counts and\n\
         prints them with the time of each phase.\n\n  \
         --scale=S    multiply the loops per tree and the small-graph findings\n               \
         by S ({min} to {max}; default 1, the canonical workload)\n  \
         --iterations=N  big-graph findings after the first (0 to {max_iterations};\n               \
         default {big}, the canonical workload; more for a profiler)\n  \
         --json       print one JSON record instead of the report\n  \
         --cfg=FILE   print the loops of the CFG in FILE instead ('-': standard\n               \
         input; the format: docs/cfg-files.md)\n  \
         --count-findings=N  find the loops of the benchmarks' {counted} blocks once,\n               \
         then N times (1 to {max_counted}) in measured_findings, for callgrind\n               \
         or perf to count (make bench); prints one JSON line\n  \
         --help       print this help\n\n\
         Exit status: 0 right loop counts; 1 a wrong one; 2 a bad command line or CFG file.\n",
        name = R::NAME,
        idea = R::IDEA,
        small = spec.small_graph_finds,
        blocks = spec.big_graph_blocks(),
        big = spec.big_graph_finds,
        min = MIN_SCALE,
        max = MAX_SCALE,
        counted = COUNTED_SPEC.big_graph_blocks(),
        max_iterations = MAX_ITERATIONS,
        max_counted = MAX_COUNTED_FINDINGS
    )
}

/// Runs `task` on this thread, or for a recursive program on one whose
/// stack is sized for a graph of `blocks` blocks: 512 bytes a block and
/// at least 64 MiB (rust-havlak1's search takes 80 bytes a block, its
/// nesting levels 224 a loop).
fn on_stack_for<R: Rung, T: Send>(blocks: usize, task: impl FnOnce() -> T + Send) -> T {
    if !R::RECURSIVE {
        return task();
    }
    let bytes = blocks.saturating_mul(512).max(64 << 20);
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().name("havlak".into()).stack_size(bytes).spawn_scoped(scope, task);
        match thread.map(|thread| thread.join()) {
            Ok(Ok(value)) => value,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(error) => {
                eprintln!("{}: no stack of {} MiB for a recursive search: {}", R::NAME, bytes >> 20, error);
                std::process::exit(4)
            }
        }
    })
}

extern "C" {
    fn getrusage(who: c_int, usage: *mut [c_long; 18]) -> c_int;
    fn gnu_get_libc_version() -> *const c_char;
}

/// (user seconds, system seconds, peak resident KiB) of the process so far.
fn resource_usage() -> (f64, f64, i64) {
    // Linux's struct rusage: two timevals, ru_maxrss (KiB), 13 more longs.
    let mut usage: [c_long; 18] = [0; 18];
    // SAFETY: getrusage(RUSAGE_SELF) fills the struct it is given.
    unsafe { getrusage(0, &mut usage) };
    let seconds = |at: usize| usage[at] as f64 + usage[at + 1] as f64 / 1e6;
    (seconds(0), seconds(2), i64::from(usage[4]))
}

/// glibc's version ("2.36"): Rust's System allocator is its malloc.
fn glibc_version() -> String {
    // SAFETY: glibc returns a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) }.to_string_lossy().into_owned()
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => out.extend(['\\', c]),
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}

/// A workload run, measured as soon as it ended.
struct Run {
    scale: f64,
    spec: WorkloadSpec,
    result: WorkloadResult,
    problems: Vec<String>,
    wall_seconds: f64,
    /// User and system seconds, peak resident KiB.
    usage: (f64, f64, i64),
    /// Allocations, bytes asked for, peak live bytes.
    allocations: (i64, i64, i64),
}

/// The record the runner reads (scripts/havlak_tools/records.py).
fn record<R: Rung>(run: &Run) -> String {
    let (spec, result, (count, bytes, peak_live_bytes)) = (&run.spec, &run.result, run.allocations);
    let problems: Vec<String> = run.problems.iter().map(|problem| json_string(problem)).collect();
    let each: Vec<String> = result.repeated_find_seconds.iter().map(f64::to_string).collect();
    let phases: Vec<String> = (PHASES.iter().zip(result.seconds))
        .map(|((key, _), seconds)| match *key {
            "repeated_finds" => format!(
                "\"{}\":{}",
                key,
                json_object! { "wall_seconds": seconds, "each_seconds": format!("[{}]", each.join(",")) }
            ),
            _ => format!("\"{}\":{}", key, json_object! { "wall_seconds": seconds }),
        })
        .collect();
    json_object! {
        "rung": json_string(R::NAME), "language": json_string("rust"), "idea": json_string(R::IDEA),
        "allocator": json_string("glibc"), "allocator_version": json_string(&glibc_version()),
        "compiler": json_string(env!("HAVLAK_RUSTC_VERSION")), "build_flags": json_string(env!("HAVLAK_BUILD_FLAGS")),
        "workload": json_object! {
            "canonical": spec.is_canonical(), "scale": run.scale, "trees": spec.trees,
            "loops_per_tree": spec.loops_per_tree, "blocks": spec.big_graph_blocks(),
            "small_graph_finds": spec.small_graph_finds, "big_graph_finds": spec.big_graph_finds,
        },
        "reuse_loop_graph": R::REUSES_LOOP_GRAPH, "loops": result.loops, "loops_total": result.loops_total,
        "small_graph_loops": result.small_graph_loops, "root_nesting_level": result.root_nesting_level,
        "loop_counts_right": problems.is_empty(), "loop_count_problems": format!("[{}]", problems.join(",")),
        "phases": format!("{{{}}}", phases.join(",")), "wall_seconds": run.wall_seconds,
        "peak_rss_kib": run.usage.2,
        "allocations": json_object! { "count": count, "bytes": bytes, "peak_live_bytes": peak_live_bytes },
    }
}

/// The report for people.
fn report<R: Rung>(run: &Run) -> String {
    let (spec, result) = (&run.spec, &run.result);
    let (user, system, peak_rss_kib) = run.usage;
    let (count, bytes, peak_live_bytes) = run.allocations;
    let mib = |bytes: i64| bytes as f64 / 1048576.0;
    let mut out = format!("{}: {}\nallocator: glibc {} (counting GlobalAlloc)\n", R::NAME, R::IDEA, glibc_version());
    out += &format!(
        "workload: {}: {} blocks; {} small-graph findings; 1 + {} big-graph findings\n",
        if spec.is_canonical() { "canonical".to_string() } else { format!("scale {}", run.scale) },
        spec.big_graph_blocks(),
        spec.small_graph_finds,
        spec.big_graph_finds
    );
    if R::REUSES_LOOP_GRAPH {
        out += "loop graph: one, cleared and refilled by every finding but the first big-graph one\n";
    }
    out += &format!("# of loops: {} (total {})\n", result.loops, result.loops_total);
    if run.problems.is_empty() {
        let (small, depth) = (result.small_graph_loops, result.root_nesting_level);
        out += &format!("loop counts: right (small graph {}, loop depth {})\n", small, depth);
    }
    for problem in &run.problems {
        out += &format!("loop counts: WRONG: {}\n", problem);
    }
    out += "\nphase                      wall\n";
    for ((_, title), seconds) in PHASES.iter().zip(result.seconds) {
        out += &format!("{:<22} {:>8.3} s\n", title, seconds);
    }
    out += &format!("{:<22} {:>8.3} s  user {:.2} s, system {:.2} s\n", "total", run.wall_seconds, user, system);
    out += &format!("{:<22} {:>8.1} MiB\n", "peak resident memory", peak_rss_kib as f64 / 1024.0);
    let (asked, peak_live) = (mib(bytes), mib(peak_live_bytes));
    out +=
        &format!("{:<22} {:>10}  ({:.1} MiB asked for; peak live {:.1} MiB)\n", "allocations", count, asked, peak_live);
    out
}

fn find_loop_forest<R: Rung>(file: &CfgFile) -> crate::LoopForest {
    let mut cfg = R::Cfg::default();
    file.replay_into(&mut cfg);
    let mut lsg = R::LoopGraph::default();
    R::find_loops(&mut R::Finder::default(), &cfg, &mut lsg);
    lsg.calculate_nesting_level();
    lsg.to_loop_forest()
}

/// Status 0, after `text` on standard output (or 1 when it cannot be written).
fn print<R: Rung>(text: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("{}: cannot write standard output: {}", R::NAME, error);
            1
        }
    }
}

/// All of a program's main: `std::process::exit(rung_main::<R>())`.
pub fn rung_main<R: Rung>() -> i32 {
    let options = match parse_args(std::env::args_os().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{}: {} (see --help)", R::NAME, message);
            return 2;
        }
    };
    if options.help {
        return print::<R>(&usage::<R>());
    }
    if let Some(path) = options.cfg {
        // Control characters escaped: a name cannot add lines to a message.
        let escaped = |c: char| if c.is_control() { c.escape_default().to_string() } else { c.to_string() };
        let mut name: String = path.to_string_lossy().chars().map(escaped).collect();
        let file = if name == "-" {
            name = "<stdin>".to_string();
            read_cfg(std::io::stdin().lock(), &name)
        } else {
            let file = std::fs::File::open(&path).map_err(|error| format!("cannot open {}: {}", name, error));
            file.and_then(|file| read_cfg(std::io::BufReader::new(file), &name))
        };
        let file = match file {
            Ok(file) => file,
            Err(message) => {
                eprintln!("{}: {}", R::NAME, message);
                return 2;
            }
        };
        let forest = on_stack_for::<R, _>(file.ids.len(), || find_loop_forest::<R>(&file));
        return print::<R>(&if options.json {
            file.forest_json(R::NAME, &forest) + "\n"
        } else {
            file.forest_text(R::NAME, &name, &forest)
        });
    }
    if let Some(findings) = options.count_findings {
        let blocks = COUNTED_SPEC.big_graph_blocks();
        let loops = on_stack_for::<R, _>(blocks as usize, || count_findings::<R>(findings));
        let line = json_object! { "rung": json_string(R::NAME), "blocks": blocks, "findings": findings, "loops": loops };
        return print::<R>(&(line + "\n"));
    }
    let scale = options.scale.unwrap_or(1.0);
    let mut spec = WorkloadSpec::scaled(scale);
    spec.big_graph_finds = options.iterations.unwrap_or(spec.big_graph_finds);
    let watch = Instant::now();
    let result = on_stack_for::<R, _>(spec.big_graph_blocks() as usize, || run_workload::<R>(&spec));
    let wall_seconds = watch.elapsed().as_secs_f64();
    let (usage, allocations) = (resource_usage(), alloc_count::counts());
    let problems = check_loop_counts(&spec, &result);
    let run = Run { scale, spec, result, problems, wall_seconds, usage, allocations };
    for problem in &run.problems {
        eprintln!("{}: wrong loop count: {}", R::NAME, problem);
    }
    match print::<R>(&if options.json { record::<R>(&run) + "\n" } else { report::<R>(&run) }) {
        0 if run.problems.is_empty() => 0,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn flags_take_their_value_after_an_equals_sign_or_apart() {
        assert_eq!(parse(&[]).unwrap(), Options::default());
        let options = parse(&["--scale", "0.5", "--json"]).unwrap();
        assert_eq!((options.scale, options.json), (Some(0.5), true));
        assert_eq!(parse(&["--cfg=--json"]).unwrap().cfg, Some(PathBuf::from("--json")));
        assert!(parse(&["-h"]).unwrap().help);
    }

    #[test]
    fn bad_command_lines_are_refused() {
        for args in [&["--scale=abc"][..], &["--scale=0"], &["--scale=nan"], &["--scale=inf"], &["--scale=1e400"]] {
            assert!(parse(args).unwrap_err().starts_with("--scale: "), "{:?}", args);
        }
        for args in [&["--count-findings=0"][..], &["--count-findings=1001"], &["--count-findings=-1"], &["--count-findings=x"]] {
            assert!(parse(args).unwrap_err().starts_with("--count-findings: "), "{:?}", args);
        }
        assert_eq!(parse(&["--count-findings", "3"]).unwrap().count_findings, Some(3));
        for args in [&["--scale"][..], &["--cfg"], &["--cfg="], &["--json=yes"], &["-x"], &["--cfg=x", "--scale=1"]] {
            assert!(parse(args).is_err(), "{:?}", args);
        }
        assert_eq!(parse(&["--iterations=0"]).unwrap().iterations, Some(0));
        for args in [&["--iterations=-1"][..], &["--iterations=1000001"], &["--iterations=x"]] {
            assert!(parse(args).unwrap_err().starts_with("--iterations: "), "{:?}", args);
        }
        assert!(parse(&["--cfg=x", "--iterations=3"]).is_err());
        let more = &["--iterations=9", "--count-findings=2"][..];
        for args in [&["--count-findings=2", "--json"][..], &["--count-findings=2", "--cfg=x"], &["--scale=1", "--count-findings=2"], more] {
            assert!(parse(args).unwrap_err().starts_with("--count-findings runs alone"), "{:?}", args);
        }
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n\u{1}é"), r#""a\"b\\c\u000a\u0001é""#);
    }
}
