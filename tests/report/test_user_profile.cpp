// One user's page (report/user_profile.hpp): a hand-worked event log with every
// field of the profile worked out in the comments, the breadth-first tree and
// its cut, then the profile of every user of the demo log checked against
// the whole-network results it is read from.
#include <refnet/algo/rank/super_users.hpp>
#include <refnet/base/text.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/load.hpp>
#include <refnet/report/user_profile.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace refnet;

namespace {

constexpr double kDay = 86400;
const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";

Network build(const std::string& rows) {
  ParseReport report;
  EventLog log = parse_event_csv("type,src,dst,ts,product,amount,sentiment,channel\n" + rows, "t.csv", false, report);
  return build_network(std::move(log), {});
}

VertexId id(const Network& net, const std::string& name) { return *net.log.users.find(name); }

// The hand-worked log (times in days; T = day 13, the last event):
//
//   ann buys p1 on days 2, 3, 4          none -> micro (2, purchase), micro -> weak (4, repurchase)
//   ann refers bob and cat on day 5      weak -> strong (5, advocacy)
//   bob buys on day 6, cat on day 7      two converted referees: strong -> super (7, conversion)
//   bob refers dan (day 8), dan signs up (9)
//   ann shares to eve (10), recommends to bob (11), mentions cat negatively twice (12, 12.5)
//   cat complains on day 13              micro -> none (13, complaint)
//
//   referral forest:   ann ── bob ── dan        word of mouth, ann's row by strength:
//                        └── cat                  1 cat  (referral 5, two -1 mentions: sign -1)
//                                                 2 bob  (referral 5, recommend 11)
//                                                 3 eve  (share 10)
//                                                 bob -> dan (referral 8)
const char* kLog =
    "signup,ann,,86400,,,,\n"
    "purchase,ann,,172800,p1,,,\npurchase,ann,,259200,p1,,,\npurchase,ann,,345600,p1,,,\n"
    "referral,ann,bob,432000,,,,\nreferral,ann,cat,432000,,,,\n"
    "purchase,bob,,518400,p1,,,\npurchase,cat,,604800,p2,,,\n"
    "referral,bob,dan,691200,,,,\nsignup,dan,,777600,,,,\n"
    "share,ann,eve,864000,,,+1,\nrecommend,ann,bob,950400,,,+1,\n"
    "mention,ann,cat,1036800,,,-1,\nmention,ann,cat,1080000,,,-1,\n"
    "complaint,cat,,1123200,,,,\n";

// Tie strength with the default 90-day half-life, from event ages in days.
double strength(std::initializer_list<double> ages) {
  const double tau = 90 / std::log(2.0);
  double w = 0;
  for (double a : ages) w += std::exp(-a / tau);
  return w;
}

}  // namespace

TEST_CASE("the profile of a hand-worked user: tiers, rank, referrals, layers, reach, prospects", "[report][profile]") {
  const Network net = build(kLog);
  const VertexId ann = id(net, "ann");
  const UserReport r = profile_user(net, ann, UserProfileParams{}, SuperUserParams{});
  const UserProfile& p = r.profile;

  REQUIRE(p.has_tier);
  CHECK(p.tier.tier == 4);
  CHECK(p.tier.since == 7 * kDay);
  REQUIRE(p.transitions.size() == 4);
  const std::vector<std::pair<double, TierChange::Cause>> expected = {{2 * kDay, TierChange::Cause::kPurchase},
                                                                      {4 * kDay, TierChange::Cause::kRepurchase},
                                                                      {5 * kDay, TierChange::Cause::kAdvocacy},
                                                                      {7 * kDay, TierChange::Cause::kConversion}};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(p.transitions[i].ts == expected[i].first);
    CHECK(p.transitions[i].cause == expected[i].second);
    CHECK(p.transitions[i].from == i);
    CHECK(p.transitions[i].to == i + 1);
  }
  CHECK(p.transitions_omitted == 0);

  // ann tops descendants (3), converted referrals (2), reach, tier and purchases:
  // rank 1 of the five users, whatever her PageRank (she has no listener ties in).
  REQUIRE(r.ranking);
  CHECK(p.rank == 1);
  CHECK(r.ranking->rank.ranking.front() == ann);

  // She came on her own; her subtree breadth-first: ann, bob (joined 6), cat (7), dan (9).
  CHECK(p.referrer == kNoVertex);
  CHECK(std::isnan(p.acquired));
  const SampledTree& t = p.referral_subtree;
  CHECK(t.size == 4);
  CHECK(t.depth == 2);
  CHECK(t.omitted == 0);
  REQUIRE(t.nodes.size() == 4);
  const std::vector<std::string> order = {"ann", "bob", "cat", "dan"};
  const std::vector<std::int32_t> parents = {-1, 0, 0, 1};
  const std::vector<double> joined = {1 * kDay, 6 * kDay, 7 * kDay, 9 * kDay};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(net.log.users.name(t.nodes[i].user) == order[i]);
    CHECK(t.nodes[i].parent == parents[i]);
    CHECK(t.nodes[i].t == joined[i]);
  }

  // Ties: cat (ages 8, 1, 0.5 days; negative), bob (8, 2), eve (3); nobody speaks to ann.
  CHECK(p.ties_out == 3);
  CHECK(p.ties_in == 0);
  CHECK(p.ties_negative == 1);
  REQUIRE(p.dunbar_layers.size() == 4);
  const DunbarRing& support = p.dunbar_layers[0];
  CHECK(support.size == 5);
  CHECK(support.ties == 3);
  CHECK(support.strength == Approx(strength({8, 1, 0.5}) + strength({8, 2}) + strength({3})).epsilon(1e-5));
  REQUIRE(support.top.size() == 3);
  CHECK(net.log.users.name(net.wom.target(support.top[0])) == "cat");
  CHECK(net.wom.sign(support.top[0]) == -1);
  CHECK(net.log.users.name(net.wom.target(support.top[1])) == "bob");
  CHECK(net.wom.weight(support.top[1]) == Approx(strength({8, 2})).epsilon(1e-5));
  CHECK(net.log.users.name(net.wom.target(support.top[2])) == "eve");
  for (std::size_t l = 1; l < 4; ++l) CHECK(p.dunbar_layers[l].ties == 0);

  // Reach: cat, bob, eve in one hop; dan (through bob) in two.
  CHECK(p.reach == std::vector<std::uint32_t>{3, 4});

  // Prospects of ann (a super user): bob (micro, reaches dan: score w * 1) then
  // eve (none, reaches nobody: 0); cat is a negative tie, left out.
  REQUIRE(p.prospects);
  REQUIRE(p.prospects->prospects.size() == 2);
  CHECK(net.log.users.name(p.prospects->prospects[0].user) == "bob");
  CHECK(p.prospects->prospects[0].reach == 1);
  CHECK(p.prospects->prospects[0].score == Approx(strength({8, 2})).epsilon(1e-5));
  CHECK(net.log.users.name(p.prospects->prospects[1].user) == "eve");
  CHECK(p.prospects->contacts_skipped_negative == 1);
}

TEST_CASE("a referred user's profile names the referrer and the join time", "[report][profile]") {
  const Network net = build(kLog);
  const UserReport r = profile_user(net, id(net, "cat"), UserProfileParams{}, SuperUserParams{});
  const UserProfile& p = r.profile;
  // cat joined on day 7 through ann, bought once (micro), complained on day 13 (none).
  CHECK(net.log.users.name(p.referrer) == "ann");
  CHECK(p.acquired == 7 * kDay);
  CHECK(p.tier.tier == 0);
  REQUIRE(p.transitions.size() == 2);
  CHECK(p.transitions[1].cause == TierChange::Cause::kComplaint);
  CHECK(p.transitions[1].kind == TierChange::Kind::kDrop);
  CHECK(p.referral_subtree.size == 1);
  CHECK(p.ties_out == 0);
  CHECK(p.ties_in == 1);
  CHECK(p.reach == std::vector<std::uint32_t>{0, 0});
  CHECK_FALSE(p.prospects);  // not a super user: not an anchor
}

TEST_CASE("only the most recent transitions are kept past the cap", "[report][profile]") {
  const Network net = build(kLog);
  UserProfileParams params;
  params.max_transitions = 3;
  const UserReport r = profile_user(net, id(net, "ann"), params, SuperUserParams{});
  REQUIRE(r.profile.transitions.size() == 3);
  CHECK(r.profile.transitions_omitted == 1);
  CHECK(r.profile.transitions.front().ts == 4 * kDay);  // the first (day 2) dropped
}

// root 0 with children 1, 2, 3 (joined in the order 3, 1, 2), each with two
// children:   0 ── 3 ── 8, 9
//              ├── 1 ── 4, 5
//              └── 2 ── 6, 7
TEST_CASE("trees are breadth-first, children by join time, cut after whole generations", "[report][profile]") {
  const std::vector<VertexId> parent = {kNoVertex, 0, 0, 0, 1, 1, 2, 2, 3, 3};
  const std::vector<double> time = {0, 2, 3, 1, 5, 4, 6, 7, 8, 9};
  const ForestChildren children(parent, time);
  const SampledTree whole = sample_tree(children, 0, time, {}, 100);
  std::vector<VertexId> order;
  std::vector<std::int32_t> parents;
  for (const auto& n : whole.nodes) {
    order.push_back(n.user);
    parents.push_back(n.parent);
  }
  CHECK(order == std::vector<VertexId>{0, 3, 1, 2, 8, 9, 5, 4, 6, 7});  // 5 joined before 4
  CHECK(parents == std::vector<std::int32_t>{-1, 0, 0, 0, 1, 1, 2, 2, 3, 3});
  CHECK(whole.size == 10);
  CHECK(whole.depth == 2);
  CHECK(whole.omitted == 0);

  // A cap of 6 keeps generations 0 and 1 (4 nodes): generation 2 does not fit whole.
  const SampledTree cut = sample_tree(children, 0, time, {}, 6);
  CHECK(cut.nodes.size() == 4);
  CHECK(cut.omitted == 6);
  CHECK(cut.size == 10);
  CHECK(cut.depth == 2);
  // A cap of 2 cannot hold generation 1 whole: the first two breadth-first.
  const SampledTree tiny = sample_tree(children, 0, time, {}, 2);
  REQUIRE(tiny.nodes.size() == 2);
  CHECK(tiny.nodes[1].user == 3);
  // A subtree: node 1 with its children; `user` maps nodes to users.
  const std::vector<VertexId> user = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
  const SampledTree sub = sample_tree(children, 1, time, user, 100);
  CHECK(sub.size == 3);
  CHECK(sub.depth == 1);
  CHECK(sub.nodes[0].user == 11);
  CHECK(sub.nodes[1].user == 15);
}

// Every 7th demo user: each part equals the whole-network result it is read
// from, and subtree sizes and reach equal independent oracles (ancestor walks,
// plain BFS).
TEST_CASE("every sampled demo user's profile agrees with the whole-network results", "[report][profile][demo]") {
  const LoadedInput in = load_input({kDemo}, {});
  const Network& net = in.network;
  TierParams tp;
  tp.transitions = true;
  const TierResult t = tiers(net, tp);
  const SuperUserReport ranking = super_users(net, SuperUserParams{});
  ProfileSources sources;
  sources.tiers = &t;
  sources.ranking = &ranking;
  std::vector<VertexId> users;
  for (VertexId v = 0; v < net.num_users(); v += 7) users.push_back(v);
  const std::vector<UserProfile> profiles = user_profiles(net, sources, users, UserProfileParams{});
  REQUIRE(profiles.size() == users.size());

  const std::vector<std::uint64_t> descendants = referral_descendants_reference(net.referral);
  ReachParams rp;
  rp.sources = users;
  const ReachResult bfs = reach_reference(net.wom, rp);
  std::size_t checked_trees = 0;
  for (std::size_t i = 0; i < users.size(); ++i) {
    const VertexId u = users[i];
    const UserProfile& p = profiles[i];
    REQUIRE(p.user == u);
    CHECK(p.tier.tier == t.users[u].tier);
    if (t.transitions[u].size() <= 200) CHECK(p.transitions.size() == t.transitions[u].size());
    REQUIRE(p.rank >= 1);
    CHECK(ranking.rank.ranking[p.rank - 1] == u);
    CHECK(p.referral_subtree.size == 1 + descendants[u]);
    CHECK(p.referral_subtree.nodes.size() + p.referral_subtree.omitted == p.referral_subtree.size);
    std::uint32_t depth = 0;
    std::vector<std::uint32_t> level;
    for (const auto& n : p.referral_subtree.nodes) {
      if (n.parent < 0) {
        level.push_back(0);
        continue;
      }
      const auto& up = p.referral_subtree.nodes[static_cast<std::size_t>(n.parent)];
      CHECK(net.referral.parent[n.user] == up.user);
      level.push_back(level[static_cast<std::size_t>(n.parent)] + 1);
      depth = std::max(depth, level.back());
    }
    if (p.referral_subtree.omitted == 0) CHECK(p.referral_subtree.depth == depth);
    checked_trees += p.referral_subtree.nodes.size() > 1;
    CHECK(p.ties_out == net.wom.out_degree(u));
    std::uint32_t in_rings = 0;
    for (const DunbarRing& ring : p.dunbar_layers) in_rings += ring.ties;
    CHECK(in_rings == std::min<std::uint32_t>(p.ties_out, 150));
    REQUIRE(p.reach.size() == 2);
    CHECK(p.reach[0] == bfs.at(i, 1));
    CHECK(p.reach[1] == bfs.at(i, 2));
  }
  CHECK(checked_trees > 50);
}
