#include "havlak/cfg_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

#include "havlak/standard_stream.h"
#include "havlak/text_format.h"

namespace havlak {
namespace {

constexpr std::uint64_t kMaxId = 4294967295;
// Editors on some systems start UTF-8 files with it; it is not content.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kReadBytes = std::size_t{1} << 18;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

std::string Excerpt(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text)
                               : std::string(text.substr(0, kShown)) + "...";
}

std::string BadByte(unsigned char c) {
  char message[64];
  std::snprintf(message, sizeof(message), "byte 0x%02x: this is not a text CFG",
                c);
  return message;
}

std::string At(std::string_view name, std::size_t line) {
  return std::string(name) + ":" + std::to_string(line) + ": ";
}

// A block id, or nothing (and the message in `error`).
std::optional<std::uint32_t> ParseId(std::string_view token,
                                     std::string* error) {
  std::uint64_t value = 0;
  bool digits = !token.empty() && token.size() <= 10;
  for (std::size_t i = 0; digits && i < token.size(); ++i) {
    const unsigned digit = static_cast<unsigned char>(token[i]) - '0';
    digits = digit <= 9;
    value = value * 10 + digit;
  }
  if (!digits || value > kMaxId) {
    *error = "'" + Excerpt(token) +
             "' is not a block id (a whole number from 0 to 4294967295)";
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

// Reads up to 10 digits at `p` into `value`; false if there are none, or
// more, or the number is past kMaxId.
bool ReadId(const char*& p, const char* end, std::uint64_t& value) {
  const char* begin = p;
  value = 0;
  while (p < end && static_cast<unsigned char>(*p - '0') <= 9 &&
         p - begin <= 10) {
    value = value * 10 + static_cast<unsigned char>(*p - '0');
    ++p;
  }
  return p > begin && p - begin <= 10 && value <= kMaxId;
}

// The common line, "FROM TO" with spaces around, in one pass; false for
// anything else (a comment, a keyword, an error), which the general path
// then reads.
bool ReadPlainEdge(std::string_view content, std::uint32_t& from,
                   std::uint32_t& to) {
  const char* p = content.data();
  const char* const end = p + content.size();
  while (p < end && (*p == ' ' || *p == '\t')) ++p;
  std::uint64_t first = 0, second = 0;
  if (!ReadId(p, end, first)) return false;
  if (p == end || (*p != ' ' && *p != '\t')) return false;
  while (p < end && (*p == ' ' || *p == '\t')) ++p;
  if (!ReadId(p, end, second)) return false;
  while (p < end && IsSpace(*p)) ++p;
  if (p != end) return false;
  from = static_cast<std::uint32_t>(first);
  to = static_cast<std::uint32_t>(second);
  return true;
}

// Dense block numbers for ids, in order of first mention. A vector when the
// ids are dense enough, a hash map otherwise: a file naming block
// 4,000,000,000 costs what its lines cost, not gigabytes.
class DenseNumbers {
 public:
  DenseNumbers(std::uint64_t max_id, std::size_t mentions) {
    if (max_id <= 4 * mentions + 1024) {
      vector_.assign(max_id + 1, -1);
      use_vector_ = true;
    }
  }

  int Number(std::uint32_t id, std::vector<std::uint32_t>& ids) {
    int& slot =
        use_vector_ ? vector_[id] : map_.try_emplace(id, -1).first->second;
    if (slot == -1) {
      slot = static_cast<int>(ids.size());
      ids.push_back(id);
    }
    return slot;
  }

 private:
  bool use_vector_ = false;
  std::vector<int> vector_;
  std::unordered_map<std::uint32_t, int> map_;
};

// The reader, fed the input a part at a time. Each line is checked and
// parsed as soon as it is complete, and at most one line (4096 bytes) is
// kept between parts, so a bad input fails at its first bad line and memory
// follows what the lines name, not the size of the input.
class CfgParser {
 public:
  explicit CfgParser(std::string_view name) : name_(name) {}

  // The next part of the input; false once it is known to be bad.
  bool Feed(std::string_view bytes);
  // The end of the input: the graph, or the first error.
  CfgReadResult Finish() &&;

 private:
  struct Edge32 {
    std::uint32_t from;
    std::uint32_t to;
  };

  bool Fail(std::string message) {
    error_ = At(name_, line_number_) + message;
    return false;
  }
  bool Line(std::string_view content);
  bool TooLong(std::string_view content);

  std::string name_;
  std::string partial_;  // a line the next part continues
  std::string error_;
  std::size_t line_number_ = 0;
  // What the lines name, in order: edges, and 'block' lines, which come
  // before the edge at the same index.
  std::vector<Edge32> edges_;
  std::vector<std::pair<std::size_t, std::uint32_t>> blocks_;
  std::optional<std::uint32_t> start_;
  std::size_t start_line_ = 0;
  std::uint64_t max_id_ = 0;
  bool any_content_ = false;
};

bool CfgParser::Feed(std::string_view bytes) {
  if (!error_.empty()) return false;
  while (!bytes.empty()) {
    const void* newline = std::memchr(bytes.data(), '\n', bytes.size());
    const std::size_t length =
        newline == nullptr
            ? bytes.size()
            : static_cast<std::size_t>(static_cast<const char*>(newline) -
                                       bytes.data());
    std::string_view content = bytes.substr(0, length);
    if (newline == nullptr || !partial_.empty()) {
      // Keep one byte past the limit: enough to tell the line is too long.
      const std::size_t room = kMaxCfgLineBytes + 1 - partial_.size();
      partial_.append(content.substr(0, room));
      if (partial_.size() > kMaxCfgLineBytes) return TooLong(partial_);
      if (newline == nullptr) return true;
      content = partial_;
    }
    bytes.remove_prefix(std::min(bytes.size(), length + 1));
    if (content.size() > kMaxCfgLineBytes) return TooLong(content);
    if (!Line(content)) return false;
    partial_.clear();
  }
  return true;
}

// A byte that is not text says more than the length: /dev/zero is "byte
// 0x00", not "line longer than 4096 bytes".
bool CfgParser::TooLong(std::string_view content) {
  ++line_number_;
  content = content.substr(0, kMaxCfgLineBytes + 1);
  const std::size_t hash = content.find('#');
  for (std::size_t i = 0; i < content.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(content[i]);
    if (c == 0 || (i < hash && IsControl(c) && !IsSpace(content[i]))) {
      return Fail(BadByte(c));
    }
  }
  return Fail("line longer than " + std::to_string(kMaxCfgLineBytes) +
              " bytes");
}

bool CfgParser::Line(std::string_view content) {
  ++line_number_;
  std::uint32_t plain_from = 0, plain_to = 0;
  if (ReadPlainEdge(content, plain_from, plain_to)) {
    max_id_ = std::max<std::uint64_t>(max_id_, std::max(plain_from, plain_to));
    edges_.push_back({plain_from, plain_to});
    any_content_ = true;
    return true;
  }
  if (line_number_ == 1 && content.starts_with(kByteOrderMark)) {
    content.remove_prefix(kByteOrderMark.size());
  }
  // Split into at most 3 fields, up to a comment. Control bytes are refused
  // before the comment, and NUL anywhere.
  std::string_view tokens[3];
  std::size_t count = 0;
  for (std::size_t i = 0; i < content.size();) {
    const char c = content[i];
    if (c == '#') {
      if (std::memchr(content.data() + i, '\0', content.size() - i)) {
        return Fail(BadByte(0));
      }
      break;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (IsControl(static_cast<unsigned char>(c))) {
      return Fail(BadByte(static_cast<unsigned char>(c)));
    }
    const std::size_t begin = i;
    while (i < content.size() && !IsSpace(content[i]) && content[i] != '#' &&
           !IsControl(static_cast<unsigned char>(content[i]))) {
      ++i;
    }
    if (count == 3) return Fail("too many fields");
    tokens[count++] = content.substr(begin, i - begin);
  }
  if (count == 0) return true;
  any_content_ = true;
  std::string error;
  if (count == 2 && (tokens[0] == "start" || tokens[0] == "block")) {
    const std::optional<std::uint32_t> id = ParseId(tokens[1], &error);
    if (!id) return Fail(error);
    max_id_ = std::max<std::uint64_t>(max_id_, *id);
    if (tokens[0] == "block") {
      blocks_.emplace_back(edges_.size(), *id);
    } else if (start_) {
      return Fail("a second start block (the first is on line " +
                  std::to_string(start_line_) + ")");
    } else {
      start_ = *id;
      start_line_ = line_number_;
    }
    return true;
  }
  if (count != 2) {
    return Fail("expected an edge 'FROM TO', 'start ID' or 'block ID', got '" +
                Excerpt(content) + "'");
  }
  const std::optional<std::uint32_t> from = ParseId(tokens[0], &error);
  if (!from) return Fail(error);
  const std::optional<std::uint32_t> to = ParseId(tokens[1], &error);
  if (!to) return Fail(error);
  max_id_ = std::max<std::uint64_t>(max_id_, std::max(*from, *to));
  edges_.push_back({*from, *to});
  return true;
}

CfgReadResult CfgParser::Finish() && {
  CfgReadResult result;
  if (error_.empty() && !partial_.empty()) {
    Line(partial_);  // the last line, without a newline
  }
  if (!error_.empty()) {
    result.status = Status::Error(std::move(error_));
    return result;
  }
  if (!start_) {
    result.status = Status::Error(
        name_ + (any_content_ ? ": no start block: a 'start ID' line is "
                                "missing"
                              : ": empty: no start block and no edges"));
    return result;
  }

  CfgFile file;
  const std::uint32_t start = *start_;
  DenseNumbers numbers(std::max<std::uint64_t>(max_id_, start),
                       edges_.size() + blocks_.size());
  numbers.Number(start, file.ids);  // the start is block 0
  file.graph.edges.reserve(edges_.size());
  bool start_named = false;
  auto block_line = blocks_.begin();
  for (std::size_t i = 0; i <= edges_.size(); ++i) {
    for (; block_line != blocks_.end() && block_line->first == i;
         ++block_line) {
      start_named = start_named || block_line->second == start;
      numbers.Number(block_line->second, file.ids);
    }
    if (i == edges_.size()) break;
    const Edge32 edge = edges_[i];
    start_named = start_named || edge.from == start || edge.to == start;
    const int from = numbers.Number(edge.from, file.ids);
    const int to = numbers.Number(edge.to, file.ids);
    file.graph.edges.push_back({from, to});
  }
  if (!start_named) {
    result.status = Status::Error(
        At(name_, start_line_) + "start block " + std::to_string(start) +
        " is not in the graph: no edge or 'block' line names it");
    return result;
  }
  file.graph.num_blocks = static_cast<BlockId>(file.ids.size());
  file.graph.start = 0;
  result.file = std::move(file);
  return result;
}

}  // namespace

CfgReadResult ParseCfg(std::string_view text, std::string_view name) {
  CfgParser parser(name);
  parser.Feed(text);
  return std::move(parser).Finish();
}

CfgReadResult ReadCfgFile(const std::string& path) {
  const bool standard_input = path == "-";
  const std::string name = standard_input ? "<stdin>" : PrintableName(path);
  const auto cannot_read = [&name](const std::string& why) {
    return CfgReadResult{std::nullopt,
                         Status::Error("cannot read " + name + ": " + why)};
  };
  if (standard_input && !StandardStreamIsOpen(STDIN_FILENO)) {
    return cannot_read("standard input is closed");
  }
  const int fd =
      standard_input ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_read(std::strerror(errno));
  CfgParser parser(name);
  const std::unique_ptr<char[]> buffer(new char[kReadBytes]);
  int error = 0;
  while (true) {
    const ssize_t read = ::read(fd, buffer.get(), kReadBytes);
    if (read < 0 && errno == EINTR) continue;
    if (read < 0) error = errno;
    if (read <= 0) break;
    if (!parser.Feed({buffer.get(), static_cast<std::size_t>(read)})) break;
  }
  if (!standard_input) close(fd);
  if (error != 0) return cannot_read(std::strerror(error));
  return std::move(parser).Finish();
}

std::string FormatCfg(const EdgeList& graph,
                      const std::vector<std::uint32_t>& ids,
                      std::string_view comment) {
  const auto id = [&ids](BlockId block) {
    return ids.empty() ? static_cast<std::uint64_t>(block)
                       : std::uint64_t{ids[block]};
  };
  std::string out;
  for (std::size_t begin = 0; begin < comment.size();) {
    std::size_t end = comment.find('\n', begin);
    if (end == comment.npos) end = comment.size();
    out += "# ";
    out += comment.substr(begin, end - begin);
    out += '\n';
    begin = end + 1;
  }
  if (graph.num_blocks == 0) return out;
  out += "start " + std::to_string(id(graph.start)) + "\n";
  std::vector<bool> has_edge(graph.num_blocks);
  has_edge[graph.start] = true;
  char line[32];
  for (const Edge& edge : graph.edges) {
    has_edge[edge.from] = has_edge[edge.to] = true;
    const int length =
        std::snprintf(line, sizeof(line), "%llu %llu\n",
                      static_cast<unsigned long long>(id(edge.from)),
                      static_cast<unsigned long long>(id(edge.to)));
    out.append(line, length);
  }
  for (BlockId block = 0; block < graph.num_blocks; ++block) {
    if (!has_edge[block]) out += "block " + std::to_string(id(block)) + "\n";
  }
  return out;
}

}  // namespace havlak
