//! CFG files (docs/cfg-files.md): `start ID` once, one edge `FROM TO` a
//! line, `block ID` for a block without edges, `#` comments, ids from 0 to
//! 4294967295, lines of at most 4096 bytes. The reader numbers the blocks
//! densely, the start first and the others in the order the file names
//! them, and keeps their ids to print the loops with.

use crate::{GraphBuilder, LoopForest};
use std::collections::HashMap;
use std::io::{BufRead, Read};

const MAX_LINE_BYTES: usize = 4096;

#[derive(Debug, Default)]
pub struct CfgFile {
    /// The file's id of each block; block 0 is the start.
    pub ids: Vec<u32>,
    /// In the file's order: a block's successors are searched in this order.
    pub edges: Vec<(u32, u32)>,
}

fn parse_id(field: &[u8]) -> Result<u32, String> {
    match std::str::from_utf8(field) {
        Ok(text) if text.bytes().all(|c| c.is_ascii_digit()) => text.parse().ok(),
        _ => None,
    }
    .ok_or_else(|| {
        let shown = String::from_utf8_lossy(&field[..field.len().min(40)]);
        format!("{:?} is not a block id (a whole number from 0 to 4294967295)", shown)
    })
}

/// Reads a CFG from `input`; an error is one line naming `name` and the line.
pub fn read_cfg(mut input: impl BufRead, name: &str) -> Result<CfgFile, String> {
    let mut start: Option<(u32, usize)> = None; // the id and its line
    let mut lines: Vec<(u32, Option<u32>)> = Vec::new(); // edges and lone blocks
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        let limit = MAX_LINE_BYTES as u64 + 1; // the newline
        let read = input.by_ref().take(limit).read_until(b'\n', &mut line);
        let read = read.map_err(|error| format!("cannot read {}: {}", name, error))?;
        if read == 0 {
            break;
        }
        number += 1;
        let at = |what: String| format!("{}:{}: {}", name, number, what);
        if read > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
            return Err(at(format!("a line longer than {} bytes", MAX_LINE_BYTES)));
        }
        let content = line.split(|&c| c == b'#').next().unwrap_or_default();
        let fields: Vec<&[u8]> = content.split(|c| c.is_ascii_whitespace()).filter(|f| !f.is_empty()).collect();
        match fields[..] {
            [] => {}
            [b"block", id] => lines.push((parse_id(id).map_err(at)?, None)),
            [b"start", id] => match start {
                Some((_, first)) => return Err(at(format!("a second start line (the first is line {})", first))),
                None => start = Some((parse_id(id).map_err(at)?, number)),
            },
            [from, to] => lines.push((parse_id(from).map_err(at)?, Some(parse_id(to).map_err(at)?))),
            _ => return Err(at("expected 'FROM TO', 'start ID' or 'block ID'".to_string())),
        }
    }
    let (start, start_line) = start.ok_or_else(|| format!("{}: no 'start ID' line", name))?;
    if !lines.iter().any(|&(a, b)| a == start || b == Some(start)) {
        return Err(format!("{}:{}: no edge or 'block' line names start block {}", name, start_line, start));
    }
    let mut file = CfgFile::default();
    let mut dense = HashMap::new();
    let mut number_of = |id: u32| -> u32 {
        *dense.entry(id).or_insert_with(|| {
            file.ids.push(id);
            file.ids.len() as u32 - 1
        })
    };
    number_of(start);
    for (from, to) in lines {
        let from = number_of(from);
        if let Some(to) = to {
            let to = number_of(to);
            file.edges.push((from, to));
        }
    }
    Ok(file)
}

impl CfgFile {
    /// Builds a program's CFG: the start first, then every other block, then
    /// the edges in order.
    pub fn replay_into<B: GraphBuilder>(&self, cfg: &mut B) {
        for block in 0..self.ids.len() as u32 {
            cfg.create_node(block);
        }
        for &(from, to) in &self.edges {
            cfg.add_edge(from, to);
        }
        cfg.finish();
    }

    /// The forest as `--cfg` prints it: a line naming the input, then
    /// "loop 5: depth 2, nesting 0, reducible, parent 1, blocks 5 6 7" a loop.
    pub fn forest_text(&self, rung: &str, name: &str, forest: &LoopForest) -> String {
        let id = |block: u32| self.ids[block as usize].to_string();
        let plural = if forest.loops.len() == 1 { "" } else { "s" };
        let mut out = format!(
            "# {}: {} loop{} in {} ({} blocks, {} edges), plus the artificial root\n",
            rung,
            forest.loops.len(),
            plural,
            name,
            self.ids.len(),
            self.edges.len()
        );
        for lp in &forest.loops {
            let blocks: Vec<String> = lp.blocks.iter().map(|&block| id(block)).collect();
            out += &format!(
                "loop {}: depth {}, nesting {}, {}, parent {}, blocks {}\n",
                id(lp.header),
                lp.depth,
                lp.nesting_level,
                if lp.reducible { "reducible" } else { "irreducible" },
                lp.parent.map_or("none".to_string(), id),
                blocks.join(" ")
            );
        }
        out
    }

    /// The forest as one JSON object, in the file's ids; "loops" as
    /// tests/conformance reads it.
    pub fn forest_json(&self, rung: &str, forest: &LoopForest) -> String {
        let id = |block: u32| self.ids[block as usize].to_string();
        let loops: Vec<String> = (forest.loops.iter())
            .map(|lp| {
                let blocks: Vec<String> = lp.blocks.iter().map(|&block| id(block)).collect();
                json_object! {
                    "header": id(lp.header), "blocks": format!("[{}]", blocks.join(",")), "reducible": lp.reducible,
                    "parent": lp.parent.map_or("null".to_string(), id), "depth": lp.depth,
                    "nesting_level": lp.nesting_level,
                }
            })
            .collect();
        let (rung, loops) = (format!("\"{}\"", rung), format!("[{}]", loops.join(",")));
        json_object! { "rung": rung, "blocks": self.ids.len(), "edges": self.edges.len(), "loops": loops }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<CfgFile, String> {
        read_cfg(text, "f")
    }

    #[test]
    fn ids_are_numbered_densely_start_first() {
        let file = read(b"# c\r\n1 2\n\t2 1 # back\nstart 2\nblock 9\n7 0008").unwrap();
        assert_eq!(file.ids, [2, 1, 9, 7, 8]);
        assert_eq!(file.edges, [(1, 0), (0, 1), (3, 4)]);
        assert_eq!(read(b"start 4294967295\nblock 4294967295").unwrap().ids, [u32::MAX]);
    }

    #[test]
    fn bad_files_are_one_line_naming_it() {
        for (text, error) in [
            (&b""[..], "f: no 'start ID' line"),
            (b"start 1\n1 2 3\n", "f:2: expected 'FROM TO', 'start ID' or 'block ID'"),
            (b"start 1\n1 +2\n", "f:2: \"+2\" is not a block id (a whole number from 0 to 4294967295)"),
            (b"start 1\n1 4294967296\n", "f:2: \"4294967296\" is not a block id (a whole number from 0 to 4294967295)"),
            (b"start 9\n1 2\n", "f:1: no edge or 'block' line names start block 9"),
            (b"start 1\n1 2\nstart 2\n", "f:3: a second start line (the first is line 1)"),
            (&[&b"start 1\n"[..], &[b' '; 4097][..]].concat(), "f:2: a line longer than 4096 bytes"),
        ] {
            assert_eq!(read(text).unwrap_err(), error);
        }
        assert!(read(b"start 1\n1 2\x00\n").unwrap_err().starts_with("f:2: \"2\\0\" is not a block id"));
    }
}
