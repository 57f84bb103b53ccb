#include "havlak/forest_output.h"

#include "havlak/json_writer.h"

namespace havlak {
namespace {

std::string Id(const ForestReport& report, BlockId block) {
  return std::to_string((*report.ids)[block]);
}

}  // namespace

std::string FormatForestText(const ForestReport& report) {
  const LoopForest& forest = *report.forest;
  std::string out = "# " + std::string(report.rung) + ": " +
                    std::to_string(forest.loops.size()) +
                    (forest.loops.size() == 1 ? " loop" : " loops") + " in " +
                    std::string(report.input) + " (" +
                    std::to_string(report.graph->num_blocks) + " blocks, " +
                    std::to_string(report.graph->edges.size()) +
                    " edges), plus the artificial root\n";
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
  json.Key("edges").Integer(static_cast<std::int64_t>(report.graph->edges.size()));
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
