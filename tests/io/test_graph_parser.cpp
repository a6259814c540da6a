// Graph-file adapters and format detection, on small hand-written files.
#include "support/run.hpp"

#include <refnet/io/detect.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/graph_parser.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

using namespace refnet;

namespace {
std::string edge_string(const Network& net, EdgeId e) {
  return std::string(net.log.users.name(net.wom.source(e))) + "->" + std::string(net.log.users.name(net.wom.target(e)));
}
LoadedInput load_text(const std::string& name, const std::string& text, LoadOptions o = {}) {
  test::TempDir dir;
  return load_input({dir.write(name, text)}, o);
}
}  // namespace

TEST_CASE("format detection decides by content", "[parser][detect]") {
  struct Case {
    std::string text;
    InputFormat expected;
  };
  const Case cases[] = {
      {"type,src,dst,ts\nsignup,a,,1\n", InputFormat::kEventsCsv},
      {"ts\tsrc\ttype\n1\ta\tsignup\n", InputFormat::kEventsCsv},
      {"{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n", InputFormat::kEventsJsonl},
      {"# comment\r\n1\t2\r\n2\t3\r\n", InputFormat::kSnap},
      {"0 1 0.25\n1 2 1\n", InputFormat::kInf},
      {"3 2\n0 1\n1 2\n", InputFormat::kSnap},  // the parser decides: header_candidate
      {"1 2 1341100972 RT\n3 4 1341100973 MT\n", InputFormat::kHiggs},
      {"a 1,b 2,c 3\nd 5\n", InputFormat::kCascades},
      {"1 2 5\n2 3 7\n", InputFormat::kSnap},
      {"859,1124\n528,2934\n", InputFormat::kSnap},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(detect_format(c.text, "t").format == c.expected);
  }
  CHECK(detect_format("3 2\n0 1\n1 2\n", "t").header_candidate);
  CHECK_FALSE(detect_format("a b\nb c\n", "t").header_candidate);  // not integers
  CHECK(detect_format("1 2 1082040961\n", "t").snap.time);
  CHECK_FALSE(detect_format("1 2 1082040961\n", "t").snap.weight);
  CHECK(detect_format("1 2 3.5\n", "t").snap.weight);
}

//   SNAP file (CRLF, comments, a duplicate row and a self-loop):
//     10 -> 20, 10 -> 20 again (merged: count 2), 20 -> 30, 30 -> 30 (dropped)
//   Numeric ids are numbered in increasing order: 10 -> 0, 20 -> 1, 30 -> 2.
TEST_CASE("SNAP edge lists: comments, CRLF, duplicates merged, self-loops dropped", "[parser]") {
  const auto in = load_text("g.txt", "# a comment\r\n10\t20\r\n10 20\r\n20 30\r\n30 30\r\n");
  const Network& net = in.network;
  REQUIRE(net.num_users() == 3);
  CHECK(net.log.users.name(0) == "10");
  CHECK(net.log.users.name(2) == "30");
  REQUIRE(net.wom.num_edges() == 2);
  CHECK(edge_string(net, 0) == "10->20");
  CHECK(net.wom.weight(0) == 2.0f);
  CHECK(net.info.parallel_edges_merged == 1);
  CHECK(net.info.self_ties_ignored == 1);
  CHECK(net.info.weight_meaning == "count");
}

TEST_CASE("comma-separated edge lists (Memetracker's edges.txt form)", "[parser]") {
  const auto in = load_text("e.txt", "859,1124\r\n528, 2934\n");
  CHECK(in.network.num_users() == 4);
  CHECK(in.network.wom.num_edges() == 2);
  CHECK(in.files[0].format_reason.find("comma-separated") != std::string::npos);
}

TEST_CASE("SNAP edge lists with string ids intern them in order of appearance", "[parser]") {
  const auto in = load_text("g.txt", "bob alice\nalice 7\n");
  CHECK(in.network.log.users.name(0) == "bob");
  CHECK(in.network.log.users.name(1) == "alice");
  CHECK(in.network.log.users.name(2) == "7");
}

TEST_CASE("undirected edge lists add both directions", "[parser]") {
  LoadOptions o;
  o.undirected = true;
  const auto in = load_text("g.txt", "1 2\n2 3\n", o);
  CHECK(in.network.wom.num_edges() == 4);
}

// Parallel .inf edges are independent chances: 1 - (1 - 0.5)(1 - 0.5) = 0.75.
TEST_CASE("IMM .inf probabilities combine as independent chances", "[parser]") {
  const auto in = load_text("g.inf", "0 1 0.5\n0 1 0.5\n1 2 0.1\n");
  REQUIRE(in.files[0].format == InputFormat::kInf);
  REQUIRE(in.network.wom.num_edges() == 2);
  CHECK(in.network.wom.weight(0) == Approx(0.75));
  CHECK(in.network.info.weight_meaning == "probability");
}

TEST_CASE("the n m header form is undirected and keeps isolated nodes", "[parser]") {
  // n = 4 but node 3 never appears: it is still a user.
  const auto in = load_text("hep.txt", "4 2\n0 1\n1 2\n");
  CHECK(in.network.num_users() == 4);
  CHECK(in.network.wom.num_edges() == 4);
  CHECK(in.report.warnings.empty());
}

// Higgs: "a b ts RT" means a retweeted b: the word flows b -> a.
TEST_CASE("Higgs activity logs become word-of-mouth events from b to a", "[parser]") {
  const auto in = load_text("h.txt", "1 2 1341100972 RT\n1 2 1341100975 MT\n3 2 1341100980 RE\n");
  const Network& net = in.network;
  CHECK(net.log.events.size() == 3);
  REQUIRE(net.wom.num_edges() == 2);
  const VertexId two = *net.log.users.find("2");
  CHECK(net.wom.out_degree(two) == 2);
  CHECK(net.info.events_per_type[static_cast<std::size_t>(EventType::kShare)] == 1);
  CHECK(net.info.events_per_type[static_cast<std::size_t>(EventType::kMention)] == 2);
}

TEST_CASE("cascade lists keep the listed adoption order", "[parser]") {
  const auto in = load_text("c.txt", "a 1,b 2,c 3\nd 5,a 6,d 7\n");
  const Network& net = in.network;
  REQUIRE(net.cascades.size() == 2);
  CHECK(net.cascades[0].users.size() == 3);
  CHECK(net.cascades[1].users.size() == 2);  // d's second adoption is reported, not kept
  CHECK(in.report.warnings.size() == 1);
  CHECK(net.cascades[1].times[1] == 6);
}

TEST_CASE("event logs: quoting, TSV, ISO times, gzip by magic, any column order", "[parser]") {
  test::TempDir dir;
  const std::string csv =
      "src,type,ts,dst,product,extra\n"
      "\"o'brien, pat\",signup,2024-03-01,,,x\n"
      "\"o'brien, pat\",PURCHASE,2024-03-01T12:00:00Z,,\"p \"\"1\"\"\",y\n";
  const std::string path = dir.write("log.data", test::gzip_bytes(csv));  // no .gz name: magic decides
  const auto in = load_input({path}, {});
  const Network& net = in.network;
  CHECK(net.num_users() == 1);
  CHECK(net.log.users.name(0) == "o'brien, pat");
  CHECK(net.log.products.name(0) == "p \"1\"");
  REQUIRE(net.log.events.size() == 2);
  CHECK(net.log.events[0].ts == 1709251200.0);
  CHECK(net.log.events[1].ts == 1709251200.0 + 12 * 3600);
  REQUIRE(in.report.warnings.size() == 1);
  CHECK(in.report.warnings[0].find("ignoring unknown column(s): extra") != std::string::npos);
}

TEST_CASE("a UTF-8 byte-order mark before the header is skipped", "[parser]") {
  const auto in = load_text("bom.csv", "\xEF\xBB\xBFtype,src,ts\nsignup,ann,1\n");
  CHECK(in.network.num_users() == 1);
  CHECK(in.report.warnings.empty());
}

TEST_CASE("several event logs merge into one network", "[parser]") {
  test::TempDir dir;
  const auto a = dir.write("a.csv", "type,src,dst,ts\nreferral,ann,bob,1\n");
  const auto b = dir.write("b.jsonl", "{\"type\":\"signup\",\"src\":\"bob\",\"ts\":2}\n");
  const auto in = load_input({a, b}, {});
  CHECK(in.network.num_users() == 2);
  CHECK(in.network.referral.acquisitions == 1);
}
