#include "havlak/cfg_file.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace havlak {
namespace {

constexpr std::uint64_t kMaxId = 4294967295;

struct Line {
  // A line's content, comment and surrounding space removed.
  std::vector<std::string_view> tokens;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string Excerpt(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() <= kShown ? std::string(text)
                               : std::string(text.substr(0, kShown)) + "...";
}

// One input line, checked byte by byte, split into at most 4 tokens;
// returns "" or what is wrong.
std::string SplitLine(std::string_view text, Line& line) {
  line.tokens.clear();
  if (const std::size_t hash = text.find('#'); hash != text.npos) {
    text = text.substr(0, hash);
  }
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && !IsSpace(text[i])) || c == 0x7f) {
      char message[64];
      std::snprintf(message, sizeof(message),
                    "byte 0x%02x: this is not a text CFG", c);
      return message;
    }
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && !IsSpace(text[i]) &&
           static_cast<unsigned char>(text[i]) >= 0x20) {
      ++i;
    }
    if (line.tokens.size() == 3) return "too many fields";
    line.tokens.push_back(text.substr(start, i - start));
  }
  return "";
}

// A block id, or an error message.
std::optional<std::uint32_t> ParseId(std::string_view token,
                                     std::string* error) {
  std::uint64_t value = 0;
  const bool digits =
      !token.empty() && token.size() <= 10 &&
      token.find_first_not_of("0123456789") == token.npos;
  if (digits) {
    std::from_chars(token.data(), token.data() + token.size(), value);
  }
  if (!digits || value > kMaxId) {
    *error = "'" + Excerpt(token) +
             "' is not a block id (a whole number from 0 to 4294967295)";
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

std::string At(std::string_view name, std::size_t line) {
  return std::string(name) + ":" + std::to_string(line) + ": ";
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
    int& slot = use_vector_ ? vector_[id] : map_.try_emplace(id, -1).first->second;
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

}  // namespace

CfgReadResult ParseCfg(std::string_view text, std::string_view name) {
  CfgReadResult result;
  const auto fail = [&](std::string message) {
    result.error = std::move(message);
    return result;
  };
  // What the lines name, in order: an edge, or a 'block' line (to == -1).
  struct Mention {
    std::uint32_t from;
    std::int64_t to;
  };
  std::vector<Mention> mentions;
  std::optional<std::uint32_t> start;
  std::size_t start_line = 0;
  std::uint64_t max_id = 0;
  bool any_content = false;
  Line line;
  std::size_t line_number = 0;
  for (std::size_t position = 0; position < text.size();) {
    ++line_number;
    std::size_t end = text.find('\n', position);
    if (end == text.npos) end = text.size();
    const std::string_view content = text.substr(position, end - position);
    position = end + 1;
    if (content.size() > kMaxCfgLineBytes) {
      return fail(At(name, line_number) + "line longer than " +
                  std::to_string(kMaxCfgLineBytes) + " bytes");
    }
    if (std::string error = SplitLine(content, line); !error.empty()) {
      return fail(At(name, line_number) + error);
    }
    if (line.tokens.empty()) continue;
    any_content = true;
    std::string error;
    const std::string_view first = line.tokens[0];
    if ((first == "start" || first == "block") && line.tokens.size() == 2) {
      const std::optional<std::uint32_t> id = ParseId(line.tokens[1], &error);
      if (!id) return fail(At(name, line_number) + error);
      max_id = std::max<std::uint64_t>(max_id, *id);
      if (first == "block") {
        mentions.push_back({*id, -1});
      } else if (start) {
        return fail(At(name, line_number) +
                    "a second start block (the first is on line " +
                    std::to_string(start_line) + ")");
      } else {
        start = *id;
        start_line = line_number;
      }
      continue;
    }
    if (line.tokens.size() != 2) {
      return fail(At(name, line_number) +
                  "expected an edge 'FROM TO', 'start ID' or 'block ID', "
                  "got '" +
                  Excerpt(content) + "'");
    }
    const std::optional<std::uint32_t> from = ParseId(line.tokens[0], &error);
    if (!from) return fail(At(name, line_number) + error);
    const std::optional<std::uint32_t> to = ParseId(line.tokens[1], &error);
    if (!to) return fail(At(name, line_number) + error);
    max_id = std::max<std::uint64_t>(max_id, std::max(*from, *to));
    mentions.push_back({*from, *to});
  }
  if (!start) {
    return fail(std::string(name) +
                (any_content ? ": no start block: a 'start ID' line is missing"
                             : ": empty: no start block and no edges"));
  }

  CfgFile file;
  DenseNumbers numbers(std::max<std::uint64_t>(max_id, *start),
                       mentions.size());
  numbers.Number(*start, file.ids);  // the start is block 0
  file.graph.edges.reserve(mentions.size());
  bool start_named = false;
  for (const Mention& mention : mentions) {
    start_named = start_named || mention.from == *start || mention.to == *start;
    const int from = numbers.Number(mention.from, file.ids);
    if (mention.to >= 0) {
      const int to =
          numbers.Number(static_cast<std::uint32_t>(mention.to), file.ids);
      file.graph.edges.push_back({from, to});
    }
  }
  if (!start_named) {
    return fail(At(name, start_line) + "start block " +
                std::to_string(*start) +
                " is not in the graph: no edge or 'block' line names it");
  }
  file.graph.num_blocks = static_cast<BlockId>(file.ids.size());
  file.graph.start = 0;
  result.file = std::move(file);
  return result;
}

CfgReadResult ReadCfgFile(const std::string& path) {
  const bool standard_input = path == "-";
  const std::string name = standard_input ? "<stdin>" : path;
  std::FILE* input = standard_input ? stdin : std::fopen(path.c_str(), "rb");
  if (input == nullptr) {
    return {std::nullopt, "cannot read " + name + ": " + std::strerror(errno)};
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof(buffer), input)) > 0) {
    text.append(buffer, read);
  }
  const bool failed = std::ferror(input) != 0;
  const int error = errno;
  if (!standard_input) std::fclose(input);
  if (failed) {
    return {std::nullopt, "cannot read " + name + ": " + std::strerror(error)};
  }
  return ParseCfg(text, name);
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
