// JSON written without a DOM must read back exactly as the DOM would have
// written it: the writer's strings and numbers against nlohmann's dump, and
// each result's streamed per-user list against its DOM form on the demo log.
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/algo/rank/super_users.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/io/load.hpp>
#include <refnet/json/centrality_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/json/reach_json.hpp>
#include <refnet/json/stream.hpp>
#include <refnet/json/tiers_json.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <sstream>

using namespace refnet;
using nlohmann::json;

namespace {
json streamed(const json& doc, const StreamedDocument& stream) {
  std::ostringstream out;
  stream.write(out, doc);
  return json::parse(out.str());
}
}  // namespace

// Every byte value in strings (controls, quotes, backslashes, UTF-8 of 2 to 4
// bytes, ill-formed bytes), and numbers at the edges of their types, read back
// as nlohmann's own dump with error_handler_t::replace gives them.
TEST_CASE("JsonWriter writes strings and numbers as nlohmann's dump does", "[json][stream]") {
  std::mt19937_64 rng(4);
  const std::vector<std::string> pieces = {"a", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "\xc3\xa9",
                                           "\xe5\xbc\xa0", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xed\xa0\x80", " "};
  for (int trial = 0; trial < 300; ++trial) {
    std::string s;
    const int parts = static_cast<int>(rng() % 12);
    for (int k = 0; k < parts; ++k) s += pieces[rng() % pieces.size()];
    StreamedDocument stream;
    json doc = {{"s", stream.defer([&](JsonWriter& w) { w.string(s); })}};
    const json expected = json::parse(json(s).dump(-1, ' ', false, json::error_handler_t::replace));
    CHECK(streamed(doc, stream)["s"] == expected);
  }
  const std::vector<double> doubles = {0.0, -0.0, 1.0, 0.1, 1e-300, 1e300, 123456789.125, -2.5,
                                       std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()};
  for (double x : doubles) {
    StreamedDocument stream;
    json doc = {{"x", stream.defer([&](JsonWriter& w) { w.number(x); })}};
    const json back = streamed(doc, stream)["x"];
    CHECK(back.is_number_float());  // written 1.0, not 1
    CHECK(back.get<double>() == x);
  }
  StreamedDocument stream;
  json doc = {{"nan", stream.defer([](JsonWriter& w) { w.number(std::nan("")); })},
              {"big", stream.defer([](JsonWriter& w) { w.number(std::numeric_limits<std::uint64_t>::max()); })},
              {"neg", stream.defer([](JsonWriter& w) { w.number(std::int64_t{-42}); })},
              {"small", {1, 2}}};
  const json back = streamed(doc, stream);
  CHECK(back["nan"].is_null());
  CHECK(back["big"].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
  CHECK(back["neg"] == -42);
  CHECK(back["small"] == json({1, 2}));
}

TEST_CASE("streamed per-user lists equal their DOM forms", "[json][stream]") {
  const auto in = load_input({std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz"}, {});
  const Network& net = in.network;

  const ReachResult reach_r = reach(net.wom, ReachParams{});
  StreamedDocument s1;
  ReachReportOptions with_stream;
  with_stream.stream = &s1;
  CHECK(streamed(json{{"r", reach_json(net, reach_r, with_stream)}}, s1)["r"] == reach_json(net, reach_r, {}));

  TierParams tp;
  tp.transitions = true;
  const TierResult tiers_r = tiers(net, tp);
  StreamedDocument s2;
  CHECK(streamed(json{{"t", tiers_json(net, tiers_r, true, &s2)}}, s2)["t"] == tiers_json(net, tiers_r, true));

  const PageRankResult pr = pagerank(net.wom, {});
  StreamedDocument s3;
  CHECK(streamed(json{{"p", pagerank_json(net, pr, 10, true, &s3)}}, s3)["p"] == pagerank_json(net, pr, 10, true));

  SuperUserParams sp;
  sp.weights.set("influence=0");
  const SuperUserReport su = super_users(net, sp);
  StreamedDocument s4;
  CHECK(streamed(json{{"u", super_users_json(net, su, 5, true, &s4)}}, s4)["u"] == super_users_json(net, su, 5, true));
}
