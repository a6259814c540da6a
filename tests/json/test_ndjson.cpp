// --format ndjson (docs/json.md#ndjson): the document's first line with each streamed
// array empty and named by JSON Pointer, then one line per element, which put back give
// the --format json document.
#include <refnet/json/stream.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace refnet;
using nlohmann::json;

namespace {
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The --format json document the NDJSON lines stand for.
json reassembled(const std::vector<std::string>& lines) {
  json doc = json::parse(lines.at(0));
  json rows = json::object();
  for (const auto& a : doc["ndjson"]["arrays"]) rows[a["pointer"].get<std::string>()] = json::array();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const json row = json::parse(lines[i]);
    rows.at(row["array"].get<std::string>()).push_back(row["row"]);
  }
  doc.erase("ndjson");
  for (auto& [pointer, items] : rows.items()) doc[json::json_pointer(pointer)] = items;
  return doc;
}
}  // namespace

TEST_CASE("ndjson: the header names the streamed arrays, then one line per element", "[json][ndjson]") {
  StreamedDocument stream;
  json doc = {{"schema_version", 2}, {"result", {{"n", 2}}}};
  // Elements whose strings hold what the row splitter must not split on: a comma, brackets,
  // braces, an escaped quote and a backslash; the writer's own whitespace between rows.
  doc["result"]["users"] = stream.defer([](JsonWriter& w) {
    w.raw("[\n  {\"id\":");
    w.string("a,]}[{\"\\");
    w.raw(",\"reach\":[1, 2]},\n  {\"id\":");
    w.string("b");
    w.raw(",\"reach\":[]}\n]");
  });
  doc["result"]["z/empty"] = stream.defer([](JsonWriter& w) { w.raw("[]"); });
  std::ostringstream out;
  stream.write_ndjson(out, doc);
  const auto lines = lines_of(out.str());
  // Worked out by hand: keys in the DOM's order (result before schema_version, users
  // before z/empty), "/" in a key escaped as ~1, no row for the empty array.
  REQUIRE(lines.size() == 3);
  CHECK(json::parse(lines[0]) ==
        json::parse(R"({"ndjson":{"arrays":[{"pointer":"/result/users"},{"pointer":"/result/z~1empty"}]},)"
                    R"("result":{"n":2,"users":[],"z/empty":[]},"schema_version":2})"));
  CHECK(lines[1] == R"({"array":"/result/users","row":{"id":"a,]}[{\"\\","reach":[1,2]}})");
  CHECK(lines[2] == R"({"array":"/result/users","row":{"id":"b","reach":[]}})");
  std::ostringstream whole;
  stream.write(whole, doc);
  CHECK(reassembled(lines) == json::parse(whole.str()));
}

TEST_CASE("ndjson: a document without streamed arrays is one line", "[json][ndjson]") {
  StreamedDocument stream;
  const json doc = {{"result", {{"top", {1, 2}}}}};
  std::ostringstream out;
  stream.write_ndjson(out, doc);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 1);
  CHECK(json::parse(lines[0])["ndjson"]["arrays"] == json::array());
  CHECK(reassembled(lines) == doc);
}

TEST_CASE("ndjson: random rows put back equal the JSON document", "[json][ndjson]") {
  std::mt19937_64 rng(20);
  const std::string alphabet = "ab,[]{}\"\\ :\n\t\x01\xc3\xa9";
  for (int trial = 0; trial < 50; ++trial) {
    // Random rows of nested values, written once through the DOM (the reference) and once
    // through the streamed writer.
    json rows = json::array();
    const int n = static_cast<int>(rng() % 20);
    for (int i = 0; i < n; ++i) {
      std::string s;
      for (int k = static_cast<int>(rng() % 12); k > 0; --k) s += alphabet[rng() % alphabet.size()];
      rows.push_back({{"id", s}, {"v", static_cast<double>(rng() % 1000) / 7.0}, {"l", {i, {{"x", s}}}}});
    }
    StreamedDocument stream;
    json doc = {{"result", {{"k", trial}}}};
    doc["result"]["rows"] = stream.defer([&rows](JsonWriter& w) {
      w.raw('[');
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) w.raw(",\n ");
        w.value(rows[i]);
      }
      w.raw(']');
    });
    std::ostringstream out;
    stream.write_ndjson(out, doc);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == rows.size() + 1);
    json expected = {{"result", {{"k", trial}, {"rows", rows}}}};
    CHECK(reassembled(lines) == json::parse(expected.dump(-1, ' ', false, json::error_handler_t::replace)));
  }
}
