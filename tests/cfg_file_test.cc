// The CFG text format: what the reader accepts, every error it names, and
// the writer's round trip.

#include "havlak/cfg_file.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace havlak {
namespace {

CfgFile Parse(const std::string& text) {
  const CfgReadResult read = ParseCfg(text, "test.cfg");
  EXPECT_EQ(read.status, Status()) << text;
  return read.file.value_or(CfgFile{});
}

std::string Error(const std::string& text) {
  const CfgReadResult read = ParseCfg(text, "test.cfg");
  EXPECT_FALSE(read.file.has_value()) << text;
  return read.status.message();
}

TEST(CfgFile, EdgesCommentsAndBlankLines) {
  const CfgFile file = Parse(
      "# a loop and an exit\n"
      "\n"
      "start 10\n"
      "  10 11   # the body\n"
      "11 10\r\n"
      "\t11\t12\n");
  EXPECT_EQ(file.graph.num_blocks, 3);
  EXPECT_EQ(file.graph.start, 0);
  EXPECT_EQ(file.graph.edges, (std::vector<Edge>{{0, 1}, {1, 0}, {1, 2}}));
  EXPECT_EQ(file.ids, (std::vector<std::uint32_t>{10, 11, 12}));
}

TEST(CfgFile, StartIsBlockZeroWhereverItIsWritten) {
  const CfgFile file = Parse("1 2\n2 3\nstart 3\n");
  EXPECT_EQ(file.ids, (std::vector<std::uint32_t>{3, 1, 2}));
  EXPECT_EQ(file.graph.edges, (std::vector<Edge>{{1, 2}, {2, 0}}));
}

TEST(CfgFile, BlockLinesAddBlocksWithoutEdges) {
  const CfgFile file = Parse("start 5\nblock 5\nblock 7\n");
  EXPECT_EQ(file.graph.num_blocks, 2);
  EXPECT_TRUE(file.graph.edges.empty());
  EXPECT_EQ(file.ids, (std::vector<std::uint32_t>{5, 7}));
}

TEST(CfgFile, LargestIdsAreRemappedDensely) {
  const CfgFile file = Parse("start 4000000000\n4000000000 4294967295\n");
  EXPECT_EQ(file.graph.num_blocks, 2);
  EXPECT_EQ(file.ids, (std::vector<std::uint32_t>{4000000000u, 4294967295u}));
}

TEST(CfgFile, RepeatedEdgesAndSelfLoopsStay) {
  const CfgFile file = Parse("start 0\n0 0\n0 1\n0 1\n");
  EXPECT_EQ(file.graph.edges, (std::vector<Edge>{{0, 0}, {0, 1}, {0, 1}}));
}

TEST(CfgFile, EveryErrorNamesTheFileAndLine) {
  EXPECT_EQ(Error(""), "test.cfg: empty: no start block and no edges");
  EXPECT_EQ(Error("# only a comment\n\n"),
            "test.cfg: empty: no start block and no edges");
  EXPECT_EQ(Error("0 1\n"),
            "test.cfg: no start block: a 'start ID' line is missing");
  EXPECT_EQ(Error("start 0\n0 1\nstart 1\n"),
            "test.cfg:3: a second start block (the first is on line 1)");
  EXPECT_EQ(Error("start 7\n0 1\n"),
            "test.cfg:1: start block 7 is not in the graph: no edge or "
            "'block' line names it");
  EXPECT_EQ(Error("start 0\n0\n"),
            "test.cfg:2: expected an edge 'FROM TO', 'start ID' or "
            "'block ID', got '0'");
  EXPECT_EQ(Error("start 0\n0 1 2\n"),
            "test.cfg:2: expected an edge 'FROM TO', 'start ID' or "
            "'block ID', got '0 1 2'");
  EXPECT_EQ(Error("start 0\n0 1 2 3 4\n"), "test.cfg:2: too many fields");
  EXPECT_EQ(Error("start 0\nzero one\n"),
            "test.cfg:2: 'zero' is not a block id (a whole number from 0 to "
            "4294967295)");
  EXPECT_EQ(Error("start 0\n0 -1\n"),
            "test.cfg:2: '-1' is not a block id (a whole number from 0 to "
            "4294967295)");
  EXPECT_EQ(Error("start 0\n0 1.5\n"),
            "test.cfg:2: '1.5' is not a block id (a whole number from 0 to "
            "4294967295)");
  EXPECT_EQ(Error("start 0\n0 4294967296\n"),
            "test.cfg:2: '4294967296' is not a block id (a whole number from "
            "0 to 4294967295)");
  EXPECT_EQ(Error("start 0\n0 99999999999999999999\n"),
            "test.cfg:2: '99999999999999999999' is not a block id (a whole "
            "number from 0 to 4294967295)");
  EXPECT_EQ(Error("start x\n"),
            "test.cfg:1: 'x' is not a block id (a whole number from 0 to "
            "4294967295)");
  EXPECT_EQ(Error(std::string("start 0\n0 1\n\x01\x02\x03\n")),
            "test.cfg:3: byte 0x01: this is not a text CFG");
  EXPECT_EQ(Error(std::string("start 0\n0 1\0 2\n", 13)),
            "test.cfg:2: byte 0x00: this is not a text CFG");
  EXPECT_EQ(Error("start 0\n" + std::string(kMaxCfgLineBytes + 1, '1') + "\n"),
            "test.cfg:2: line longer than 4096 bytes");
}

TEST(CfgFile, AMegabyteLineIsRefusedQuickly) {
  const std::string line(1 << 20, '7');
  EXPECT_EQ(Error("start 0\n0 1\n" + line + "\n"),
            "test.cfg:3: line longer than 4096 bytes");
}

TEST(CfgFile, LongCommentLinesAreStillLines) {
  // The limit is on lines, comments included: a line is a line.
  EXPECT_EQ(Error("# " + std::string(kMaxCfgLineBytes, 'x') + "\n"),
            "test.cfg:1: line longer than 4096 bytes");
}

TEST(CfgFile, ByteOrderMarkAtTheStartIsIgnored) {
  const CfgFile file = Parse("\xEF\xBB\xBFstart 1\n1 2\n");
  EXPECT_EQ(file.ids, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(Parse("\xEF\xBB\xBF# a comment first\nstart 1\n1 1\n").ids,
            (std::vector<std::uint32_t>{1}));
}

TEST(CfgFile, NulIsRefusedInCommentsToo) {
  EXPECT_EQ(Error(std::string("start 0\n0 1 # a \0 in a comment\n", 30)),
            "test.cfg:2: byte 0x00: this is not a text CFG");
}

// A long line of bytes that are not text is named by its first bad byte.
TEST(CfgFile, LongLineOfNulIsNamedByItsByte) {
  EXPECT_EQ(Error("start 0\n0 1\n" + std::string(1 << 16, '\0')),
            "test.cfg:3: byte 0x00: this is not a text CFG");
}

TEST(CfgFile, ReadingAMissingFileSaysWhy) {
  EXPECT_EQ(ReadCfgFile("/nonexistent/graph.cfg").status.message(),
            "cannot read /nonexistent/graph.cfg: No such file or directory");
  EXPECT_EQ(ReadCfgFile("/").status.message(), "cannot read /: Is a directory");
  EXPECT_EQ(ReadCfgFile("/nonexistent/a\nloop 1: depth 1").status.message(),
            "cannot read /nonexistent/a\\nloop 1: depth 1: No such file or "
            "directory");
}

// The reader takes the file in parts: lines that cross from one part to
// the next read as written, and a long line across parts is still refused
// at its own line number.
TEST(CfgFile, LinesAcrossReadsAreWhole) {
  std::string text = "start 0\n";
  for (int i = 0; i < 300'000; ++i) {
    text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
  }
  const std::string path = ::testing::TempDir() + "cfg_file_test.cfg";
  std::ofstream(path, std::ios::binary) << text;
  const CfgReadResult read = ReadCfgFile(path);
  ASSERT_EQ(read.status, Status());
  EXPECT_EQ(read.file->graph.edges, Parse(text).graph.edges);
  EXPECT_EQ(read.file->graph.edges.size(), 300'000u);

  const std::size_t lines = 300'001;
  std::ofstream(path, std::ios::binary)
      << text << std::string(3 * kMaxCfgLineBytes, '1') << "\n";
  EXPECT_EQ(
      ReadCfgFile(path).status.message(),
      path + ":" + std::to_string(lines + 1) + ": line longer than 4096 bytes");
  std::remove(path.c_str());
}

TEST(CfgFile, WriterRoundTrip) {
  EdgeList graph;
  graph.AddEdge(3, 1);
  graph.AddEdge(1, 3);
  graph.AddEdge(1, 2);
  graph.CreateNode(5);  // blocks 0 and 4 and 5 have no edges
  const std::string text = FormatCfg(graph, {}, "a test\ngraph");
  EXPECT_EQ(text,
            "# a test\n# graph\nstart 3\n3 1\n1 3\n1 2\nblock 0\nblock 4\n"
            "block 5\n");
  const CfgFile file = Parse(text);
  ASSERT_EQ(file.graph.num_blocks, graph.num_blocks);
  ASSERT_EQ(file.graph.edges.size(), graph.edges.size());
  for (size_t i = 0; i < graph.edges.size(); ++i) {
    EXPECT_EQ(file.ids[file.graph.edges[i].from],
              static_cast<std::uint32_t>(graph.edges[i].from));
    EXPECT_EQ(file.ids[file.graph.edges[i].to],
              static_cast<std::uint32_t>(graph.edges[i].to));
  }
  EXPECT_EQ(file.ids[file.graph.start], 3u);
  // Writing the file's graph with its ids gives the same text back.
  EXPECT_EQ(FormatCfg(file.graph, file.ids, "a test\ngraph"), text);
}

}  // namespace
}  // namespace havlak
