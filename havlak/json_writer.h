#ifndef HAVLAK_JSON_WRITER_H_
#define HAVLAK_JSON_WRITER_H_

// A small streaming JSON writer: enough for the suite's records.
//
// Example:
//   JsonWriter json;
//   json.BeginObject();
//   json.Key("rung").String(report.rung);
//   json.Key("loops").Integer(result.big_graph_loops);
//   json.EndObject();
//   std::string text = std::move(json).Take();   // {"rung":"...","loops":...}

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace havlak {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Integer(std::int64_t value);
  JsonWriter& Number(double value);  // shortest form that reads back exactly
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  std::string Take() && { return std::move(out_); }

 private:
  void BeforeValue();
  void AppendQuoted(std::string_view text);

  std::string out_;
  // Per open object or array: whether it has an element yet.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace havlak

#endif  // HAVLAK_JSON_WRITER_H_
