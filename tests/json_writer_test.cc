#include "havlak/json_writer.h"

#include "gtest/gtest.h"

namespace havlak {
namespace {

TEST(JsonWriter, NestedObjectsAndArrays) {
  JsonWriter json;
  json.BeginObject();
  json.Key("rung").String("a rung");
  json.Key("loops").Integer(76002);
  json.Key("phases").BeginArray().Number(0.5).Number(2.0).EndArray();
  json.Key("ok").Bool(true);
  json.Key("none").Null();
  json.Key("empty").BeginObject().EndObject();
  json.EndObject();
  EXPECT_EQ(std::move(json).Take(),
            R"({"rung":"a rung","loops":76002,"phases":[0.5,2],"ok":true,)"
            R"("none":null,"empty":{}})");
}

TEST(JsonWriter, EscapesStrings) {
  JsonWriter json;
  json.String("a \"quoted\" \\ path\n\t\x01");
  EXPECT_EQ(std::move(json).Take(), R"("a \"quoted\" \\ path\n\t\u0001")");
}

TEST(JsonWriter, NonFiniteNumbersAreNull) {
  JsonWriter json;
  json.BeginArray().Number(1.0 / 0.0).Number(0.1).EndArray();
  EXPECT_EQ(std::move(json).Take(), "[null,0.1]");
}

}  // namespace
}  // namespace havlak
