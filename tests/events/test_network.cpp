// The two networks built from event logs (DESIGN.md section 2): referral
// attribution, re-referrals and anomalies, decayed tie strength, sign, and
// Dunbar ranks.
#include <refnet/events/event_log.hpp>
#include <refnet/events/network.hpp>
#include <refnet/io/event_parser.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace refnet;

namespace {

Network build(const std::string& csv, NetworkParams params = {}) {
  ParseReport report;
  EventLog log = parse_event_csv("type,src,dst,ts,product,amount,sentiment,channel\n" + csv, "test.csv", false, report);
  return build_network(std::move(log), params);
}

VertexId id(const Network& net, const std::string& name) { return *net.log.users.find(name); }

std::string parent_name(const Network& net, const std::string& name) {
  const VertexId p = net.referral.parent[id(net, name)];
  return p == kNoVertex ? "-" : std::string(net.log.users.name(p));
}

EdgeId find_edge(const Graph& g, VertexId u, VertexId v) {
  for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
    if (g.target(e) == v) return e;
  return 0xFFFFFFFFu;
}

}  // namespace

// Timeline (day = 86400 s):
//   t=100  ann signs up (organic root)
//   t=200  ann refers bob;  t=300 cat refers bob (a second touch)
//   t=400  bob buys        -> first touch: ann acquired bob; last touch: cat
//   t=500  ann refers bob again (after bob joined: a re-referral)
//   t=600  bob refers dan;  dan never signs up or buys (unconverted)
//   t=700  cat refers cat  (self-referral)
const std::string kAttributionLog =
    "signup,ann,,100,,,,\n"
    "referral,ann,bob,200,,,,\n"
    "referral,cat,bob,300,,,,\n"
    "purchase,bob,,400,p1,10,,\n"
    "referral,ann,bob,500,,,,\n"
    "referral,bob,dan,600,,,,\n"
    "referral,cat,cat,700,,,,\n";

TEST_CASE("first-touch attribution credits the earliest referral before the first purchase", "[network]") {
  const Network net = build(kAttributionLog);
  CHECK(parent_name(net, "bob") == "ann");
  CHECK(parent_name(net, "ann") == "-");
  CHECK(parent_name(net, "dan") == "-");
  const auto& f = net.referral;
  CHECK(f.referrals == 5);
  CHECK(f.acquisitions == 1);
  CHECK(f.competing_referrals == 1);
  CHECK(f.re_referrals == 1);
  CHECK(f.unconverted_referrals == 1);
  CHECK(f.self_referrals == 1);
  CHECK(f.acquired_at[id(net, "bob")] == 400);
  CHECK(f.referred_at[id(net, "bob")] == 200);
  CHECK(std::isnan(f.acquired_at[id(net, "dan")]));
}

TEST_CASE("last-touch attribution credits the latest referral before the first purchase", "[network]") {
  NetworkParams p;
  p.attribution = Attribution::kLastTouch;
  const Network net = build(kAttributionLog, p);
  CHECK(parent_name(net, "bob") == "cat");
  CHECK(net.referral.referred_at[id(net, "bob")] == 300);
  CHECK(net.referral.competing_referrals == 1);
}

TEST_CASE("a referral in the same second as the signup counts as before it", "[network]") {
  const Network net = build("referral,ann,bob,100,,,,\nsignup,bob,,100,,,,\n");
  CHECK(parent_name(net, "bob") == "ann");
}

// ann refers bob at t=1 and bob refers ann at t=2; both sign up at t=3. Both
// referrals precede the referee's signup, so attributing both would make the
// cycle ann -> bob -> ann. The later one is reported as an anomaly instead.
TEST_CASE("timestamps that would create a cycle are reported, not linked", "[network]") {
  const Network net = build(
      "referral,ann,bob,1,,,,\n"
      "referral,bob,ann,2,,,,\n"
      "signup,ann,,3,,,,\n"
      "signup,bob,,3,,,,\n");
  CHECK(parent_name(net, "bob") == "ann");
  CHECK(parent_name(net, "ann") == "-");
  REQUIRE(net.referral.anomalies.size() == 1);
  CHECK(net.referral.anomalies[0].kind == Anomaly::Kind::kCycle);
  CHECK(net.referral.anomalies[0].referrer == id(net, "bob"));
  CHECK(net.referral.acquisitions == 1);
}

// Ties with the default 90-day half-life, T = the last event (day 180):
//   ann -> bob: a share at day 0 (two half-lives old: 0.25) and one at day 90 (0.5) = 0.75
//   ann -> cat: a negative review at day 180 (1.0): strength 1, sign -1
//   bob -> ann: a mention at day 180 with sentiment +1 = 1
TEST_CASE("tie strength decays exponentially with a 90-day half-life and keeps its sign", "[network]") {
  const double day = 86400;
  const Network net = build("share,ann,bob,0,,,,\n"
                            "share,ann,bob," + std::to_string(90 * day) + ",,,,\n"
                            "review,ann,cat," + std::to_string(180 * day) + ",,,-1,\n"
                            "mention,bob,ann," + std::to_string(180 * day) + ",,,positive,\n"
                            "purchase,cat,," + std::to_string(180 * day) + ",p1,,,\n");
  const Graph& g = net.wom;
  const EdgeId ab = find_edge(g, id(net, "ann"), id(net, "bob"));
  const EdgeId ac = find_edge(g, id(net, "ann"), id(net, "cat"));
  const EdgeId ba = find_edge(g, id(net, "bob"), id(net, "ann"));
  CHECK(g.weight(ab) == Approx(0.75).epsilon(1e-6));
  CHECK(g.sign(ab) == 1);
  CHECK(g.weight(ac) == Approx(1.0));
  CHECK(g.sign(ac) == -1);
  CHECK(g.weight(ba) == Approx(1.0));
  CHECK(g.num_edges() == 3);
  CHECK(g.time(ab) == 90 * day);
  // Dunbar rank: ann's stronger tie (to cat, 1.0) ranks before bob (0.75).
  CHECK(net.dunbar_rank(ac) == 1);
  CHECK(net.dunbar_rank(ab) == 2);
}

TEST_CASE("without decay ties count events, and the analysis time excludes later events", "[network]") {
  NetworkParams p;
  p.decay = false;
  p.analysis_time = 150;
  const Network net = build("share,a,b,100,,,,\nshare,a,b,120,,,,\nshare,a,b,200,,,,\nshare,a,a,100,,,,\n", p);
  REQUIRE(net.wom.num_edges() == 1);
  CHECK(net.wom.weight(0) == 2.0f);
  CHECK(net.info.events_after_analysis_time == 1);
  CHECK(net.info.self_ties_ignored == 1);
}

TEST_CASE("Dunbar ranks order a user's 400 ties by strength", "[network]") {
  // hub shares with fan_k floor(k/37)+1 times (no decay): 11 levels of
  // strength with many equal ties, which must then be ordered by id.
  std::string csv;
  for (int k = 0; k < 400; ++k)
    for (int r = 0; r <= k % 400; r += 37) csv += "share,hub,fan_" + std::to_string(k) + "," + std::to_string(k) + ",,,,\n";
  NetworkParams p;
  p.decay = false;
  const Network net = build(csv, p);
  const Graph& g = net.wom;
  const VertexId hub = id(net, "hub");
  REQUIRE(g.out_degree(hub) == 400);
  for (EdgeId e = g.out_begin(hub); e + 1 < g.out_end(hub); ++e) {
    CHECK(g.weight(e) >= g.weight(e + 1));
    if (g.weight(e) == g.weight(e + 1)) CHECK(g.target(e) < g.target(e + 1));
  }
  // The strongest: fan_399 with 11 events (0, 37, ..., 370); ties broken by id.
  const EdgeId first = g.out_begin(hub);
  CHECK(g.weight(first) == 11.0f);
  CHECK(net.dunbar_rank(first) == 1);
  CHECK(net.dunbar_rank(g.out_end(hub) - 1) == 400);
  // Ranks 1..150 are the active network; within it ranks 1..5 the support layer.
  std::size_t within_150 = 0;
  for (EdgeId e = g.out_begin(hub); e < g.out_end(hub); ++e) within_150 += net.dunbar_rank(e) <= 150;
  CHECK(within_150 == 150);
}

TEST_CASE("the in-edge index mirrors the out-edges", "[network]") {
  const Network net = build(kAttributionLog + "share,dan,ann,800,,,,\nmention,bob,cat,900,,,,\n");
  const Graph& g = net.wom;
  std::size_t seen = 0;
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos) {
      const EdgeId e = g.in_edge(pos);
      CHECK(g.target(e) == v);
      CHECK(g.source(e) == g.in_source(pos));
      ++seen;
    }
  }
  CHECK(seen == g.num_edges());
}
