#include "havlak/forest_output.h"

#include "havlak/json_writer.h"
#include "havlak/text_format.h"

namespace havlak {
namespace {

std::string Id(const ForestReport& report, BlockId block) {
  return std::to_string((*report.ids)[block]);
}

}  // namespace

std::string FormatForestText(const ForestReport& report) {
  const LoopForest& forest = *report.forest;
  std::string out =
      "# " + std::string(report.rung) + ": " +
      Count(static_cast<std::int64_t>(forest.loops.size()), "loop") + " in " +
      PrintableName(report.input) + " (" +
      Count(report.graph->num_blocks, "block") + ", " +
      Count(static_cast<std::int64_t>(report.graph->edges.size()), "edge") +
      "), plus the artificial root\n";
  for (const ForestLoop& loop : forest.loops) {
    out += "loop " + Id(report, loop.header) + ": depth " +
           std::to_string(loop.depth) + ", nesting " +
           std::to_string(loop.nesting_level) + ", " +
           (loop.reducible ? "reducible" : "irreducible") + ", parent " +
           (loop.parent == kNoParent ? "none" : Id(report, loop.parent)) +
           ", blocks";
    for (const BlockId block : loop.blocks) out += " " + Id(report, block);
    out += "\n";
  }
  return out;
}

std::string FormatForestJson(const ForestReport& report) {
  JsonWriter json;
  json.BeginObject();
  json.Key("rung").String(report.rung);
  json.Key("input").String(report.input);
  json.Key("blocks").Integer(report.graph->num_blocks);
  json.Key("edges").Integer(
      static_cast<std::int64_t>(report.graph->edges.size()));
  json.Key("loops").BeginArray();
  for (const ForestLoop& loop : report.forest->loops) {
    json.BeginObject();
    json.Key("header").Integer((*report.ids)[loop.header]);
    json.Key("blocks").BeginArray();
    for (const BlockId block : loop.blocks) json.Integer((*report.ids)[block]);
    json.EndArray();
    json.Key("reducible").Bool(loop.reducible);
    json.Key("parent");
    if (loop.parent == kNoParent) {
      json.Null();
    } else {
      json.Integer((*report.ids)[loop.parent]);
    }
    json.Key("depth").Integer(loop.depth);
    json.Key("nesting_level").Integer(loop.nesting_level);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return std::move(json).Take() + "\n";
}

}  // namespace havlak
