//! CFGs in a text file, read and written in havlak/cfg_file.h's format:
//!
//! ```text
//! # A loop and an exit. Comments run from '#' to the end of the line.
//! start 10        the start block, exactly once
//! 10 11           an edge from block 10 to block 11
//! 11 10
//! 11 12
//! block 99        a block without edges (optional)
//! ```
//!
//! Block ids are whole numbers from 0 to 4294967295. The reader numbers the
//! blocks densely, 0..N-1, the start block first and the others in the
//! order they are first named, and keeps their ids for printing. Blank
//! lines, surrounding spaces and a UTF-8 byte-order mark at the start are
//! ignored; lines are at most 4096 bytes, and a NUL byte is refused
//! anywhere, comments included.
//!
//! The reader streams: each line is checked as soon as it is read, so a bad
//! input (/dev/zero, a binary) fails at its first line, and memory follows
//! the graph, not the size of the file. Errors are one line, in bytes (an
//! excerpt of a bad line is shown as it is), and the C++ reader's words.

use crate::edge_list::EdgeList;
use crate::standard_stream::standard_stream_is_open;
use crate::text::{os_error, printable_name};
use std::collections::HashMap;
use std::io::Read;

pub const MAX_LINE_BYTES: usize = 4096;
const MAX_ID: u64 = 4294967295;
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";
const READ_BYTES: usize = 1 << 18;

#[derive(Debug, Default)]
pub struct CfgFile {
    pub graph: EdgeList,
    /// The id in the file of each block: ids[dense block number].
    pub ids: Vec<u32>,
}

fn is_space(c: u8) -> bool {
    c == b' ' || c == b'\t' || c == b'\r'
}
fn is_control(c: u8) -> bool {
    c < 0x20 || c == 0x7f
}

fn excerpt(text: &[u8]) -> Vec<u8> {
    const SHOWN: usize = 40;
    if text.len() <= SHOWN {
        text.to_vec()
    } else {
        [&text[..SHOWN], b"...".as_slice()].concat()
    }
}

fn bad_byte(c: u8) -> Vec<u8> {
    format!("byte 0x{:02x}: this is not a text CFG", c).into_bytes()
}

fn parse_id(token: &[u8]) -> Result<u32, Vec<u8>> {
    let mut value: u64 = 0;
    let mut digits = !token.is_empty() && token.len() <= 10;
    for &c in token {
        if !digits {
            break;
        }
        digits = c.is_ascii_digit();
        value = value * 10 + c.wrapping_sub(b'0') as u64 % 256;
    }
    if !digits || value > MAX_ID {
        return Err([
            b"'".as_slice(),
            &excerpt(token),
            b"' is not a block id (a whole number from 0 to 4294967295)",
        ]
        .concat());
    }
    Ok(value as u32)
}

/// Dense block numbers for ids, in order of first mention: a vector when
/// the ids are dense enough, a hash map otherwise, so a file naming block
/// 4,000,000,000 costs what its lines cost.
enum DenseNumbers {
    Vector(Vec<u32>),
    Map(HashMap<u32, u32>),
}

const UNNUMBERED: u32 = u32::MAX;

impl DenseNumbers {
    fn new(max_id: u64, mentions: usize) -> Self {
        if max_id <= 4 * mentions as u64 + 1024 {
            DenseNumbers::Vector(vec![UNNUMBERED; max_id as usize + 1])
        } else {
            DenseNumbers::Map(HashMap::new())
        }
    }

    fn number(&mut self, id: u32, ids: &mut Vec<u32>) -> u32 {
        let slot = match self {
            DenseNumbers::Vector(numbers) => &mut numbers[id as usize],
            DenseNumbers::Map(numbers) => numbers.entry(id).or_insert(UNNUMBERED),
        };
        if *slot == UNNUMBERED {
            *slot = ids.len() as u32;
            ids.push(id);
        }
        *slot
    }
}

/// The reader, fed the input a part at a time; at most one line (4096
/// bytes) is kept between parts.
pub struct CfgParser {
    name: Vec<u8>,
    partial: Vec<u8>,
    error: Vec<u8>,
    line_number: usize,
    edges: Vec<(u32, u32)>,
    // 'block' lines, each before the edge at its index.
    blocks: Vec<(usize, u32)>,
    start: Option<u32>,
    start_line: usize,
    max_id: u64,
    any_content: bool,
}

impl CfgParser {
    pub fn new(name: &[u8]) -> Self {
        CfgParser {
            name: name.to_vec(),
            partial: Vec::new(),
            error: Vec::new(),
            line_number: 0,
            edges: Vec::new(),
            blocks: Vec::new(),
            start: None,
            start_line: 0,
            max_id: 0,
            any_content: false,
        }
    }

    fn at(&self, line: usize) -> Vec<u8> {
        [&self.name[..], format!(":{}: ", line).as_bytes()].concat()
    }

    fn fail(&mut self, message: &[u8]) -> bool {
        self.error = [&self.at(self.line_number)[..], message].concat();
        false
    }

    /// The next part of the input; false once it is known to be bad.
    pub fn feed(&mut self, mut bytes: &[u8]) -> bool {
        if !self.error.is_empty() {
            return false;
        }
        while !bytes.is_empty() {
            let newline = bytes.iter().position(|&c| c == b'\n');
            let length = newline.unwrap_or(bytes.len());
            let content = &bytes[..length];
            if newline.is_none() || !self.partial.is_empty() {
                // Keep one byte past the limit: enough to tell it is too long.
                let room = MAX_LINE_BYTES + 1 - self.partial.len();
                self.partial.extend_from_slice(&content[..room.min(content.len())]);
                if self.partial.len() > MAX_LINE_BYTES {
                    let partial = std::mem::take(&mut self.partial);
                    return self.too_long(&partial);
                }
                if newline.is_none() {
                    return true;
                }
                bytes = &bytes[(length + 1).min(bytes.len())..];
                let partial = std::mem::take(&mut self.partial);
                let ok = self.line(&partial);
                self.partial = partial;
                self.partial.clear();
                if !ok {
                    return false;
                }
                continue;
            }
            bytes = &bytes[(length + 1).min(bytes.len())..];
            if content.len() > MAX_LINE_BYTES {
                return self.too_long(content);
            }
            if !self.line(content) {
                return false;
            }
        }
        true
    }

    // A byte that is not text says more than the length: /dev/zero is
    // "byte 0x00", not "line longer than 4096 bytes".
    fn too_long(&mut self, content: &[u8]) -> bool {
        self.line_number += 1;
        let content = &content[..content.len().min(MAX_LINE_BYTES + 1)];
        let hash = content.iter().position(|&c| c == b'#').unwrap_or(usize::MAX);
        for (i, &c) in content.iter().enumerate() {
            if c == 0 || (i < hash && is_control(c) && !is_space(c)) {
                return self.fail(&bad_byte(c));
            }
        }
        self.fail(format!("line longer than {} bytes", MAX_LINE_BYTES).as_bytes())
    }

    fn line(&mut self, mut content: &[u8]) -> bool {
        self.line_number += 1;
        if self.line_number == 1 && content.starts_with(BYTE_ORDER_MARK) {
            content = &content[BYTE_ORDER_MARK.len()..];
        }
        // At most 3 fields, up to a comment. Control bytes are refused
        // before the comment, and NUL anywhere.
        let mut tokens: [&[u8]; 3] = [b""; 3];
        let mut count = 0;
        let mut i = 0;
        while i < content.len() {
            let c = content[i];
            if c == b'#' {
                if content[i..].contains(&0) {
                    return self.fail(&bad_byte(0));
                }
                break;
            }
            if is_space(c) {
                i += 1;
                continue;
            }
            if is_control(c) {
                return self.fail(&bad_byte(c));
            }
            let begin = i;
            while i < content.len() && !is_space(content[i]) && content[i] != b'#' && !is_control(content[i]) {
                i += 1;
            }
            if count == 3 {
                return self.fail(b"too many fields");
            }
            tokens[count] = &content[begin..i];
            count += 1;
        }
        if count == 0 {
            return true;
        }
        self.any_content = true;
        if count == 2 && (tokens[0] == b"start" || tokens[0] == b"block") {
            let id = match parse_id(tokens[1]) {
                Ok(id) => id,
                Err(error) => return self.fail(&error),
            };
            self.max_id = self.max_id.max(id as u64);
            if tokens[0] == b"block" {
                self.blocks.push((self.edges.len(), id));
            } else if self.start.is_some() {
                let message = format!("a second start block (the first is on line {})", self.start_line);
                return self.fail(message.as_bytes());
            } else {
                self.start = Some(id);
                self.start_line = self.line_number;
            }
            return true;
        }
        if count != 2 {
            let message = [
                b"expected an edge 'FROM TO', 'start ID' or 'block ID', got '".as_slice(),
                &excerpt(content),
                b"'",
            ]
            .concat();
            return self.fail(&message);
        }
        let (from, to) = match (parse_id(tokens[0]), parse_id(tokens[1])) {
            (Err(error), _) | (Ok(_), Err(error)) => return self.fail(&error),
            (Ok(from), Ok(to)) => (from, to),
        };
        self.max_id = self.max_id.max(from.max(to) as u64);
        self.edges.push((from, to));
        true
    }

    /// The end of the input: the graph, or the first error.
    pub fn finish(mut self) -> Result<CfgFile, Vec<u8>> {
        if self.error.is_empty() && !self.partial.is_empty() {
            let partial = std::mem::take(&mut self.partial);
            self.line(&partial); // the last line, without a newline
        }
        if !self.error.is_empty() {
            return Err(self.error);
        }
        let start = match self.start {
            Some(start) => start,
            None => {
                let why: &[u8] = if self.any_content {
                    b": no start block: a 'start ID' line is missing"
                } else {
                    b": empty: no start block and no edges"
                };
                return Err([&self.name[..], why].concat());
            }
        };
        let mut file = CfgFile::default();
        let mut numbers = DenseNumbers::new(self.max_id.max(start as u64), self.edges.len() + self.blocks.len());
        numbers.number(start, &mut file.ids); // the start is block 0
        file.graph.edges.reserve(self.edges.len());
        let mut start_named = false;
        let mut block_lines = self.blocks.iter().peekable();
        for i in 0..=self.edges.len() {
            while let Some(&&(index, id)) = block_lines.peek() {
                if index != i {
                    break;
                }
                start_named = start_named || id == start;
                numbers.number(id, &mut file.ids);
                block_lines.next();
            }
            if i == self.edges.len() {
                break;
            }
            let (from, to) = self.edges[i];
            start_named = start_named || from == start || to == start;
            let from = numbers.number(from, &mut file.ids);
            let to = numbers.number(to, &mut file.ids);
            file.graph.edges.push((from, to));
        }
        if !start_named {
            let message = format!(
                "start block {} is not in the graph: no edge or 'block' line names it",
                start
            );
            return Err([&self.at(self.start_line)[..], message.as_bytes()].concat());
        }
        file.graph.num_blocks = file.ids.len() as u32;
        file.graph.start = 0;
        Ok(file)
    }
}

/// Parses `text`, named `name` in errors.
pub fn parse_cfg(text: &[u8], name: &[u8]) -> Result<CfgFile, Vec<u8>> {
    let mut parser = CfgParser::new(name);
    parser.feed(text);
    parser.finish()
}

/// Reads and parses the file at `path`; "-" is standard input. The path is
/// named in errors with control bytes escaped.
pub fn read_cfg_file(path: &[u8]) -> Result<CfgFile, Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let standard_input = path == b"-";
    let name = if standard_input { b"<stdin>".to_vec() } else { printable_name(path) };
    let cannot_read = |why: String| -> Vec<u8> { [b"cannot read ".as_slice(), &name, b": ", why.as_bytes()].concat() };
    if standard_input && !standard_stream_is_open(0) {
        return Err(cannot_read("standard input is closed".to_string()));
    }
    let mut input: Box<dyn Read> = if standard_input {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(std::ffi::OsStr::from_bytes(path)) {
            Ok(file) => Box::new(file),
            Err(error) => return Err(cannot_read(os_error(&error))),
        }
    };
    let mut parser = CfgParser::new(&name);
    let mut buffer = vec![0u8; READ_BYTES];
    loop {
        match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => {
                if !parser.feed(&buffer[..read]) {
                    break;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(cannot_read(os_error(&error))),
        }
    }
    parser.finish()
}

/// The file for `graph`, whose block b has id `ids[b]` (or b when `ids` is
/// empty), after `comment` lines (each gets its '#').
pub fn format_cfg(graph: &EdgeList, ids: &[u32], comment: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let id = |block: u32| if ids.is_empty() { block } else { ids[block as usize] };
    let mut out = Vec::new();
    if !comment.is_empty() {
        for line in comment.split(|&c| c == b'\n') {
            out.extend_from_slice(b"# ");
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    if graph.num_blocks == 0 {
        return out;
    }
    let _ = writeln!(out, "start {}", id(graph.start));
    let mut has_edge = vec![false; graph.num_blocks as usize];
    has_edge[graph.start as usize] = true;
    for &(from, to) in &graph.edges {
        has_edge[from as usize] = true;
        has_edge[to as usize] = true;
        let _ = writeln!(out, "{} {}", id(from), id(to));
    }
    for block in 0..graph.num_blocks {
        if !has_edge[block as usize] {
            let _ = writeln!(out, "block {}", id(block));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &[u8]) -> String {
        String::from_utf8_lossy(&parse_cfg(text, b"f").unwrap_err()).into_owned()
    }

    #[test]
    fn reads_ids_densely_start_first() {
        let file = parse_cfg(b"# c\n1 2\n2 1\nstart 2\nblock 9\n", b"f").unwrap();
        assert_eq!(file.ids, vec![2, 1, 9]);
        assert_eq!(file.graph.edges, vec![(1, 0), (0, 1)]);
        assert_eq!(file.graph.num_blocks, 3);
        let text = format_cfg(&file.graph, &file.ids, b"copy");
        assert_eq!(text, b"# copy\nstart 2\n1 2\n2 1\nblock 9\n".to_vec());
    }

    #[test]
    fn odd_but_valid_inputs() {
        for text in [
            &b"start 1\r\n1 2\r\n2 1\r\n"[..],
            b"\t start\t1 \n 1\t2\n2 1   \n",
            b"start 007\n7 0008\n08 7\n",
            b"\xef\xbb\xbfstart 1\n1 2\n2 1\n",
            b"start 4294967295\n4294967295 4294967295\n",
            b"block 5\nstart 5\n",
            b"start 1\n1 2\n2 1",
        ] {
            assert!(parse_cfg(text, b"f").is_ok(), "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(error(b""), "f: empty: no start block and no edges");
        assert_eq!(error(b"1 2\n"), "f: no start block: a 'start ID' line is missing");
        assert_eq!(error(b"start 1\n1 2 3\n"), "f:2: expected an edge 'FROM TO', 'start ID' or 'block ID', got '1 2 3'");
        assert_eq!(error(b"start 1\n1 2 3 4\n"), "f:2: too many fields");
        assert_eq!(
            error(b"start 1\n1 4294967296\n"),
            "f:2: '4294967296' is not a block id (a whole number from 0 to 4294967295)"
        );
        assert_eq!(error(b"start 9\n1 2\n"), "f:1: start block 9 is not in the graph: no edge or 'block' line names it");
        assert_eq!(error(b"start 1\n1 2\nstart 2\n"), "f:3: a second start block (the first is on line 1)");
        assert_eq!(error(b"start 1\n1 2\x00\n"), "f:2: byte 0x00: this is not a text CFG");
        assert_eq!(error(b"start 1\n1 2 # \x00\n"), "f:2: byte 0x00: this is not a text CFG");
        let long = [b"start 1\n1 2\n".as_slice(), &vec![b' '; 4094], b"1 2\n"].concat();
        assert_eq!(error(&long), "f:3: line longer than 4096 bytes");
        assert_eq!(error(&vec![0u8; 10000]), "f:1: byte 0x00: this is not a text CFG");
    }

    #[test]
    fn streams_a_line_split_across_parts() {
        let mut parser = CfgParser::new(b"f");
        for part in [&b"sta"[..], b"rt 1\n1 ", b"2\n2", b" 1\n"] {
            assert!(parser.feed(part));
        }
        let file = parser.finish().unwrap();
        assert_eq!(file.graph.edges, vec![(0, 1), (1, 0)]);
    }
}
