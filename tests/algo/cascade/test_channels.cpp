// Breakdowns by channel, against hand-worked logs and against the totals they
// split: referrals, acquisitions and K-factor parts by referral channel; the
// trust-tier funnel by the channel users joined with.
#include "support/run.hpp"

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/cascade/channels.hpp>
#include <refnet/algo/tiers/channels.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

using namespace refnet;

namespace {
// ann refers bob by email twice (first touch: the earlier one) and cat by
// chat; cat was also referred by email first but joined before that one;
// dan is referred by chat and never joins. bob buys.
//   email: 3 referrals (bob, bob, cat after joining: a re-referral), 1 acquisition (bob), bob bought
//   chat:  2 referrals (cat, dan), 1 acquisition (cat), not converted
//   adopters: ann, bob, cat (3 joined) -> K parts 1/3 each, total K = 2/3
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "signup,ann,,2024-01-01,,,,web\n"
    "referral,ann,bob,2024-01-02,,,,email\n"
    "referral,ann,bob,2024-01-03,,,,email\n"
    "referral,ann,cat,2024-01-04,,,,chat\n"
    "signup,bob,,2024-01-05,,,,app\n"
    "signup,cat,,2024-01-05,,,,app\n"
    "referral,ann,cat,2024-01-06,,,,email\n"
    "referral,ann,dan,2024-01-07,,,,chat\n"
    "purchase,bob,,2024-01-08,p,3,,store\n";
}  // namespace

TEST_CASE("referrals by channel, worked out by hand", "[cascade][channels]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const CascadeForest forest = build_cascade_forest(in.network, CascadeSource::kReferrals, Graph{}, ParentRule::kRoot);
  const CascadeResult r = analyze_cascades(forest, {});
  REQUIRE(r.summary.nodes == 3);
  const auto by = referrals_by_channel(in.network, r.summary.nodes);
  REQUIRE(by.size() == 2);
  CHECK(by[0].channel == "email");
  CHECK(by[0].referrals == 3);
  CHECK(by[0].acquisitions == 1);
  CHECK(by[0].converted == 1);
  CHECK(by[0].conversion == Approx(1.0 / 3));
  CHECK(by[1].channel == "chat");
  CHECK(by[1].referrals == 2);
  CHECK(by[1].acquisitions == 1);
  CHECK(by[1].converted == 0);
  CHECK(by[0].k_factor + by[1].k_factor == Approx(r.summary.k_factor));
  // Last touch gives bob's second email referral: still email.
  LoadOptions last;
  last.network.attribution = Attribution::kLastTouch;
  const auto in_last = load_input({dir.file("log.csv")}, last);
  CHECK(referrals_by_channel(in_last.network, 3)[0].acquisitions == 1);
}

// Joined via: ann web, bob and cat app (dan never joined). At the end bob is
// micro (one purchase), the rest none.
TEST_CASE("the tier funnel by joining channel, worked out by hand", "[tiers][channels]") {
  test::TempDir dir;
  const auto in = load_input({dir.write("log.csv", kLog)}, {});
  const auto f = funnels_by_channel(in.network, tiers(in.network, {}));
  REQUIRE(f.size() == 2);
  CHECK(f[0].channel == "app");
  CHECK(f[0].users == 2);
  CHECK(f[0].per_tier[0] == 1);
  CHECK(f[0].per_tier[1] == 1);
  CHECK(f[0].conversion[0] == Approx(0.5));
  CHECK(f[1].channel == "web");
  CHECK(f[1].users == 1);
}

// On the demo log the parts add up to the wholes.
TEST_CASE("channel breakdowns add up to the totals on the demo log", "[cascade][tiers][channels]") {
  const auto in = load_input({std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz"}, {});
  const Network& net = in.network;
  const CascadeForest forest = build_cascade_forest(net, CascadeSource::kReferrals, Graph{}, ParentRule::kRoot);
  CascadeParams cp;
  cp.invitations = net.referral.referrals;
  const CascadeResult r = analyze_cascades(forest, cp);
  double k = 0;
  std::uint64_t referrals = 0, acquisitions = 0;
  for (const auto& c : referrals_by_channel(net, r.summary.nodes)) {
    k += c.k_factor;
    referrals += c.referrals;
    acquisitions += c.acquisitions;
  }
  CHECK(k == Approx(r.summary.k_factor));
  CHECK(referrals == net.referral.referrals);
  CHECK(acquisitions == net.referral.acquisitions);
  const TierResult t = tiers(net, {});
  std::uint64_t users = 0;
  std::array<std::uint64_t, kNumTiers> per_tier{};
  for (const auto& c : funnels_by_channel(net, t)) {
    users += c.users;
    for (int i = 0; i < kNumTiers; ++i) per_tier[i] += c.per_tier[i];
  }
  std::uint64_t known = 0;
  for (auto c : t.funnel.per_tier) known += c;
  CHECK(users == known - t.funnel.never_joined);
}
