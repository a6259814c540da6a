// Exact k-hop reach: hand-drawn networks with the reach worked out, the
// Dunbar cap on a user with 400 ties, then random graphs against the plain
// BFS reference for every tie filter.
#include "support/run.hpp"
#include "support/tiny_networks.hpp"

#include <refnet/algo/reach/reach.hpp>
#include <refnet/base/error.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace refnet;
using refnet::test::make_network;

namespace {

std::vector<std::uint32_t> row(const ReachResult& r, std::size_t i) {
  return {r.reach.begin() + static_cast<std::ptrdiff_t>(i * r.hops),
          r.reach.begin() + static_cast<std::ptrdiff_t>((i + 1) * r.hops)};
}

ReachParams params(std::uint32_t hops, TieFilter ties, std::vector<VertexId> sources = {}) {
  ReachParams p;
  p.hops = hops;
  p.ties = std::move(ties);
  p.sources = std::move(sources);
  return p;
}

}  // namespace

//   a ──> b ──> c ──> d        g (no ties)
//   │           ^
//   v           │
//   e ──> f ────┘
//
// From a: 1 hop {b, e}, 2 hops + {c, f}, 3 hops + {d}: 2, 4, 5.
// From b: {c}, {d}, -: 1, 2, 2.  From e: {f}, {c}, {d}: 1, 2, 3.
// From f: 1, 2, 2.  From c: 1, 1, 1.  From d and g: 0, 0, 0.
// a itself is never counted, nor is anyone twice (c is 2 hops from a both ways).
TEST_CASE("reach on a hand-drawn network", "[reach]") {
  const Network net = make_network({{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"g"}},
                                   {{"a", "b", 2}, {"a", "e", 1}, {"b", "c", 1}, {"c", "d", 1},
                                    {"e", "f", 1}, {"f", "c", 1}});
  for (const auto& fast : {true, false}) {
    const auto p = params(3, all_ties());
    const ReachResult r = fast ? reach(net.wom, p) : reach_reference(net.wom, p);
    REQUIRE(r.users.size() == 7);
    CHECK(row(r, 0) == std::vector<std::uint32_t>{2, 4, 5});
    CHECK(row(r, 1) == std::vector<std::uint32_t>{1, 2, 2});
    CHECK(row(r, 2) == std::vector<std::uint32_t>{1, 1, 1});
    CHECK(row(r, 3) == std::vector<std::uint32_t>{0, 0, 0});
    CHECK(row(r, 4) == std::vector<std::uint32_t>{1, 2, 3});
    CHECK(row(r, 5) == std::vector<std::uint32_t>{1, 2, 2});
    CHECK(row(r, 6) == std::vector<std::uint32_t>{0, 0, 0});
  }
  // Capped at one tie each, a keeps only its stronger tie (to b): b, c, d.
  const ReachResult capped = reach(net.wom, params(3, dunbar_ties(1), {0}));
  CHECK(row(capped, 0) == std::vector<std::uint32_t>{1, 2, 3});
}

//   a ──(+)──> b ──(-)──> c ──(+)──> d
//   └──(-)──> e ──(+)──> d
//
// Positive ties only: a reaches b (1 hop) and nothing else. All ties: b, e;
// then c, d; so 2, 4.
TEST_CASE("positive ties only", "[reach]") {
  const Network net = make_network({{"a"}, {"b"}, {"c"}, {"d"}, {"e"}},
                                   {{"a", "b", 3}, {"b", "c", 1, -1}, {"c", "d", 1}, {"a", "e", 2, -1}, {"e", "d", 1}});
  CHECK(row(reach(net.wom, params(2, all_ties(), {0})), 0) == std::vector<std::uint32_t>{2, 4});
  CHECK(row(reach(net.wom, params(2, all_ties(true), {0})), 0) == std::vector<std::uint32_t>{1, 1});
}

// hub has 400 ties, to l0..l399 with strengths 1..400 (given in a shuffled
// order): its 150 strongest are l250..l399. Each of those speaks to a user of
// its own (x250..x399); each weaker one to the same user y. So through the
// Dunbar cap hub reaches 150 in one hop and 150 + 150 = 300 in two; had the cap
// kept the weakest 150 instead, two hops would give 151. Layers count from
// the strongest: layer 5 is l395..l399 (5 + 5). A ring filter applies to every
// walker: layer 15 ring keeps ranks 6..15 of each row, so the leaves' single
// (rank 1) ties are not followed and the ring stops after one hop.
TEST_CASE("the Dunbar cap keeps the strongest 150 of 400 ties", "[reach]") {
  std::vector<test::TinyUser> users = {{"hub"}, {"y"}};
  std::vector<std::string> names;
  for (int i = 0; i < 400; ++i) names.push_back("l" + std::to_string(i));
  for (int i = 250; i < 400; ++i) names.push_back("x" + std::to_string(i));
  for (const auto& s : names) users.push_back({s});
  std::vector<test::TinyTie> ties;
  for (int i = 0; i < 400; ++i) {
    ties.push_back({"hub", names[i], static_cast<float>(i + 1)});
    ties.push_back({names[i], i >= 250 ? names[400 + i - 250] : std::string_view("y"), 1});
  }
  std::shuffle(ties.begin(), ties.end(), std::mt19937(7));
  const Network net = make_network(users, ties);
  const auto hub = [&](TieFilter f) { return row(reach(net.wom, params(2, std::move(f), {0})), 0); };
  CHECK(hub(all_ties()) == std::vector<std::uint32_t>{400, 551});
  CHECK(hub(dunbar_ties(150)) == std::vector<std::uint32_t>{150, 300});
  CHECK(hub(layer_ties(150, false)) == std::vector<std::uint32_t>{150, 300});
  CHECK(hub(layer_ties(5, false)) == std::vector<std::uint32_t>{5, 10});
  CHECK(hub(layer_ties(15, true)) == std::vector<std::uint32_t>{10, 10});
  CHECK(hub(layer_ties(150, true)) == std::vector<std::uint32_t>{100, 100});
  CHECK(hub(dunbar_ties(151)) == std::vector<std::uint32_t>{151, 302});  // l249 -> y
  // The reference agrees.
  CHECK(row(reach_reference(net.wom, params(2, dunbar_ties(150), {0})), 0) == std::vector<std::uint32_t>{150, 300});
}

TEST_CASE("tie filters and their options", "[reach]") {
  CHECK(layer_ties(50, true).rank_begin == 15);
  CHECK(layer_ties(50, true).rank_end == 50);
  CHECK(layer_ties(5, true).rank_begin == 0);
  CHECK_THROWS_AS(layer_ties(20, false), UsageError);
  CHECK_THROWS_AS(dunbar_ties(0), UsageError);
  CHECK(parse_layer_sizes("3,10,40") == std::vector<std::uint32_t>{3, 10, 40});
  CHECK_THROWS_AS(parse_layer_sizes("5,5"), UsageError);
  CHECK_THROWS_AS(parse_layer_sizes("5,x"), UsageError);
  CHECK(layer_name(1) == "support");
  CHECK(layer_name(15) == "sympathy");
  CHECK(layer_name(151) == "acquaintance");
  const Network net = make_network({{"a"}}, {});
  CHECK_THROWS_AS(reach(net.wom, params(0, all_ties())), UsageError);
  CHECK_THROWS_AS(reach(net.wom, params(1, all_ties(), {5})), UsageError);
}

// Random graphs (some with hubs past the cap, a third of the ties negative)
// against one plain BFS per source, for every filter, for all users and for
// a chosen subset with repeats, over batch widths of 64, 128 and 256 sources,
// and for a few sources (the per-source BFS).
TEST_CASE("MS-BFS equals plain BFS on random graphs for every tie filter", "[reach]") {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 12; ++round) {
    const VertexId n = 20 + static_cast<VertexId>(rng() % 600);
    const std::size_t m = n * (1 + rng() % 8);
    TieContributions c;
    for (std::size_t i = 0; i < m; ++i) {
      // Skewed sources make a few users with many ties.
      const auto src = static_cast<VertexId>(rng() % 4 == 0 ? rng() % 8 : rng() % n);
      c.edges.push_back({src, static_cast<VertexId>(rng() % n)});
      c.strength.push_back(static_cast<float>(1 + rng() % 50));
      c.polarity.push_back(rng() % 3 == 0 ? -1.0f : 1.0f);
    }
    std::uint64_t loops = 0, merged = 0;
    const Graph g = build_ties(n, c, Combine::kSum, loops, merged);
    const std::uint32_t hops = 1 + static_cast<std::uint32_t>(rng() % 5);
    std::vector<VertexId> some;
    for (int i = 0; i < 100; ++i) some.push_back(static_cast<VertexId>(rng() % n));
    // A few sources (one BFS each over the graph's own rows), with a repeat.
    const std::vector<VertexId> few = {some[0], some[1], some[0], some[2]};
    for (const TieFilter& f : {all_ties(), all_ties(true), dunbar_ties(3), dunbar_ties(150), layer_ties(15, true),
                               layer_ties(5, false, kDunbarLayers, true)}) {
      for (const auto& sources : {std::vector<VertexId>{}, some, few}) {
        INFO("round " << round << " n " << n << " hops " << hops << " filter " << f.label);
        const auto p = params(hops, f, sources);
        const ReachResult fast = reach(g, p);
        const ReachResult slow = reach_reference(g, p);
        CHECK(fast.users == slow.users);
        CHECK(fast.reach == slow.reach);
      }
    }
  }
}

// Quantiles interpolate between ranks; the threshold share counts reach
// strictly above 150 at two hops.
TEST_CASE("reach distribution", "[reach]") {
  // Four users, two hops: 2-hop reach 100, 151, 150, 400.
  const std::vector<double> values = {1, 100, 2, 151, 3, 150, 4, 400};
  const ReachDistribution d = reach_distribution(values, 2);
  REQUIRE(d.per_hop.size() == 2);
  CHECK(d.per_hop[0].min == 1);
  CHECK(d.per_hop[0].median == 2.5);
  CHECK(d.per_hop[1].max == 400);
  CHECK(d.per_hop[1].p25 == Approx(137.5));  // between 100 and 150
  CHECK(d.per_hop[1].mean == Approx(200.25));
  CHECK(d.over_threshold == 2);
  CHECK(d.over_threshold_share == 0.5);
  CHECK(top_by_reach(values, 2, 2, 2) == std::vector<std::size_t>{3, 1});
}

// The command line: per-user JSON and CSV agree, --users picks rows, options
// that contradict each other are usage errors (exit 2), and HyperANF output
// is the same at --threads 1 and 2.
TEST_CASE("refnet reach and prospects on the command line", "[reach][cli]") {
  test::TempDir dir;
  const std::string net = dir.write("g.txt", "# a->b->c->d, a->e\n0 1 3\n1 2 1\n2 3 1\n0 4 1\n");
  auto run = test::run_refnet("reach '" + net + "' --hops 3 --all-ties --quiet");
  REQUIRE(run.exit_code == 0);
  const auto doc = nlohmann::json::parse(run.out);
  const auto& users = doc["result"]["users"];
  REQUIRE(users.size() == 5);
  CHECK(users[0]["id"] == "0");
  CHECK(users[0]["reach"] == nlohmann::json({2, 3, 4}));
  CHECK(doc["result"]["distribution"]["users"] == 5);
  run = test::run_refnet("reach '" + net + "' --hops 2 --users 1,0 --dunbar 1 --format csv --quiet");
  REQUIRE(run.exit_code == 0);
  CHECK(run.out == "id,reach_1,reach_2\n1,1,2\n0,1,2\n");
  for (const char* bad : {"--dunbar 5 --all-ties", "--layer 7", "--ring", "--users nobody", "--hops 0",
                          "--registers-log2 8", "--approx --registers-log2 2", "--users 0 --all"})
    CHECK(test::run_refnet("reach '" + net + "' --quiet " + std::string(bad)).exit_code == 2);
  const auto approx = [&](int threads) {
    auto r = test::run_refnet("reach '" + net + "' --approx --hops 3 --format csv --quiet --seed 7 --threads " +
                              std::to_string(threads));
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  CHECK(approx(1) == approx(2));
  run = test::run_refnet("prospects '" + net + "' --anchors 1 --quiet");
  REQUIRE(run.exit_code == 0);
  const auto p = nlohmann::json::parse(run.out)["result"];
  CHECK(p["anchors_by"] == "reach");
  REQUIRE(p["anchors"].size() == 1);
  CHECK(p["anchors"][0]["id"] == "0");
  CHECK(p["anchors"][0]["prospects"][0]["id"] == "1");  // strength 3 * reach 2 beats 1 * 0
}
