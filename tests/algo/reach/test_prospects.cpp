// Prospects: a hand-worked event log (tie strengths as event counts), then a
// graph input (no tiers: anchors by reach), each against the plain-BFS version.
#include <refnet/algo/reach/prospects.hpp>
#include <refnet/io/event_parser.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

namespace {

Network build(const std::string& rows) {
  ParseReport report;
  EventLog log = parse_event_csv("type,src,dst,ts,product,amount,sentiment,channel\n" + rows, "t.csv", false, report);
  NetworkParams p;
  p.decay = false;  // strength = number of events
  return build_network(std::move(log), p);
}

std::string id(const Network& net, VertexId v) { return std::string(net.log.users.name(v)); }

}  // namespace

// ann buys p1 three times (weak), refers bob and cat (advocacy: strong), who
// both buy (two converted referees: super). Her ties: dan (3 shares), bob and
// cat (a referral each), gus (1 share; gus is strong: excluded), hal (a
// negative mention: excluded). Reach within 2 hops: dan -> eve, fay; eve ->
// ivy: 3. bob -> cat: 1. cat: 0. Scores: dan 3 * 3 = 9, bob 1 * 1 = 1, cat 0.
TEST_CASE("prospects of a super user, worked by hand", "[prospects]") {
  const Network net = build(
      "purchase,ann,,1,p1,,,\npurchase,ann,,2,p1,,,\npurchase,ann,,3,p1,,,\n"
      "referral,ann,bob,4,,,,\nreferral,ann,cat,5,,,,\n"
      "purchase,bob,,6,p1,,,\npurchase,cat,,7,p1,,,\n"
      "share,ann,dan,8,,,,\nshare,ann,dan,9,,,,\nshare,ann,dan,10,,,,\n"
      "share,ann,gus,11,,,,\n"
      "purchase,gus,,12,p1,,,\npurchase,gus,,13,p1,,,\npurchase,gus,,14,p1,,,\nshare,gus,zed,15,,,,\n"
      "mention,ann,hal,16,,,-1,\n"
      "share,dan,eve,17,,,,\nshare,dan,fay,18,,,,\nshare,eve,ivy,19,,,,\nshare,bob,cat,20,,,,\n");
  const ProspectResult r = prospects(net, {});
  REQUIRE(r.by_tiers);
  REQUIRE(r.anchors.size() == 1);
  const Anchor& ann = r.anchors[0];
  CHECK(id(net, ann.user) == "ann");
  CHECK(ann.contacts_skipped_advocates == 1);
  CHECK(ann.contacts_skipped_negative == 1);
  REQUIRE(ann.prospects.size() == 3);
  CHECK(id(net, ann.prospects[0].user) == "dan");
  CHECK(ann.prospects[0].rank == 1);
  CHECK(ann.prospects[0].reach == 3);
  CHECK(ann.prospects[0].score == 9);
  CHECK(id(net, ann.prospects[1].user) == "bob");
  CHECK(ann.prospects[1].score == 1);
  CHECK(ann.prospects[1].tier == 1);
  CHECK(id(net, ann.prospects[2].user) == "cat");
  CHECK(ann.prospects[2].score == 0);
  ProspectParams one;
  one.max_prospects = 1;
  CHECK(prospects(net, one).anchors[0].prospects.size() == 1);
}

// A graph input has no tiers: anchors are the top users by reach and every
// contact is a prospect. Random graphs: the fast and plain versions agree.
TEST_CASE("prospects without tiers use the top users by reach", "[prospects]") {
  std::mt19937_64 rng(4);
  for (int round = 0; round < 5; ++round) {
    Network net;
    const VertexId n = 50 + static_cast<VertexId>(rng() % 300);
    for (VertexId v = 0; v < n; ++v) net.log.users.intern(std::to_string(v));
    TieContributions c;
    for (std::size_t i = 0; i < 4 * std::size_t{n}; ++i) {
      c.edges.push_back({static_cast<VertexId>(rng() % n), static_cast<VertexId>(rng() % n)});
      c.strength.push_back(static_cast<float>(1 + rng() % 9));
      c.polarity.push_back(rng() % 5 == 0 ? -1.0f : 1.0f);
    }
    std::uint64_t loops = 0, merged = 0;
    net.wom = build_ties(n, c, Combine::kSum, loops, merged);
    net.info.kind = InputKind::kGraph;
    ProspectParams p;
    p.top_anchors = 4;
    p.contacts = 3;
    const ProspectResult fast = prospects(net, p);
    const ProspectResult slow = prospects_reference(net, p);
    REQUIRE(!fast.by_tiers);
    REQUIRE(fast.anchors.size() == 4);
    for (std::size_t a = 0; a < fast.anchors.size(); ++a) {
      CHECK(fast.anchors[a].user == slow.anchors[a].user);
      CHECK(fast.anchors[a].reach == slow.anchors[a].reach);
      if (a > 0) CHECK(fast.anchors[a - 1].reach >= fast.anchors[a].reach);
      REQUIRE(fast.anchors[a].prospects.size() == slow.anchors[a].prospects.size());
      for (std::size_t k = 0; k < fast.anchors[a].prospects.size(); ++k) {
        const Prospect& x = fast.anchors[a].prospects[k];
        CHECK(x.user == slow.anchors[a].prospects[k].user);
        CHECK(x.score == Approx(x.strength * x.reach));
        if (k > 0) CHECK(fast.anchors[a].prospects[k - 1].score >= x.score);
      }
    }
  }
}
