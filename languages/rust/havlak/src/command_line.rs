//! The command line every program shares: a hand parser with the flags,
//! ranges, messages and rules of havlak/command_line.cc. Flags take their
//! value as --flag=value or --flag value; boolean flags also accept =true
//! and =false. Arguments are bytes: a path need not be UTF-8.

use crate::text::printable_name;
use crate::workload::WorkloadSpec;
use std::collections::BTreeSet;

pub const MIN_SCALE: f64 = 0.01;
pub const MAX_SCALE: f64 = 400.0;
pub const MAX_ITERATIONS: i64 = 1_000_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub scale: f64,
    /// Big-graph findings after the first.
    pub iterations: i32,
    pub json: bool,
    pub cpuprofile: Vec<u8>,
    pub heapprofile: Vec<u8>,
    /// None: the program's default (reuse, where it can).
    pub reuse_loop_graph: Option<bool>,
    /// A CFG file to find the loops of; "-": standard input.
    pub cfg: Vec<u8>,
    pub dump_cfg: Vec<u8>,
    pub help: bool,
    /// The flags given, by name ("scale"), for rules between flags.
    pub given: BTreeSet<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: 1.0,
            iterations: 50,
            json: false,
            cpuprofile: Vec::new(),
            heapprofile: Vec::new(),
            reuse_loop_graph: None,
            cfg: Vec::new(),
            dump_cfg: Vec::new(),
            help: false,
            given: BTreeSet::new(),
        }
    }
}

struct Flag {
    name: &'static str,
    takes_value: bool, // false: a boolean flag
    value_name: &'static str,
    help: &'static str,
}

const FLAGS: &[Flag] = &[
    Flag {
        name: "scale",
        takes_value: true,
        value_name: "S",
        help: "workload size: multiplies the 100 loops per tree and the 15000\n\
               small-graph findings (default 1, the canonical workload)",
    },
    Flag {
        name: "iterations",
        takes_value: true,
        value_name: "N",
        help: "loop findings on the big graph after the first (default 50)",
    },
    Flag {
        name: "json",
        takes_value: false,
        value_name: "",
        help: "print one JSON record of the run instead of the report",
    },
    Flag {
        name: "cpuprofile",
        takes_value: true,
        value_name: "FILE",
        help: "refused: Rust has no gperftools profiler here; profile with\n\
               perf record -g (README.md)",
    },
    Flag {
        name: "heapprofile",
        takes_value: true,
        value_name: "FILE",
        help: "refused, like --cpuprofile: the record's allocation counts\n\
               come from a counting allocator instead",
    },
    Flag {
        name: "reuse-loop-graph",
        takes_value: false,
        value_name: "",
        // usage_text adds whether this program can, and its default.
        help: "refill one loop graph in every finding but the first big-graph one",
    },
    Flag {
        name: "cfg",
        takes_value: true,
        value_name: "FILE",
        help: "find the loops of the CFG in FILE ('-': standard input) and print\n\
               them, instead of running the workload (format: README.md)",
    },
    Flag {
        name: "dump-cfg",
        takes_value: true,
        value_name: "FILE",
        help: "write the workload's graph (or --cfg's) to FILE in the same\n\
               format ('-': standard output), then stop",
    },
    Flag { name: "help", takes_value: false, value_name: "", help: "print this help and exit" },
];

fn quoted(text: &[u8]) -> Vec<u8> {
    [b"'".as_slice(), &printable_name(text), b"'"].concat()
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// A number as std::from_chars reads one: no sign but '-', no spaces, the
/// whole text; too large or too small reads as the largest double.
fn parse_number(text: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(text).ok()?;
    let body = text.strip_prefix('-').unwrap_or(text);
    if body.is_empty() || body.starts_with(|c| c == '+' || c == '-') || !body.bytes().all(|c| c.is_ascii_digit() || b".eE+-".contains(&c)) {
        return None; // from_chars takes no "inf", "nan", '+' or spaces here
    }
    let value: f64 = text.parse().ok()?;
    if value.is_infinite() {
        return Some(f64::MAX);
    }
    if value == 0.0 && body.bytes().any(|c| (b'1'..=b'9').contains(&c)) && has_nonzero_mantissa(body) {
        return Some(f64::MAX); // underflow: out of range, as from_chars says
    }
    Some(value)
}

fn has_nonzero_mantissa(body: &str) -> bool {
    let mantissa = body.split(|c| c == 'e' || c == 'E').next().unwrap_or("");
    mantissa.bytes().any(|c| (b'1'..=b'9').contains(&c))
}

/// A whole number; too large for 64 bits reads as i64::MAX.
fn parse_integer(text: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(text).ok()?;
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(text.parse().unwrap_or(i64::MAX))
}

fn apply(name: &str, value: &[u8], options: &mut Options) -> Vec<u8> {
    match name {
        "scale" => match parse_number(value) {
            None => cat(&[&quoted(value), b" is not a number"]),
            Some(scale) if !(MIN_SCALE..=MAX_SCALE).contains(&scale) => {
                cat(&[value, b" is out of range (0.01 to 400)"])
            }
            Some(scale) => {
                options.scale = scale;
                Vec::new()
            }
        },
        "iterations" => match parse_integer(value) {
            None => cat(&[&quoted(value), b" is not a whole number"]),
            Some(n) if !(0..=MAX_ITERATIONS).contains(&n) => {
                cat(&[value, format!(" is out of range (0 to {})", MAX_ITERATIONS).as_bytes()])
            }
            Some(n) => {
                options.iterations = n as i32;
                Vec::new()
            }
        },
        "json" => {
            options.json = value == b"true";
            Vec::new()
        }
        "reuse-loop-graph" => {
            options.reuse_loop_graph = Some(value == b"true");
            Vec::new()
        }
        "help" => {
            options.help = value == b"true";
            Vec::new()
        }
        "cfg" if value.is_empty() => b"needs a file name ('-' for stdin)".to_vec(),
        _ if value.is_empty() => b"needs a file name".to_vec(),
        "cfg" => {
            options.cfg = value.to_vec();
            Vec::new()
        }
        "dump-cfg" => {
            options.dump_cfg = value.to_vec();
            Vec::new()
        }
        "cpuprofile" => {
            options.cpuprofile = value.to_vec();
            Vec::new()
        }
        "heapprofile" => {
            options.heapprofile = value.to_vec();
            Vec::new()
        }
        _ => unreachable!("a flag without a rule: {}", name),
    }
}

/// The options, or one line without the program's name.
pub fn parse_command_line(args: &[Vec<u8>]) -> Result<Options, Vec<u8>> {
    let mut options = Options::default();
    let mut i = 0;
    while i < args.len() {
        let mut arg: &[u8] = &args[i];
        if arg == b"-h" {
            arg = b"--help";
        }
        if !arg.starts_with(b"--") || arg.len() == 2 {
            return Err(cat(&[b"unexpected argument ", &quoted(arg)]));
        }
        let mut name = &arg[2..];
        let mut value: Option<&[u8]> = None;
        if let Some(equals) = name.iter().position(|&c| c == b'=') {
            value = Some(&name[equals + 1..]);
            name = &name[..equals];
        }
        let flag = match FLAGS.iter().find(|flag| flag.name.as_bytes() == name) {
            Some(flag) => flag,
            None => return Err(cat(&[b"unknown flag ", &quoted(&cat(&[b"--", name]))])),
        };
        let flag_name = format!("--{}", flag.name);
        if options.given.contains(flag.name) {
            return Err(format!("{}: given more than once", flag_name).into_bytes());
        }
        if flag.takes_value && value.is_none() {
            // "--cfg --json" is a forgotten value, not a file named --json
            // (--cfg=--json still is).
            if i + 1 == args.len() || args[i + 1].starts_with(b"--") {
                return Err(format!("{} needs a value", flag_name).into_bytes());
            }
            i += 1;
            value = Some(&args[i]);
        }
        let value = if flag.takes_value {
            value.unwrap()
        } else {
            let value = value.unwrap_or(b"true");
            if value != b"true" && value != b"false" {
                return Err(cat(&[flag_name.as_bytes(), b": ", &quoted(value), b" is not true or false"]));
            }
            value
        };
        let error = apply(flag.name, value, &mut options);
        if !error.is_empty() {
            return Err(cat(&[flag_name.as_bytes(), b": ", &error]));
        }
        options.given.insert(flag.name);
        i += 1;
    }
    Ok(options)
}

/// The --help text, with `summary` as the first line; `reuses_loop_graph`
/// says whether the program can take --reuse-loop-graph.
pub fn usage_text(program: &str, summary: &str, reuses_loop_graph: bool) -> String {
    let canonical = WorkloadSpec::default();
    let (small_finds, blocks, big_finds) =
        (canonical.small_graph_finds, canonical.big_graph_blocks(), canonical.big_graph_finds);
    let mut out = format!(
        "{program}: {summary}\n\nUsage: {program} [flags]\n\n\
         Runs Hundt's LoopTesterApp workload: {small_finds} loop findings on a small\n\
         graph, then a big graph of {blocks} blocks built and searched for\n\
         loops 1 + {big_finds} times, then the nesting levels of the first result.\n\
         Prints the loop counts (checked against the known ones), the time\n\
         of each phase and the peak resident memory.\n\nFlags:\n"
    );
    const HELP_COLUMN: usize = 24;
    for flag in FLAGS {
        let mut head = format!("  --{}", flag.name);
        if flag.takes_value {
            head += &format!("={}", flag.value_name);
        }
        out += &head;
        let mut column = head.len();
        let mut help = flag.help.to_string();
        if flag.name == "reuse-loop-graph" {
            help += if reuses_loop_graph {
                "\n(default true, like Cox's -reuseloopgraph)"
            } else {
                "\n(not this rung: its finder fills a fresh graph every time)"
            };
        }
        for line in help.lines() {
            let line = line.trim_start();
            if column >= HELP_COLUMN {
                out.push('\n');
                column = 0;
            }
            out += &" ".repeat(HELP_COLUMN - column);
            out += line;
            column = HELP_COLUMN + line.len();
        }
        out.push('\n');
    }
    out += "\n--cfg=- reads standard input, --dump-cfg=- writes standard output.\n\
            An output FILE that is a regular file (or a new one) is replaced\n\
            whole once complete, a symbolic link's target likewise; a device\n\
            or FIFO is written in place. Nothing is left behind on a failure\n\
            (Ctrl-C may leave a .tmp file). Each flag is given at most once.\n\
            \nA CPU profile: perf record -g --call-graph=dwarf PROGRAM, then\n\
            perf report (the program's README shows the commands).\n\
            \nExit status: 0 the run finished and its loop counts are right;\n\
            1 a loop count is wrong; 2 a bad command line or CFG file; 3 a\n\
            file could not be written; 4 a resource limit: no stack for a\n\
            recursive program on a graph this large.\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        parse_command_line(&args).map_err(|e| String::from_utf8(e).unwrap())
    }

    #[test]
    fn defaults_and_values() {
        let options = parse(&[]).unwrap();
        assert_eq!(options.scale, 1.0);
        assert_eq!(options.iterations, 50);
        let options = parse(&["--scale", "0.5", "--iterations=3", "--json", "--reuse-loop-graph=false"]).unwrap();
        assert_eq!(options.scale, 0.5);
        assert_eq!(options.iterations, 3);
        assert!(options.json);
        assert_eq!(options.reuse_loop_graph, Some(false));
        assert!(parse(&["-h"]).unwrap().help);
        assert_eq!(parse(&["--cfg=--json"]).unwrap().cfg, b"--json".to_vec());
    }

    #[test]
    fn errors_are_the_cpp_ones() {
        for (args, error) in [
            (&["--scale=abc"][..], "--scale: 'abc' is not a number"),
            (&["--scale=0"], "--scale: 0 is out of range (0.01 to 400)"),
            (&["--scale=1e400"], "--scale: 1e400 is out of range (0.01 to 400)"),
            (&["--scale=1e-400"], "--scale: 1e-400 is out of range (0.01 to 400)"),
            (&["--scale=+1"], "--scale: '+1' is not a number"),
            (&["--scale=inf"], "--scale: 'inf' is not a number"),
            (&["--scale= 1"], "--scale: ' 1' is not a number"),
            (&["--scale="], "--scale: '' is not a number"),
            (&["--scale"], "--scale needs a value"),
            (&["--iterations=1.5"], "--iterations: '1.5' is not a whole number"),
            (&["--iterations=-1"], "--iterations: -1 is out of range (0 to 1000000)"),
            (&["--iterations=99999999999999999999"], "--iterations: 99999999999999999999 is out of range (0 to 1000000)"),
            (&["--iterations=+3"], "--iterations: '+3' is not a whole number"),
            (&["--json=yes"], "--json: 'yes' is not true or false"),
            (&["--bogus"], "unknown flag '--bogus'"),
            (&["stray"], "unexpected argument 'stray'"),
            (&["--"], "unexpected argument '--'"),
            (&["--cfg="], "--cfg: needs a file name ('-' for stdin)"),
            (&["--cpuprofile="], "--cpuprofile: needs a file name"),
            (&["--cfg", "-", "--cfg=x"], "--cfg: given more than once"),
            (&["--cfg", "--json"], "--cfg needs a value"),
        ] {
            assert_eq!(parse(args).unwrap_err(), error, "{:?}", args);
        }
    }

    #[test]
    fn help_lists_every_flag() {
        let text = usage_text("rust-top", "idea", true);
        assert!(text.starts_with("rust-top: idea\n"));
        for flag in FLAGS {
            assert!(text.contains(&format!("--{}", flag.name)));
        }
        for numbers in ["15000 loop findings", "252013 blocks", "loops 1 + 50 times"] {
            assert!(text.contains(numbers), "{numbers}");
        }
        assert!(text.contains("(default true, like Cox's -reuseloopgraph)"));
        let bottom = usage_text("rust-havlak1", "idea", false);
        assert!(bottom.contains("(not this rung: its finder fills a fresh graph every time)"));
    }
}
