//! The main program every Rust program shares (havlak/driver.cc): parses
//! the command line, runs the workload or --cfg, checks and prints the
//! result, with the C++ rungs' messages and exit statuses.

use crate::alloc_count;
use crate::cfg_file::{format_cfg, read_cfg_file};
use crate::command_line::{parse_command_line, usage_text, Options};
use crate::edge_list::EdgeList;
use crate::forest::{format_forest_json, format_forest_text, ForestReport};
use crate::measure::{glibc_version, read_resource_usage, read_vm_hwm_kib, stderr_is_terminal, Stopwatch};
use crate::output_file::write_output_file;
use crate::report::{check_loop_counts, format_json, format_report, RunReport};
use crate::runner::{find_loop_forest, run_workload, Observer, Phase, Rung};
use crate::text::{count, format_g, os_error, printable_name};
use crate::workload::{build_big_graph, build_small_graph, WorkloadSpec};
use std::io::Write;

pub const EXIT_SUCCESS: i32 = 0;
pub const EXIT_WRONG_LOOP_COUNT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_FAILURE: i32 = 3; // a file could not be written
pub const EXIT_RESOURCE_LIMIT: i32 = 4; // no memory, or no stack for a recursive program

// A recursive search's frame is well under this: rust-havlak1's depth-first
// search takes 80 bytes a block, its nesting levels 224 a loop (the
// prologues of the release build, objdump -d).
const STACK_BYTES_PER_BLOCK: usize = 512;
const MIN_STACK_BYTES: usize = 64 << 20;

/// "NAME: error: message" for a bad command line or input (status 2),
/// "NAME: message" otherwise; returns the status.
fn fail(rung: &str, status: i32, message: &[u8]) -> i32 {
    let prefix = if status == EXIT_USAGE { "error: " } else { "" };
    let line = [format!("{}: {}", rung, prefix).as_bytes(), message, b"\n"].concat();
    let _ = std::io::stderr().write_all(&line);
    status
}

fn print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
    let _ = out.flush();
}

/// A progress line on stderr, rewritten in place, when it is a terminal.
struct ProgressLine {
    rung: &'static str,
    enabled: bool,
    shown: bool,
    clock: Stopwatch,
    next_update: f64,
}

impl ProgressLine {
    fn new(rung: &'static str) -> Self {
        ProgressLine { rung, enabled: stderr_is_terminal(), shown: false, clock: Stopwatch::new(), next_update: 0.0 }
    }
    fn clear(&mut self) {
        if self.shown {
            eprint!("\r{:80}\r", "");
            self.shown = false;
        }
    }
}

impl Observer for ProgressLine {
    fn progress(&mut self, phase: Phase, done: i32, total: i32) {
        if !self.enabled {
            return;
        }
        let now = self.clock.seconds();
        if done < total && now < self.next_update {
            return;
        }
        self.next_update = now + 0.2;
        eprint!("\r{}: {} {}/{}  ({:.0} s)   ", self.rung, phase.title(), done, total, now);
        self.shown = true;
    }
}

fn stack_bytes_for(blocks: i64) -> usize {
    MIN_STACK_BYTES.max(blocks.max(0) as usize * STACK_BYTES_PER_BLOCK)
}

// "64 MiB", "22.2 GiB".
fn size_text(bytes: usize) -> String {
    let mib = bytes as f64 / (1 << 20) as f64;
    if mib < 1024.0 {
        format!("{:.0} MiB", mib)
    } else {
        format!("{:.1} GiB", mib / 1024.0)
    }
}

/// Runs `task` on a thread whose stack is sized for a graph of `blocks`
/// blocks when the program recurses; on this thread otherwise. An error
/// is the message for status 4.
fn run_on_stack_for<T: Send, F: FnOnce() -> T + Send>(blocks: i64, recursive: bool, task: F) -> Result<T, String> {
    if !recursive {
        return Ok(task());
    }
    let bytes = stack_bytes_for(blocks);
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().name("havlak".into()).stack_size(bytes).spawn_scoped(scope, task);
        match thread {
            Ok(thread) => match thread.join() {
                Ok(value) => Ok(value),
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(error) => Err(format!(
                "cannot reserve a stack of {}: {} ({} bytes for each of {} blocks, for a recursive search; \
                 see ulimit -v and the kernel's overcommit limit)",
                size_text(bytes),
                os_error(&error),
                STACK_BYTES_PER_BLOCK,
                blocks
            )),
        }
    })
}

// --dump-cfg: the graph to a file, complete or not at all.
fn dump_cfg<R: Rung>(options: &Options, graph: &EdgeList, ids: &[u32], what: &[u8]) -> i32 {
    let comment = [
        what,
        format!(
            ": {}, {} (written by {})",
            count(graph.num_blocks as i64, "block"),
            count(graph.edges.len() as i64, "edge"),
            R::NAME
        )
        .as_bytes(),
    ]
    .concat();
    let text = format_cfg(graph, ids, &comment);
    match write_output_file(&options.dump_cfg, &text) {
        Ok(()) => EXIT_SUCCESS,
        Err(error) => fail(R::NAME, EXIT_FAILURE, &[b"--dump-cfg: ".as_slice(), &error].concat()),
    }
}

// Rules between flags that hold with and without --cfg.
fn check_output_flags(options: &Options) -> Option<String> {
    if !options.dump_cfg.is_empty() {
        for flag in ["json", "cpuprofile", "heapprofile"] {
            if options.given.contains(flag) {
                return Some(format!("--{} applies to a run, and --dump-cfg only writes the graph", flag));
            }
        }
    }
    for (flag, path) in [("--cpuprofile", &options.cpuprofile), ("--heapprofile", &options.heapprofile)] {
        if path.as_slice() == b"-" {
            return Some(format!(
                "{}: '-' would mix the profile with the report on standard output; name a file",
                flag
            ));
        }
    }
    None
}

// Where the C++ rungs would start gperftools: Rust has none here.
fn refuse_profilers<R: Rung>(options: &Options) -> Option<i32> {
    for (flag, given) in [("cpuprofile", !options.cpuprofile.is_empty()), ("heapprofile", !options.heapprofile.is_empty())] {
        if given {
            let message = format!(
                "--{}: {} has no gperftools profiler; record a CPU profile with perf instead: \
                 perf record -g --call-graph=dwarf {} ... && perf report (see its README)",
                flag,
                R::NAME,
                R::NAME
            );
            return Some(fail(R::NAME, EXIT_USAGE, message.as_bytes()));
        }
    }
    None
}

// --cfg: the loops of a CFG file, printed once they are all found.
fn run_cfg_file<R: Rung>(options: &Options) -> i32 {
    for flag in ["scale", "iterations", "heapprofile", "reuse-loop-graph"] {
        if options.given.contains(flag) {
            return fail(R::NAME, EXIT_USAGE, format!("--{} applies to the workload, not to --cfg", flag).as_bytes());
        }
    }
    let file = match read_cfg_file(&options.cfg) {
        Ok(file) => file,
        Err(error) => return fail(R::NAME, EXIT_USAGE, &error),
    };
    let input: &[u8] = if options.cfg == b"-" { b"<stdin>" } else { &options.cfg };
    if !options.dump_cfg.is_empty() {
        return dump_cfg::<R>(options, &file.graph, &file.ids, &printable_name(input));
    }
    if let Some(status) = refuse_profilers::<R>(options) {
        return status;
    }
    let graph = &file.graph;
    let forest = match run_on_stack_for(graph.num_blocks as i64, R::RECURSIVE, || find_loop_forest::<R>(graph)) {
        Ok(forest) => forest,
        Err(error) => return fail(R::NAME, EXIT_RESOURCE_LIMIT, error.as_bytes()),
    };
    let report = ForestReport { rung: R::NAME, input, graph: &file.graph, ids: &file.ids, forest: &forest };
    print(&if options.json { format_forest_json(&report) } else { format_forest_text(&report) });
    EXIT_SUCCESS
}

fn run<R: Rung>(options: &Options) -> i32 {
    if let Some(error) = check_output_flags(options) {
        return fail(R::NAME, EXIT_USAGE, error.as_bytes());
    }
    if !options.cfg.is_empty() {
        return run_cfg_file::<R>(options);
    }
    if !options.heapprofile.is_empty() && !options.cpuprofile.is_empty() {
        return fail(
            R::NAME,
            EXIT_USAGE,
            b"--heapprofile and --cpuprofile need separate runs (the heap profiler slows every allocation)",
        );
    }
    if let Some(status) = refuse_profilers::<R>(options) {
        return status;
    }
    if options.reuse_loop_graph.is_some() && !R::REUSES_LOOP_GRAPH {
        let message = format!("--reuse-loop-graph: {} has no loop graph to reuse (its finder fills a fresh one every time)", R::NAME);
        return fail(R::NAME, EXIT_USAGE, message.as_bytes());
    }
    let reuse_loop_graph = R::REUSES_LOOP_GRAPH && options.reuse_loop_graph.unwrap_or(true);
    let spec = WorkloadSpec::scaled(options.scale, options.iterations);
    if !options.dump_cfg.is_empty() {
        let mut graph = EdgeList::default();
        build_small_graph(&mut graph);
        build_big_graph(&spec, &mut graph);
        let what = if spec.is_canonical() {
            "the canonical workload's graph".to_string()
        } else {
            format!("the workload's graph at --scale={}", format_g(options.scale))
        };
        return dump_cfg::<R>(options, &graph, &[], what.as_bytes());
    }

    let mut progress = ProgressLine::new(R::NAME);
    let watch = Stopwatch::new();
    let result = {
        let progress = &mut progress;
        run_on_stack_for(spec.big_graph_blocks(), R::RECURSIVE, move || {
            run_workload::<R>(&spec, reuse_loop_graph, progress)
        })
    };
    let wall_seconds = watch.seconds();
    progress.clear();
    let result = match result {
        Ok(result) => result,
        Err(error) => return fail(R::NAME, EXIT_RESOURCE_LIMIT, error.as_bytes()),
    };
    let report = RunReport {
        rung: R::NAME,
        idea: R::IDEA,
        allocator: "glibc".to_string(),
        allocator_version: glibc_version(),
        scale: options.scale,
        spec,
        reuse_loop_graph,
        result,
        wall_seconds,
        usage: read_resource_usage(),
        vm_hwm_kib: read_vm_hwm_kib(),
        allocations: alloc_count::read(),
    };
    if options.json {
        print(&format_json(&report));
    } else {
        print(format_report(&report).as_bytes());
    }
    let problems = check_loop_counts(&spec, &report.result);
    for problem in &problems {
        fail(R::NAME, EXIT_WRONG_LOOP_COUNT, format!("wrong loop count: {}", problem).as_bytes());
    }
    if problems.is_empty() {
        EXIT_SUCCESS
    } else {
        EXIT_WRONG_LOOP_COUNT
    }
}

/// All of a program's main: `std::process::exit(rung_main::<R>())`.
pub fn rung_main<R: Rung>() -> i32 {
    alloc_count::set_program_name(R::NAME);
    use std::os::unix::ffi::OsStringExt;
    let args: Vec<Vec<u8>> = std::env::args_os().skip(1).map(|arg| arg.into_vec()).collect();
    let options = match parse_command_line(&args) {
        Ok(options) => options,
        Err(error) => return fail(R::NAME, EXIT_USAGE, &[&error[..], b" (see --help)"].concat()),
    };
    if options.help {
        print(usage_text(R::NAME, R::IDEA, R::REUSES_LOOP_GRAPH).as_bytes());
        return EXIT_SUCCESS;
    }
    run::<R>(&options)
}
