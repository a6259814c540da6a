// Cascades: closed forms, the linear-time structural virality against an
// all-pairs BFS on random trees, a hand-worked cascade file, referral and
// share forests, and Memetracker and Higgs from ../shared/datasets.
#include "support/run.hpp"

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/io/event_parser.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace refnet;

namespace {
constexpr std::uint32_t kRoot = kNoVertex;

CascadeForest forest_of(std::vector<std::uint32_t> parent, std::vector<double> time = {}) {
  CascadeForest f;
  const std::size_t n = parent.size();
  f.parent = std::move(parent);
  f.time = time.empty() ? std::vector<double>(n, 0.0) : std::move(time);
  f.link_time.assign(n, std::numeric_limits<double>::quiet_NaN());
  f.user.resize(n);
  return f;
}

std::vector<std::uint32_t> star(std::uint32_t n) {
  std::vector<std::uint32_t> p(n, 0);
  p[0] = kRoot;
  return p;
}
std::vector<std::uint32_t> path(std::uint32_t n) {
  std::vector<std::uint32_t> p(n);
  p[0] = kRoot;
  for (std::uint32_t i = 1; i < n; ++i) p[i] = i - 1;
  return p;
}
}  // namespace

TEST_CASE("structural virality: closed forms for stars and paths", "[cascade]") {
  // A star of n nodes: n-1 pairs at distance 1 (centre-leaf) and the rest at 2,
  // mean 2(n-1)/n. A path of n nodes: mean distance (n+1)/3.
  for (std::uint32_t n : {2u, 3u, 10u, 101u}) {
    CHECK(structural_virality(star(n)) == Approx(2.0 * (n - 1) / n));
    CHECK(structural_virality(path(n)) == Approx((n + 1) / 3.0));
  }
  CHECK(structural_virality(star(1)) == 0.0);
}

// A complete binary tree: 0 -> {1, 2}, 1 -> {3, 4}, 2 -> {5, 6}.
// Depth 2, generations 1 2 4, breadth 4, reproduction 2 and 2.
TEST_CASE("a complete binary tree's depth, breadth and generations", "[cascade]") {
  const auto r = analyze_cascades(forest_of({kRoot, 0, 0, 1, 1, 2, 2}), {});
  REQUIRE(r.cascades.size() == 1);
  const CascadeRecord& c = r.cascades[0];
  CHECK(c.size == 7);
  CHECK(c.depth == 2);
  CHECK(c.max_breadth == 4);
  CHECK(c.generations == std::vector<std::uint64_t>{1, 2, 4});
  CHECK(c.reproduction == std::vector<double>{2.0, 2.0});
  // Pairwise distances: sum over edges of s(n-s) = 2*(3*4) + 4*(1*6) = 48, mean 48/21.
  CHECK(c.virality == Approx(48.0 / 21.0));
}

TEST_CASE("linear-time virality equals the all-pairs BFS oracle on random trees", "[cascade]") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 60; ++round) {
    const std::uint32_t n = 1 + static_cast<std::uint32_t>(rng() % 120);
    // Random recursive tree with shuffled labels, so parents may come after children.
    std::vector<std::uint32_t> label(n);
    std::iota(label.begin(), label.end(), 0u);
    std::shuffle(label.begin(), label.end(), rng);
    std::vector<std::uint32_t> parent(n, kRoot);
    for (std::uint32_t i = 1; i < n; ++i) parent[label[i]] = label[rng() % i];
    CHECK(structural_virality(parent) == Approx(structural_virality_bfs(parent)).epsilon(1e-12));
  }
}

TEST_CASE("forest summary: sizes, CCDF, K-factor and growth", "[cascade]") {
  // Two trees: {0,1,2} (0 at day 0, children at days 1 and 3) and {3} alone.
  const double day = 86400;
  auto f = forest_of({kRoot, 0, 0, kRoot}, {0, 1 * day, 3 * day, 3 * day});
  CascadeParams p;
  p.invitations = 4;  // four referrals were sent, two converted
  const auto r = analyze_cascades(f, p);
  CHECK(r.summary.cascades == 2);
  CHECK(r.summary.nontrivial == 1);
  CHECK(r.summary.largest == 3);
  CHECK(r.summary.invitations_per_user == Approx(1.0));
  CHECK(r.summary.conversion == Approx(0.5));
  CHECK(r.summary.k_factor == Approx(0.5));
  CHECK(r.summary.size_ccdf == std::vector<std::pair<std::uint64_t, double>>{{1, 1.0}, {3, 0.5}});
  REQUIRE(r.growth.size() == 3);  // days 0, 1 and 3
  CHECK(r.growth.back().cumulative == 4);
  CHECK(r.growth.back().new_members == 2);
  CHECK(r.cascades[0].median_time_to_first_referral == Approx(1 * day));
  p.min_size = 2;
  CHECK(analyze_cascades(f, p).cascades.size() == 1);
}

// Cascade file line "a 1,b 2,c 3,d 4" with the social graph a-c, b-d, c-d:
//   b: no earlier neighbour            -> the root a
//   c: earlier neighbours {a}          -> a
//   d: earlier neighbours {b, c}       -> the latest, c
TEST_CASE("the latest-neighbour rule infers parents in a cascade file", "[cascade]") {
  test::TempDir dir;
  const auto cascades = load_input({dir.write("c.txt", "a 1,b 2,c 3,d 4\n")}, {});
  const auto social_net = load_input({dir.write("s.txt", "a c\nd b\nc d\n")}, {});
  const Graph social = graph_over_users(social_net.network, cascades.network.log.users);
  const auto f = forest_from_cascade_lists(cascades.network.cascades, social, ParentRule::kLatestNeighbour);
  REQUIRE(f.size() == 4);
  CHECK(f.parent == std::vector<std::uint32_t>{kRoot, 0, 0, 2});
  CHECK(forest_from_cascade_lists(cascades.network.cascades, social, ParentRule::kRoot).parent ==
        std::vector<std::uint32_t>{kRoot, 0, 0, 0});
  CHECK(forest_from_cascade_lists(cascades.network.cascades, social, ParentRule::kPrevious).parent ==
        std::vector<std::uint32_t>{kRoot, 0, 1, 2});
}

TEST_CASE("referral and share forests from an event log", "[cascade]") {
  ParseReport report;
  auto log = parse_event_csv(
      "type,src,dst,ts\n"
      "signup,ann,,1\nreferral,ann,bob,2\nsignup,bob,,3\nreferral,bob,cat,4\nsignup,cat,,5\n"
      "share,x,y,1\nshare,z,y,2\nshare,y,w,3\n",
      "t.csv", false, report);
  const Network net = build_network(std::move(log), {});
  const auto referrals = forest_from_referrals(net);
  const auto r = analyze_cascades(referrals, {});
  CHECK(r.cascades[0].size == 3);
  CHECK(r.cascades[0].depth == 2);
  CHECK(net.log.users.name(referrals.user[r.cascades[0].root]) == "ann");
  // Shares: y first hears from x (z's later share does not count); w from y.
  // z spoke too, so z is a cascade of one.
  const auto shares = forest_from_shares(net);
  const auto s = analyze_cascades(shares, {});
  REQUIRE(s.cascades.size() == 2);
  CHECK(s.cascades[0].size == 3);
  CHECK(s.cascades[1].size == 1);
  CHECK(net.log.users.name(shares.user[s.cascades[0].root]) == "x");
}

TEST_CASE("Memetracker: 12,663 cascades, every adopter placed", "[cascade][datasets]") {
  const std::string cascades = test::shared_dataset("memetracker/cascades.txt");
  const std::string edges = test::shared_dataset("memetracker/edges.txt");
  if (cascades.empty() || edges.empty()) {
    WARN("skipped: ../shared/datasets is absent on this machine");
    return;
  }
  const auto in = load_input({cascades}, {});
  const Graph social = graph_over_users(load_input({edges}, {}).network, in.network.log.users);
  const auto f = forest_from_cascade_lists(in.network.cascades, social, ParentRule::kLatestNeighbour);
  std::size_t adopters = 0;
  for (const auto& c : in.network.cascades) adopters += c.users.size();
  const auto r = analyze_cascades(f, {});
  CHECK(r.summary.cascades == 12663);
  CHECK(r.summary.nodes == adopters);
  std::size_t biggest = 0;
  for (const auto& c : in.network.cascades) biggest = std::max(biggest, c.users.size());
  CHECK(r.summary.largest == biggest);
}

TEST_CASE("Higgs retweets rebuild cascades", "[cascade][datasets]") {
  const std::string path = test::shared_dataset("higgs-twitter/higgs-activity_time.txt.gz");
  if (path.empty()) {
    WARN("skipped: ../shared/datasets is absent on this machine");
    return;
  }
  const auto in = load_input({path}, {});
  REQUIRE(resolve_source(in.network, CascadeSource::kAuto) == CascadeSource::kShares);
  const auto r = analyze_cascades(forest_from_shares(in.network), {});
  // Independently: a user hangs below someone exactly when their first
  // retweet comes before anyone retweets them.
  const std::size_t n = in.network.num_users();
  std::vector<std::size_t> first_retweeting(n, SIZE_MAX), first_retweeted(n, SIZE_MAX);
  const auto& ev = in.network.log.events;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    if (ev[i].type != EventType::kShare || ev[i].src == ev[i].dst) continue;
    first_retweeting[ev[i].dst] = std::min(first_retweeting[ev[i].dst], i);
    first_retweeted[ev[i].src] = std::min(first_retweeted[ev[i].src], i);
  }
  std::size_t children = 0, members = 0;
  for (std::size_t u = 0; u < n; ++u) {
    children += first_retweeting[u] < first_retweeted[u];
    members += first_retweeting[u] != SIZE_MAX || first_retweeted[u] != SIZE_MAX;
  }
  CHECK(r.summary.nodes == members);
  CHECK(r.summary.nodes - r.summary.cascades == children);
  CHECK(children <= 228556);  // distinct users who retweeted someone else
  CHECK(r.summary.largest > 5000);
}

TEST_CASE("the size distribution's tail is fitted by maximum likelihood", "[cascade]") {
  // Stars whose sizes follow P(size >= s) ~ s^-1.5 (alpha = 2.5): size s repeated
  // round(20000 * (s^-1.5 - (s+1)^-1.5)) times.
  std::vector<std::uint32_t> parent;
  std::vector<std::uint64_t> sizes;
  for (std::uint64_t s = 1; s <= 200; ++s) {
    const auto count = static_cast<std::uint64_t>(std::llround(20000 * (std::pow(s, -1.5) - std::pow(s + 1, -1.5))));
    for (std::uint64_t k = 0; k < count; ++k) {
      const auto root = static_cast<std::uint32_t>(parent.size());
      parent.push_back(kRoot);
      for (std::uint64_t leaf = 1; leaf < s; ++leaf) parent.push_back(root);
      sizes.push_back(s);
    }
  }
  const auto r = analyze_cascades(forest_of(parent), {});
  const PowerLawFit direct = fit_power_law(sizes);
  REQUIRE(r.summary.size_tail.valid);
  CHECK(r.summary.size_tail.alpha == direct.alpha);
  CHECK(r.summary.size_tail.x_min == direct.x_min);
  CHECK(r.summary.size_tail.alpha == Approx(2.5).margin(0.1));
  CHECK(r.summary.size_ccdf.front() == std::pair<std::uint64_t, double>{1, 1.0});
}
