// The HTML report's data (report/html_report.hpp): each summary on a
// hand-worked case, then on the demo log against an independent computation
// (tiers evaluated afresh at every month end, reach counted per user, the
// referral forest walked, the network's ties listed), and the sampling's rules.
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/algo/community/partition.hpp>
#include <refnet/base/text.hpp>
#include <refnet/graph/undirected.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/load.hpp>
#include <refnet/report/html_report.hpp>

#include "support/tiny_networks.hpp"

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace refnet;
using refnet::test::make_network;

namespace {

const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";

Network build(const std::string& rows) {
  ParseReport report;
  EventLog log = parse_event_csv("type,src,dst,ts,product,amount,sentiment,channel\n" + rows, "t.csv", false, report);
  return build_network(std::move(log), {});
}

const LoadedInput& demo() {
  static const LoadedInput in = load_input({kDemo}, {});
  return in;
}

// Unix seconds of the first second of month `m` (months since 1970-01).
double month_start(std::int32_t m) {
  const std::string iso = month_name(m) + "-01T00:00:00Z";
  return *parse_timestamp(iso);
}

}  // namespace

// Three months of 2024: ann appears in January and buys in February (micro),
// complains in March (none); bob appears in March and buys p1 three times
// there (micro, then weak). T = the last event (March).
//
//   end of   known  none micro weak   moves in the month
//   Jan      ann     1    0    0      -
//   Feb      ann     0    1    0      up (purchase)
//   Mar      +bob    2    0    0+1    ann drop (complaint); bob up (purchase), up (repurchase)
//                    (bob is weak at the end: none 1, weak 1)
TEST_CASE("the tier timeline counts each month's end and its moves", "[report][html]") {
  const Network net = build(
      "signup,ann,,2024-01-10,,,,\n"
      "purchase,ann,,2024-02-03,p1,,,\n"
      "signup,bob,,2024-03-01,,,,\n"
      "purchase,bob,,2024-03-02,p1,,,\npurchase,bob,,2024-03-03,p1,,,\npurchase,bob,,2024-03-04,p1,,,\n"
      "complaint,ann,,2024-03-20,,,,\n");
  TierParams tp;
  tp.transitions = true;
  const TierTimeline t = tier_timeline(net, tiers(net, tp));
  REQUIRE(t.months.size() == 3);
  CHECK(month_name(t.months[0].month) == "2024-01");
  CHECK(t.months[0].counts == std::array<std::uint64_t, 5>{1, 0, 0, 0, 0});
  CHECK(t.months[1].counts == std::array<std::uint64_t, 5>{0, 1, 0, 0, 0});
  CHECK(t.months[2].counts == std::array<std::uint64_t, 5>{1, 0, 1, 0, 0});
  const auto kind = [](TierChange::Kind k) { return static_cast<std::size_t>(k); };
  const auto cause = [](TierChange::Cause c) { return static_cast<std::size_t>(c); };
  CHECK(t.months[1].by_kind[kind(TierChange::Kind::kUp)] == 1);
  CHECK(t.months[1].by_cause[cause(TierChange::Cause::kPurchase)] == 1);
  CHECK(t.months[2].by_kind[kind(TierChange::Kind::kUp)] == 2);
  CHECK(t.months[2].by_kind[kind(TierChange::Kind::kDrop)] == 1);
  CHECK(t.months[2].by_cause[cause(TierChange::Cause::kComplaint)] == 1);
  CHECK(t.months[2].by_cause[cause(TierChange::Cause::kRepurchase)] == 1);
  CHECK(t.moves[0][1] == 2);  // ann and bob: none -> micro
  CHECK(t.moves[1][2] == 1);
  CHECK(t.moves[1][0] == 1);
}

// Oracle: the tiers evaluated from scratch at the last second of every month
// (the demo log's times are whole seconds), counted over the users known then;
// the moves counted from the transitions month by month.
TEST_CASE("the demo's tier timeline equals the tiers evaluated at every month end", "[report][html][demo]") {
  const Network& net = demo().network;
  TierParams tp;
  tp.transitions = true;
  const TierResult all = tiers(net, tp);
  const TierTimeline t = tier_timeline(net, all);
  REQUIRE(t.months.size() == 12);
  CHECK(month_name(t.months.front().month) == "2023-01");
  CHECK(month_name(t.months.back().month) == "2023-12");
  std::map<std::int32_t, std::array<std::uint64_t, 3>> kinds;
  std::uint64_t moves = 0;
  for (const auto& user : all.transitions)
    for (const TierChange& c : user) {
      ++kinds[month_index(c.ts)][static_cast<std::size_t>(c.kind)];
      ++moves;
    }
  std::uint64_t counted_moves = 0;
  for (const TierMonth& m : t.months) {
    TierParams at;
    at.at = std::min(month_start(m.month + 1) - 0.5, all.at);
    const TierResult then = tiers(net, at);
    std::array<std::uint64_t, 5> counts{};
    for (const UserTier& u : then.users)
      if (!std::isnan(u.since)) ++counts[u.tier];
    INFO(month_name(m.month));
    CHECK(m.counts == counts);
    CHECK(m.by_kind == kinds[m.month]);
    for (std::uint64_t c : m.by_cause) counted_moves += c;
  }
  CHECK(counted_moves == moves);
  std::uint64_t flows = 0;
  for (const auto& row : t.moves)
    for (std::uint64_t c : row) flows += c;
  CHECK(flows == moves);
  // The last month's end is T: the funnel.
  for (int k = 0; k < kNumTiers; ++k) CHECK(t.months.back().counts[k] == all.funnel.per_tier[k]);
}

TEST_CASE("the reach histogram bins 0 alone, then tens to 300, then doubling widths", "[report][html]") {
  // 0 | 1-10 | ... | 141-150 | 151-160 | ... | 291-300 | 301-320 | 321-360 | 361-440 | ...
  const std::vector<double> values = {0, 0, 1, 10, 11, 150, 151, 300, 301, 320, 321, 400, 440.4, 441};
  const std::vector<ReachBin> bins = reach_histogram(values);
  REQUIRE(bins.size() == 1 + 30 + 4);
  CHECK(bins[0].from == 0);
  CHECK(bins[0].to == 0);
  CHECK(bins[0].users == 2);
  CHECK(bins[1].users == 2);  // 1, 10
  CHECK(bins[2].users == 1);  // 11
  CHECK(bins[15].from == 141);
  CHECK(bins[15].to == 150);  // Dunbar's 150 closes a bin
  CHECK(bins[15].users == 1);
  CHECK(bins[16].users == 1);  // 151
  CHECK(bins[30].to == 300);
  CHECK(bins[30].users == 1);
  CHECK(bins[31].from == 301);
  CHECK(bins[31].to == 320);
  CHECK(bins[31].users == 2);  // 301, 320
  CHECK(bins[32].to == 360);
  CHECK(bins[33].to == 440);
  CHECK(bins[33].users == 2);  // 400, 440.4
  CHECK(bins[34].from == 441);
  CHECK(bins[34].users == 1);
  CHECK(reach_histogram({0, 0}).size() == 1);
}

TEST_CASE("the demo's reach histogram counts the analysis's reach of every user", "[report][html][demo]") {
  const Network& net = demo().network;
  const AnalysisReport report = analyze(net, {});
  HtmlReportParams p;
  p.user_pages = 10;
  const ReportData d = build_report_data(net, report, p);
  const ReachResult& r = *report.reach();
  std::uint64_t total = 0;
  for (const ReachBin& b : d.reach_bins) {
    std::uint64_t users = 0;
    for (std::size_t i = 0; i < r.users.size(); ++i)
      if (r.at(i, r.hops) >= b.from && r.at(i, r.hops) <= b.to) ++users;
    CHECK(b.users == users);
    total += b.users;
  }
  CHECK(total == net.num_users());
  CHECK(d.reach_hops == 2);
}

// Layers 1, 2, 4 (cumulative):
//   a: ties of strength 4, 3 (negative), 2, 1, 0.5   ranks 1..5
//   b: one tie (1)                                    rank 1
//   c, d, e, f: none
//   total strength 11.5; ring 1 (rank 1): 4 + 1 = 5; ring 2 (rank 2): 3; ring 3 (ranks 3-4): 3;
//   rank 5 (0.5) is past the cap. full: ring 1 a, b; ring 2 a; ring 4 a.
TEST_CASE("the Dunbar summary counts full layers, rings and their strength", "[report][html]") {
  const Network net2 =
      make_network({{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}},
                   {{"a", "b", 4}, {"a", "c", 3, -1}, {"a", "d", 2}, {"a", "e", 1}, {"a", "f", 0.5f}, {"b", "a", 1}});
  const std::vector<DunbarLayerSummary> s = dunbar_summary(net2.wom, {1, 2, 4});
  REQUIRE(s.size() == 3);
  CHECK(s[0].users_full == 2);
  CHECK(s[0].users_any == 2);
  CHECK(s[1].users_full == 1);
  CHECK(s[1].users_any == 1);
  CHECK(s[2].users_full == 1);
  CHECK(s[2].users_any == 1);
  CHECK(s[0].strength_share == Approx(5 / 11.5));
  CHECK(s[1].strength_share == Approx(3 / 11.5));
  CHECK(s[2].strength_share == Approx(3 / 11.5));
  CHECK(s[0].negative_share == 0);
  CHECK(s[1].negative_share == 1);
  CHECK(s[2].negative_share == 0);
}

TEST_CASE("cascade trees are the largest cascades, every member under its referrer", "[report][html][demo]") {
  const Network& net = demo().network;
  const AnalysisReport report = analyze(net, {});
  HtmlReportParams p;
  p.user_pages = 10;
  p.tree_max_nodes = 30;  // cuts the largest (50 members)
  const ReportData d = build_report_data(net, report, p);
  REQUIRE(d.cascades);
  REQUIRE(d.trees.size() == 10);
  CHECK(d.cascades->cascades.size() == 100);
  for (std::size_t i = 0; i < d.trees.size(); ++i) {
    const SampledTree& t = d.trees[i];
    const CascadeRecord& c = d.cascades->cascades[i];
    CHECK(t.size == c.size);
    CHECK(t.depth == c.depth);
    CHECK(t.nodes.size() + t.omitted == c.size);
    CHECK(t.nodes.size() <= 30);
    CHECK(t.nodes.front().parent == -1);
    std::set<VertexId> seen;
    std::vector<std::uint64_t> generation(c.generations.size(), 0);
    std::vector<std::uint32_t> level;
    for (std::size_t k = 0; k < t.nodes.size(); ++k) {
      const auto& n = t.nodes[k];
      CHECK(seen.insert(n.user).second);
      if (k == 0) {
        level.push_back(0);
      } else {
        REQUIRE(n.parent >= 0);
        REQUIRE(static_cast<std::size_t>(n.parent) < k);  // parents first
        CHECK(net.referral.parent[n.user] == t.nodes[static_cast<std::size_t>(n.parent)].user);
        level.push_back(level[static_cast<std::size_t>(n.parent)] + 1);
      }
      ++generation[level.back()];
    }
    // Whole generations: each kept generation has all its members.
    for (std::size_t g = 0; g < generation.size(); ++g)
      if (generation[g] > 0) CHECK(generation[g] == c.generations[g]);
  }
  CHECK(d.trees[0].omitted > 0);
}

TEST_CASE("the network view shows leaders, top users and their ties, and every tie among them",
          "[report][html][demo]") {
  const Network& net = demo().network;
  const AnalysisReport report = analyze(net, {});
  HtmlReportParams p;
  p.user_pages = 10;
  const ReportData d = build_report_data(net, report, p);
  REQUIRE(d.network);
  const NetworkSample& s = *d.network;
  // The leaders are `refnet community`'s: Louvain (seed 1) and PageRank, computed here again.
  LouvainParams lp;
  const CommunityResult c = louvain(make_undirected(net.wom, true), lp);
  const std::vector<VertexId> leaders = community_leaders(c.community, c.count(), pagerank(net.wom, {}).score);
  CHECK(d.communities->community == c.community);
  CHECK(d.leaders == leaders);

  std::map<VertexId, std::uint8_t> shown;
  for (const auto& n : s.nodes) CHECK(shown.emplace(n.user, n.roles).second);
  CHECK(s.nodes.size() <= 3000);
  for (std::uint32_t k = 0; k < 40; ++k) {
    CHECK((shown.at(leaders[k]) & kRoleLeader));
    // Each community is drawn around its leader: their strongest tie inside it is shown.
    const VertexId l = leaders[k];
    float best = -1;
    VertexId other = kNoVertex;
    for (EdgeId e = net.wom.out_begin(l); e < net.wom.out_end(l); ++e)
      if (c.community[net.wom.target(e)] == k && net.wom.weight(e) > best)
        best = net.wom.weight(e), other = net.wom.target(e);
    for (EdgeId pos = net.wom.in_begin(l); pos < net.wom.in_end(l); ++pos)
      if (c.community[net.wom.in_source(pos)] == k && net.wom.weight(net.wom.in_edge(pos)) > best)
        best = net.wom.weight(net.wom.in_edge(pos)), other = net.wom.in_source(pos);
    if (other != kNoVertex) CHECK(shown.count(other));
  }
  const auto& ranking = report.super_users->rank.ranking;
  for (std::size_t k = 0; k < 50; ++k) {
    const VertexId u = ranking[k];
    CHECK((shown.at(u) & kRoleTop));
    for (EdgeId e = net.wom.out_begin(u); e < std::min(net.wom.out_end(u), net.wom.out_begin(u) + 25); ++e)
      CHECK(shown.count(net.wom.target(e)));
  }
  // Under the tie cap, the view holds exactly the ties between shown users.
  std::set<EdgeId> induced;
  for (VertexId u = 0; u < net.num_users(); ++u)
    for (EdgeId e = net.wom.out_begin(u); e < net.wom.out_end(u); ++e)
      if (shown.count(u) && shown.count(net.wom.target(e))) induced.insert(e);
  REQUIRE(induced.size() <= 10000);
  CHECK(std::set<EdgeId>(s.edges.begin(), s.edges.end()) == induced);
  std::uint64_t in_communities = 0;
  for (const auto& k : s.communities) in_communities += k.shown;
  CHECK(in_communities == s.nodes.size());

  // With caps: the leaders come first, and the strongest ties are kept.
  NetworkSampleParams small;
  small.nodes = 10;
  small.edges = 5;
  const NetworkSample tiny =
      network_sample(net, c, leaders, d.pagerank, {ranking.begin(), ranking.begin() + 50}, small);
  REQUIRE(tiny.nodes.size() == 10);
  for (std::size_t k = 0; k < 10; ++k) CHECK(tiny.nodes[k].user == leaders[k]);
  CHECK(tiny.edges.size() <= 5);
}

TEST_CASE("page sampling: named users first, then a uniform sample fixed by the seed", "[report][html]") {
  // reason 1 (super users) names 5, 6, 7; reason 2 (seeds) names 6 and 8: 6 has both.
  const std::vector<std::vector<VertexId>> named = {{}, {5, 6, 7}, {6, 8}};
  const PageSample s = sample_pages(1000, named, 20, 3);
  REQUIRE(s.users.size() == 20);
  CHECK(std::vector<VertexId>(s.users.begin(), s.users.begin() + 4) == std::vector<VertexId>{5, 6, 7, 8});
  CHECK(s.reasons[1] == (kPageSuperUser | kPageSeed));
  CHECK(s.reasons[3] == kPageSeed);
  CHECK(std::set<VertexId>(s.users.begin(), s.users.end()).size() == 20);
  for (std::size_t i = 4; i < 20; ++i) CHECK(s.reasons[i] == kPageRandom);
  CHECK(sample_pages(1000, named, 20, 3).users == s.users);    // same seed, same pages
  CHECK(sample_pages(1000, named, 20, 4).users != s.users);    // another seed, others
  CHECK(sample_pages(3, {{}, {1}}, 20, 3).users.size() == 3);  // everyone, when few
  const PageSample capped = sample_pages(1000, {{}, {1, 2, 3}, {4}}, 2, 3);
  CHECK(capped.users == std::vector<VertexId>{1, 2});

  // Uniform: over many seeds each user is drawn about equally often
  // (10 of 100 users per draw, 2,000 draws: 200 each, sd about 13.4).
  std::vector<int> drawn(100, 0);
  for (std::uint64_t seed = 0; seed < 2000; ++seed)
    for (VertexId v : sample_pages(100, {}, 10, seed).users) ++drawn[v];
  for (int c : drawn) {
    CHECK(c > 140);
    CHECK(c < 260);
  }
}

TEST_CASE("the demo report's pages cover every user a section names", "[report][html][demo]") {
  const Network& net = demo().network;
  const AnalysisReport report = analyze(net, {});
  HtmlReportParams p;
  p.requested = {*net.log.users.find("u000001")};
  const ReportData d = build_report_data(net, report, p);
  CHECK(d.pages.users.size() == 2000);
  REQUIRE(d.profiles.size() == d.pages.users.size());
  const std::set<VertexId> pages(d.pages.users.begin(), d.pages.users.end());
  CHECK(pages.size() == 2000);
  CHECK(d.pages.users.front() == *net.log.users.find("u000001"));
  CHECK(d.pages.reasons.front() & kPageRequested);
  for (std::size_t k = 0; k < 50; ++k) CHECK(pages.count(report.super_users->rank.ranking[k]));
  for (VertexId s : report.influence->seeds.seeds) CHECK(pages.count(s));
  for (const SampledTree& t : d.trees) CHECK(pages.count(t.nodes.front().user));
  for (const ReferrerRow& r : std::vector<ReferrerRow>(d.top_referrers.begin(), d.top_referrers.begin() + 10))
    CHECK(pages.count(r.user));
  // The same seed gives the same pages and network view with one thread.
  const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  const ReportData again = build_report_data(net, report, p);
  CHECK(again.pages.users == d.pages.users);
  CHECK(again.network->edges == d.network->edges);
  CHECK(again.communities->community == d.communities->community);
}
