// Trust tiers (DESIGN.md section 3): one hand-worked log per rule and per
// edge case, each with its expected tiers in a comment; then generated logs
// checked against the from-scratch reference, the funnel's arithmetic, and
// "evaluating at T equals replaying the transitions up to T".
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/base/error.hpp>
#include <refnet/events/generator.hpp>
#include <refnet/io/event_parser.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace refnet;

namespace {

constexpr double kDay = 86400;

Network build(const std::string& rows) {
  ParseReport report;
  EventLog log = parse_event_csv("type,src,dst,ts,product,amount,sentiment,channel\n" + rows, "t.csv", false, report);
  return build_network(std::move(log), {});
}

int tier_of(const Network& net, const TierResult& r, const std::string& user) {
  return r.users[*net.log.users.find(user)].tier;
}

TierResult evaluate(const Network& net, TierParams p = {}) {
  p.transitions = true;
  return tiers(net, p);
}

std::string changes(const Network& net, const TierResult& r, const std::string& user) {
  std::string out;
  for (const TierChange& c : r.transitions[*net.log.users.find(user)])
    out += std::string(out.empty() ? "" : " ") + std::string(kTierNames[c.from]) + ">" + std::string(kTierNames[c.to]) +
           "@" + std::to_string(static_cast<long long>(c.ts)) + "(" + std::string(to_string(c.cause)) + ")";
  return out;
}

}  // namespace

// ann signs up only (none); bob buys once (micro); cat buys p1 three times
// (weak); dan buys three different products (micro); eve is only named by
// others (none).
TEST_CASE("tiers none, micro and weak", "[tiers]") {
  const Network net = build(
      "signup,ann,,1,,,,\n"
      "purchase,bob,,2,p1,,,\n"
      "purchase,cat,,3,p1,,,\npurchase,cat,,4,p1,,,\npurchase,cat,,5,p1,,,\n"
      "purchase,dan,,6,p1,,,\npurchase,dan,,7,p2,,,\npurchase,dan,,8,p3,,,\n"
      "mention,ann,eve,9,,,,\n");
  const auto r = evaluate(net);
  CHECK(tier_of(net, r, "ann") == 0);
  CHECK(tier_of(net, r, "bob") == 1);
  CHECK(tier_of(net, r, "cat") == 2);
  CHECK(tier_of(net, r, "dan") == 1);
  CHECK(tier_of(net, r, "eve") == 0);
  CHECK(changes(net, r, "cat") == "none>micro@3(purchase) micro>weak@5(repurchase)");
  CHECK(r.users[*net.log.users.find("eve")].since == 9);
}

// ann is weak then shares positively: strong. bob is weak and shares
// negatively: a negative share is not advocacy (and only negative reviews drop).
TEST_CASE("strong needs weak plus positive advocacy", "[tiers]") {
  const Network net = build(
      "purchase,ann,,1,p1,,,\npurchase,ann,,2,p1,,,\npurchase,ann,,3,p1,,,\n"
      "share,ann,zed,4,,,+1,\n"
      "purchase,bob,,1,p1,,,\npurchase,bob,,2,p1,,,\npurchase,bob,,3,p1,,,\n"
      "share,bob,zed,4,,,-1,\n");
  const auto r = evaluate(net);
  CHECK(tier_of(net, r, "ann") == 3);
  CHECK(tier_of(net, r, "bob") == 2);
  CHECK(changes(net, r, "ann") == "none>micro@1(purchase) micro>weak@3(repurchase) weak>strong@4(advocacy)");
}

// ann is strong, and refers bob, cat and dan (each referral is advocacy too).
// bob and cat sign up and buy: two converted referees, so ann is super at
// cat's purchase (t=10). dan signs up but never buys: no conversion.
// eve bought at t=2 and is referred by ann only at t=20, after her first
// purchase: a re-referral, not an acquisition, so no conversion either.
TEST_CASE("super needs two referees acquired through the user who purchased", "[tiers]") {
  const Network net = build(
      "purchase,eve,,2,p9,,,\n"
      "purchase,ann,,3,p1,,,\npurchase,ann,,4,p1,,,\npurchase,ann,,5,p1,,,\n"
      "referral,ann,bob,6,,,,\nreferral,ann,cat,6,,,,\nreferral,ann,dan,6,,,,\n"
      "signup,bob,,7,,,,\npurchase,bob,,8,p1,,,\n"
      "signup,cat,,9,,,,\npurchase,cat,,10,p2,,,\n"
      "signup,dan,,11,,,,\n"
      "referral,ann,eve,20,,,,\n");
  const auto r = evaluate(net);
  CHECK(tier_of(net, r, "ann") == 4);
  CHECK(changes(net, r, "ann") ==
        "none>micro@3(purchase) micro>weak@5(repurchase) weak>strong@6(advocacy) strong>super@10(conversion)");
  TierParams three;
  three.converted_referees = 3;  // dan never bought, eve was never acquired by ann
  CHECK(tier_of(net, evaluate(net, three), "ann") == 3);
}

// ann refers bob and cat, who buy (two conversions), then complains at t=5:
// everything restarts. bob and cat's later repurchases are not new
// conversions, but dee and fay, referred and buying after the drop, are.
// ann then buys p1 three times: weak (no advocacy since the drop), and a
// positive review at t=20 takes her from weak straight to super.
TEST_CASE("a jump from weak to super, after a drop then a rebuild", "[tiers]") {
  const Network net = build(
      "referral,ann,bob,1,,,,\nreferral,ann,cat,1,,,,\n"
      "purchase,bob,,2,p1,,,\npurchase,cat,,3,p1,,,\n"
      "purchase,ann,,4,p1,,,\n"
      "complaint,ann,,5,,,,\n"
      "purchase,bob,,6,p1,,,\n"
      "referral,ann,dee,6,,,-1,\nreferral,ann,fay,6,,,-1,\n"
      "purchase,dee,,7,p1,,,\npurchase,fay,,8,p1,,,\n"
      "purchase,ann,,10,p1,,,\npurchase,ann,,11,p1,,,\npurchase,ann,,12,p1,,,\n"
      "review,ann,,20,,,+1,\n");
  const auto r = evaluate(net);
  CHECK(tier_of(net, r, "ann") == 4);
  CHECK(changes(net, r, "ann") ==
        "none>micro@4(purchase) micro>none@5(complaint) none>micro@10(purchase) micro>weak@12(repurchase) "
        "weak>super@20(advocacy)");
  const auto& last = r.transitions[*net.log.users.find("ann")].back();
  CHECK(last.kind == TierChange::Kind::kJump);
  CHECK(r.funnel.ever_dropped == 1);
  CHECK(r.funnel.drops_from[1] == 1);
}

// Same timestamp: the input order decides. ann buys then complains in the same
// second (none); bob complains then buys (micro).
TEST_CASE("same-second events keep their input order", "[tiers]") {
  const Network net = build(
      "purchase,ann,,100,p1,,,\ncomplaint,ann,,100,,,,\n"
      "complaint,bob,,100,,,,\npurchase,bob,,100,p1,,,\n");
  const auto r = evaluate(net);
  CHECK(tier_of(net, r, "ann") == 0);
  CHECK(tier_of(net, r, "bob") == 1);
}

// A churn and a negative review drop too; --drop-on none keeps trust.
TEST_CASE("churn and negative reviews drop trust unless switched off", "[tiers]") {
  const Network net = build(
      "purchase,ann,,1,p1,,,\nchurn,ann,,2,,,,\n"
      "purchase,bob,,1,p1,,,\nreview,bob,,2,,,negative,\n");
  CHECK(tier_of(net, evaluate(net), "ann") == 0);
  CHECK(tier_of(net, evaluate(net), "bob") == 0);
  TierParams keep;
  set_drop_events(keep, "none");
  CHECK(tier_of(net, evaluate(net, keep), "ann") == 1);
  CHECK(tier_of(net, evaluate(net, keep), "bob") == 1);
  CHECK_THROWS_AS(set_drop_events(keep, "refund"), UsageError);
}

// ann is strong at day 0 (micro, weak, strong within the same second), then silent. With a 365-day window she is weak from
// day 365 and micro from day 730; at day 800 a mention (her own event) ends the
// inactivity and her counters still make her strong.
TEST_CASE("inactivity drops one tier per window, across two windows", "[tiers]") {
  const std::string base =
      "purchase,ann,,0,p1,,,\npurchase,ann,,0,p1,,,\npurchase,ann,,0,p1,,,\nshare,ann,bob,0,,,,\n";
  const Network quiet = build(base + "signup,zed,," + std::to_string(static_cast<long long>(900 * kDay)) + ",,,,\n");
  TierParams p;
  p.at = 900 * kDay;
  auto r = evaluate(quiet, p);
  CHECK(tier_of(quiet, r, "ann") == 1);
  CHECK(changes(quiet, r, "ann") ==
        "none>micro@0(purchase) micro>weak@0(repurchase) weak>strong@0(advocacy) strong>weak@31536000(inactivity) "
        "weak>micro@63072000(inactivity)");
  p.at = 400 * kDay;
  CHECK(tier_of(quiet, evaluate(quiet, p), "ann") == 2);

  const Network back = build(base + "mention,ann,bob," + std::to_string(static_cast<long long>(800 * kDay)) + ",,,,\n");
  p.at = 800 * kDay;
  r = evaluate(back, p);
  CHECK(tier_of(back, r, "ann") == 3);
  CHECK(r.transitions[*back.log.users.find("ann")].back().cause == TierChange::Cause::kReturn);
  p.inactivity_days = 0;  // never
  CHECK(tier_of(quiet, evaluate(quiet, p), "ann") == 3);
}

TEST_CASE("tiers refuse graph inputs and bad parameters", "[tiers]") {
  Network graph;
  graph.info.kind = InputKind::kGraph;
  CHECK_THROWS_AS(tiers(graph, {}), UsageError);
  TierParams p;
  p.repurchase_count = 0;
  CHECK_THROWS_AS(p.validate(), UsageError);
}

TEST_CASE("on generated logs: fast tiers equal the reference, the funnel adds up, transitions replay", "[tiers]") {
  GeneratorParams g;
  g.users = 3000;
  g.seed = 17;
  g.days = 900;  // long enough for inactivity to matter
  std::ostringstream csv;
  write_event_log(csv, g);
  ParseReport report;
  const Network net = build_network(parse_event_csv(csv.str(), "gen.csv", false, report), {});
  const double end = net.info.analysis_time;
  for (double inactivity : {365.0, 60.0}) {
    TierParams full;
    full.inactivity_days = inactivity;
    full.transitions = true;
    const TierResult all = tiers(net, full);
    for (double fraction : {0.25, 0.5, 0.8, 1.0}) {
      TierParams p = full;
      p.at = net.log.events.front().ts + fraction * (end - net.log.events.front().ts);
      const TierResult r = tiers(net, p);
      const auto reference = tiers_reference(net, p);
      // Each user's last change after the time asked (compare's cause of a
      // move) is the last such entry of their full list of transitions.
      TierParams since = full;
      since.transitions = false;
      since.last_change_after = p.at;
      const TierResult later = tiers(net, since);
      std::size_t mismatches = 0, replay_mismatches = 0, last_mismatches = 0, with_last = 0;
      for (VertexId v = 0; v < net.num_users(); ++v) {
        mismatches += r.users[v].tier != reference[v];
        int replayed = 0;
        const TierChange* last = nullptr;
        for (const TierChange& c : all.transitions[v]) {
          if (c.ts <= p.at) replayed = c.to;
          else last = &c;
        }
        replay_mismatches += r.users[v].tier != replayed;
        const TierChange& got = later.last_change[v];
        with_last += last != nullptr;
        last_mismatches += last ? !(got.ts == last->ts && got.from == last->from && got.to == last->to &&
                                    got.kind == last->kind && got.cause == last->cause)
                                : !std::isnan(got.ts);
      }
      INFO("inactivity " << inactivity << ", fraction " << fraction);
      CHECK(mismatches == 0);
      CHECK(replay_mismatches == 0);
      CHECK(last_mismatches == 0);
      CHECK(later.transitions.empty());
      if (fraction < 1.0) CHECK(with_last > 100);
      // The funnel adds up.
      const Funnel& f = r.funnel;
      std::uint64_t known = 0, in_cohorts = 0;
      for (auto c : f.per_tier) known += c;
      for (const CohortRow& row : r.cohorts) {
        in_cohorts += row.users;
        std::uint64_t sum = 0;
        for (auto c : row.per_tier) sum += c;
        CHECK(sum == row.users);
      }
      CHECK(in_cohorts + f.never_joined == known);
      CHECK(f.reached[0] == known);
      for (int t = 0; t + 1 < kNumTiers; ++t) CHECK(f.reached[t] >= f.reached[t + 1]);
      std::uint64_t drops = 0;
      for (auto d : f.drops_from) drops += d;
      std::uint64_t by_cause = 0;
      for (auto d : f.drops_by_cause) by_cause += d;
      CHECK(drops == by_cause);
      CHECK(f.ever_dropped <= drops);
      if (fraction == 1.0) CHECK(f.per_tier[4] > 0);  // the generator makes some super users
    }
  }
}
