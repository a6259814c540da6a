// The influence component's estimate: each user's share of RR sets against
// exact spreads, the parallel counter against a serial one, and the stopping
// rule against the precision it promises.
#include "support/influence_graphs.hpp"

#include <refnet/algo/influence/rr_share.hpp>
#include <refnet/algo/influence/spread.hpp>

#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace refnet;

// share(u) estimates spread({u}) / n (Borgs et al. 2014): on small random
// graphs, within 4.5 binomial standard deviations of the exact value
// (exact_spread enumerates every live-edge world).
TEST_CASE("RR shares estimate spread({u}) / n", "[rr][share]") {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 4; ++trial) {
    const auto model = trial % 2 ? DiffusionModel::kLinearThreshold : DiffusionModel::kIndependentCascade;
    const InfluenceGraph g = test::influence_graph(7, test::random_edges(7, 12, rng), model);
    RRShareParams p;
    p.sets = 80000;
    p.seed = 11 + trial;
    const RRShareResult r = rr_share(g, p);
    CHECK(r.sets == 80000);
    for (VertexId u = 0; u < g.n; ++u) {
      const double expected = exact_spread(g, std::vector<VertexId>{u}) / g.n;
      const double sd = std::sqrt(expected * (1 - expected) / static_cast<double>(p.sets));
      INFO("trial " << trial << " node " << u << " expected " << expected);
      CHECK(std::abs(r.share(u) - expected) <= 4.5 * sd + 1e-12);
    }
  }
}

// The parallel counter gives the serial oracle's counts exactly, at 1 and 2
// threads, and a sample grown in rounds equals one drawn at once.
TEST_CASE("RR share counts do not depend on threads or rounds", "[rr][share]") {
  std::mt19937_64 rng(9);
  const InfluenceGraph g = test::influence_graph(200, test::random_edges(200, 900, rng, {0.05f, 0.2f, 0.5f}));
  RRShareParams adaptive;
  adaptive.seed = 3;
  adaptive.target_count = 400;
  adaptive.top_fraction = 0.05;
  RRShareResult one, two;
  {
    const tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = rr_share(g, adaptive);
  }
  {
    const tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = rr_share(g, adaptive);
  }
  CHECK(one.count == two.count);
  CHECK(one.sets == two.sets);
  CHECK(one.count == rr_share_reference(g, 3, one.sets));
  RRShareParams fixed;
  fixed.seed = 3;
  fixed.sets = one.sets;
  CHECK(rr_share(g, fixed).count == one.count);
}

// The adaptive sample stops once the user at the top-5% boundary is in at
// least target_count sets, and not long after: the round before fell short.
TEST_CASE("RR shares sample until the top users are known to the precision asked", "[rr][share]") {
  std::mt19937_64 rng(17);
  const InfluenceGraph g = test::influence_graph(400, test::random_edges(400, 1600, rng, {0.05f, 0.1f, 0.3f}));
  RRShareParams p;
  p.seed = 8;
  p.top_fraction = 0.05;
  p.target_count = 2500;  // relative error 2%
  const RRShareResult r = rr_share(g, p);
  REQUIRE(r.reached_target);
  std::vector<std::uint32_t> sorted(r.count);
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  CHECK(r.boundary_count == sorted[19]);  // ceil(0.05 * 400) = 20th best
  CHECK(r.boundary_count >= 2500);
  CHECK(r.boundary_error() == Approx(1 / std::sqrt(static_cast<double>(r.boundary_count))));
  // Counts grow with the sample: the sample is at most a few times what the
  // target needed (the rule aims at 1.1 x target, and at least doubles).
  CHECK(static_cast<double>(r.boundary_count) < 4.0 * 2500);
  // A cap below the need stops there and says so.
  RRShareParams capped = p;
  capped.max_sets = 5000;
  const RRShareResult c = rr_share(g, capped);
  CHECK(c.sets == 5000);
  CHECK_FALSE(c.reached_target);
}
