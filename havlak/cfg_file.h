#ifndef HAVLAK_CFG_FILE_H_
#define HAVLAK_CFG_FILE_H_

// CFGs in a text file, read and written.
//
//   # A loop and an exit. Comments run from '#' to the end of the line.
//   start 10        the start block, exactly once
//   10 11           an edge from block 10 to block 11
//   11 10
//   11 12
//   block 99        a block without edges (optional)
//
// Block ids are whole numbers from 0 to 4294967295. The reader numbers the
// blocks densely, 0..N-1, the start block first and the others in the order
// they are first named, and keeps their ids for printing. Edges keep their
// order: a block's successors are searched in the order its edges appear.
// Blank lines, surrounding spaces and a UTF-8 byte-order mark at the start
// are ignored; lines are at most 4096 bytes, and a NUL byte is refused
// anywhere, comments included.
//
// The reader streams: each line is checked as soon as it is read, so a bad
// input (/dev/zero, /dev/urandom, a binary) fails at its first line, and
// memory follows the graph, not the size of the file.
//
// Example:
//   const CfgReadResult read = ReadCfgFile("loops.cfg");
//   if (!read.status.ok()) { ... one line: "loops.cfg:3: ..." ... }
//   FindLoopForest<R>(read.file->graph);

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "havlak/edge_list.h"
#include "havlak/status.h"

namespace havlak {

inline constexpr std::size_t kMaxCfgLineBytes = 4096;

struct CfgFile {
  EdgeList graph;
  // The id in the file of each block: ids[dense block number].
  std::vector<std::uint32_t> ids;
};

struct CfgReadResult {
  std::optional<CfgFile> file;  // set when the file was read
  // A failure's message is one line naming the input and, where there is
  // one, the line.
  Status status;
};

// Parses `text`, named `name` in errors.
CfgReadResult ParseCfg(std::string_view text, std::string_view name);
// Reads and parses the file at `path`; "-" is standard input. The path
// is named in errors with control bytes escaped (text_format.h).
CfgReadResult ReadCfgFile(const std::string& path);

// The file for `graph`, whose block b has id `ids[b]` (or b itself when
// `ids` is empty), after `comment` lines (each gets its '#').
std::string FormatCfg(const EdgeList& graph,
                      const std::vector<std::uint32_t>& ids = {},
                      std::string_view comment = "");

}  // namespace havlak

#endif  // HAVLAK_CFG_FILE_H_
