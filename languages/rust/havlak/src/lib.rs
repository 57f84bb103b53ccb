//! What every Rust Havlak program shares, written once, as `havlak/` is for
//! the C++ rungs: the workload generator, the command line, CFG files, the
//! canonical loop forest and its output, the run report and record, timing,
//! memory and allocation counts. A program supplies its CFG, loop finder and
//! loop structure graph through [`runner::Rung`], and its `main` is one line:
//!
//! ```ignore
//! fn main() {
//!     std::process::exit(havlak::driver::rung_main::<MyRung>());
//! }
//! ```
//!
//! Every output (the report, the `--json` record, `--cfg`'s loops,
//! `--dump-cfg`'s file, error messages and exit statuses) is the C++ rungs',
//! byte for byte but for the program's name; the record adds
//! `"language": "rust"`.

pub mod alloc_count;
pub mod cfg_file;
pub mod command_line;
pub mod driver;
pub mod edge_list;
pub mod forest;
pub mod json;
pub mod measure;
pub mod output_file;
mod posix;
pub mod removed_on_signal;
pub mod report;
pub mod standard_stream;
pub mod runner;
pub mod text;
pub mod workload;

pub use edge_list::{EdgeList, GraphBuilder};
pub use forest::{ForestLoop, LoopForest, LoopForestBuilder};
pub use runner::{LoopGraph, Rung};
