// Monte Carlo spread against the exact expectation over every live-edge world.
#include "support/influence_graphs.hpp"

#include <refnet/algo/influence/spread.hpp>
#include <refnet/base/error.hpp>

#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include <cmath>

using namespace refnet;

namespace {
SpreadResult simulate(const InfluenceGraph& g, std::vector<VertexId> seeds, std::uint64_t runs = 20000) {
  SpreadParams p;
  p.runs = runs;
  p.seed = 7;
  return simulate_spread(g, seeds, p);
}
}  // namespace

// a -> b -> c, p = 0.5 each: 1 + 0.5 + 0.25 = 1.75 under IC, and under LT too
// (each node has one in-tie, so its live edge is that tie with probability 0.5).
TEST_CASE("a path of two half-chance ties spreads to 1.75 users", "[spread]") {
  for (auto model : {DiffusionModel::kIndependentCascade, DiffusionModel::kLinearThreshold}) {
    const InfluenceGraph g = test::influence_graph(3, {{0, 1, 0.5f}, {1, 2, 0.5f}}, model);
    CHECK(exact_spread(g, std::vector<VertexId>{0}) == Approx(1.75));
    const SpreadResult r = simulate(g, {0});
    CHECK(r.ci_low <= 1.75);
    CHECK(r.ci_high >= 1.75);
  }
}

//        b
//      /   \        all p = 0.5, IC: d is reached unless both a->b->d and
//    a       d      a->c->d fail, each live with 1/4: 1 - (3/4)^2 = 7/16.
//      \   /        spread = 1 + 1/2 + 1/2 + 7/16 = 2.4375
//        c
TEST_CASE("the diamond spreads to 2.4375 users under IC", "[spread]") {
  const InfluenceGraph g = test::influence_graph(4, {{0, 1, 0.5f}, {0, 2, 0.5f}, {1, 3, 0.5f}, {2, 3, 0.5f}});
  CHECK(exact_spread(g, std::vector<VertexId>{0}) == Approx(2.4375));
  const SpreadResult r = simulate(g, {0});
  CHECK(r.ci_low <= 2.4375);
  CHECK(r.ci_high >= 2.4375);
  CHECK(r.edge_visits > 20000);  // at least a's two ties in every run
  // Under LT, d's weights sum to 1: d takes b's or c's tie, each with 1/2,
  // and is active when that parent is: 1/2 * 1/2 + 1/2 * 1/2 = 1/2.
  const InfluenceGraph lt =
      test::influence_graph(4, {{0, 1, 0.5f}, {0, 2, 0.5f}, {1, 3, 0.5f}, {2, 3, 0.5f}}, DiffusionModel::kLinearThreshold);
  CHECK(exact_spread(lt, std::vector<VertexId>{0}) == Approx(2.5));
}

TEST_CASE("Monte Carlo spread matches the exact expectation on random graphs", "[spread]") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 16; ++trial) {
    const auto model = trial % 2 ? DiffusionModel::kLinearThreshold : DiffusionModel::kIndependentCascade;
    const VertexId n = 7;
    const InfluenceGraph g = test::influence_graph(n, test::random_edges(n, model == DiffusionModel::kLinearThreshold ? 12 : 14, rng), model);
    const std::vector<VertexId> seeds{static_cast<VertexId>(trial % n), static_cast<VertexId>((trial + 3) % n)};
    const double exact = exact_spread(g, seeds);
    const SpreadResult r = simulate(g, seeds);
    INFO("trial " << trial << " exact " << exact << " mc " << r.mean << " +- " << r.stddev);
    // Four standard errors: the 95% interval would miss about one graph in twenty.
    CHECK(std::abs(r.mean - exact) <= 4 * r.stddev / std::sqrt(static_cast<double>(r.runs)) + 1e-9);
  }
}

TEST_CASE("spread is the same at any thread count for the same seed", "[spread]") {
  std::mt19937_64 rng(5);
  const InfluenceGraph g = test::influence_graph(200, test::random_edges(200, 800, rng, {0.05f, 0.2f}));
  SpreadResult one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = simulate(g, {1, 2, 3}, 3000);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = simulate(g, {1, 2, 3}, 3000);
  }
  CHECK(one.mean == two.mean);
  CHECK(one.stddev == two.stddev);
  CHECK(one.edge_visits == two.edge_visits);
}

TEST_CASE("a seed outside the graph and too few runs are usage errors", "[spread]") {
  const InfluenceGraph g = test::influence_graph(2, {{0, 1, 0.5f}});
  CHECK_THROWS_AS(simulate(g, {5}), UsageError);
  CHECK_THROWS_AS(simulate(g, {0}, 1), UsageError);
}
