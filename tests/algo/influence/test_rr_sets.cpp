// RR-set sampling: inclusion frequencies against exact spreads, the skip path,
// and independence from the thread count and the split of the index range.
#include "support/influence_graphs.hpp"

#include <refnet/algo/influence/rr_sets.hpp>
#include <refnet/algo/influence/spread.hpp>

#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include <cmath>

using namespace refnet;

namespace {
// P[u in a random RR set] = spread({u}) / n (Borgs et al. 2014, Lemma 1).
void check_inclusion(const InfluenceGraph& g, std::uint64_t sets) {
  RRSets rr;
  sample_rr_sets(g, 3, 0, sets, rr);
  std::vector<double> hits(g.n, 0), reference_hits(g.n, 0);
  for (std::uint64_t i = 0; i < rr.size(); ++i)
    for (VertexId v : rr[i]) ++hits[v];
  for (std::uint64_t i = 0; i < sets; ++i)
    for (VertexId v : sample_rr_set_reference(g, 3, i)) ++reference_hits[v];
  for (VertexId u = 0; u < g.n; ++u) {
    const double expected = exact_spread(g, std::vector<VertexId>{u}) / g.n;
    const double sd = std::sqrt(expected * (1 - expected) / static_cast<double>(sets));
    INFO("node " << u << " expected " << expected);
    CHECK(std::abs(hits[u] / static_cast<double>(sets) - expected) <= 4.5 * sd + 1e-12);
    CHECK(std::abs(reference_hits[u] / static_cast<double>(sets) - expected) <= 4.5 * sd + 1e-12);
  }
}
}  // namespace

TEST_CASE("RR sets include each node with probability spread({u}) / n", "[rr]") {
  std::mt19937_64 rng(21);
  for (int trial = 0; trial < 6; ++trial) {
    const auto model = trial % 2 ? DiffusionModel::kLinearThreshold : DiffusionModel::kIndependentCascade;
    check_inclusion(test::influence_graph(6, test::random_edges(6, 11, rng), model), 60000);
  }
}

// Sixteen leaves -> hub, weighted cascade p = 1/16: the hub's in-edges share
// one probability and number more than kSkipMinDegree, so the sampler takes
// geometric skips. spread({leaf}) = 1 + 1/16, spread({hub}) = 1.
TEST_CASE("geometric skips keep each in-edge with its probability", "[rr]") {
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 16; ++leaf) star.push_back({leaf, 0, 1.0f / 16});
  const InfluenceGraph g = test::influence_graph(17, star);
  REQUIRE(g.in_start[1] - g.in_start[0] >= kSkipMinDegree);
  REQUIRE(g.in_common_p[0] == Approx(1.0 / 16));
  CHECK(exact_spread(g, std::vector<VertexId>{1}) == Approx(1 + 1.0 / 16));
  check_inclusion(g, 200000);
  // And the LT walk's uniform pick on the same star.
  std::vector<test::ProbEdge> lt_star = star;
  check_inclusion(test::influence_graph(17, lt_star, DiffusionModel::kLinearThreshold), 200000);
}

TEST_CASE("RR sets are a pure function of (graph, index, seed)", "[rr]") {
  std::mt19937_64 rng(8);
  const InfluenceGraph g = test::influence_graph(300, test::random_edges(300, 1500, rng, {0.1f, 0.3f}));
  RRSets whole, split, threaded;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    sample_rr_sets(g, 9, 100, 5000, whole);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    sample_rr_sets(g, 9, 100, 1234, split);
    sample_rr_sets(g, 9, 1334, 3766, split);
    sample_rr_sets(g, 9, 100, 5000, threaded);
  }
  CHECK(whole.offsets == split.offsets);
  CHECK(whole.nodes == split.nodes);
  CHECK(whole.nodes == threaded.nodes);
  RRScratch scratch(g.n);
  std::vector<VertexId> one;
  sample_rr_set(g, 9, 100 + 4321, scratch, one);
  CHECK(std::vector<VertexId>(whole[4321].begin(), whole[4321].end()) == one);
}

// Twenty leaves -> hub with p = 0.3 each: an RR set rooted at the hub holds the
// hub and Binomial(20, 0.3) leaves (mean 6, variance 4.2); the skips must not
// bias either.
TEST_CASE("RR sets rooted at a hub keep Binomial(d, p) of its in-edges", "[rr]") {
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 20; ++leaf) star.push_back({leaf, 0, 0.3f});
  const InfluenceGraph g = test::influence_graph(21, star);
  REQUIRE(g.in_common_p[0] > 0);
  RRSets rr;
  sample_rr_sets(g, 5, 0, 400000, rr);
  double count = 0, sum = 0, squares = 0;
  for (std::uint64_t i = 0; i < rr.size(); ++i)
    if (rr[i][0] == 0) {
      const double leaves = static_cast<double>(rr[i].size() - 1);
      ++count, sum += leaves, squares += leaves * leaves;
    }
  REQUIRE(count > 15000);
  const double mean = sum / count, variance = squares / count - mean * mean;
  CHECK(std::abs(mean - 6.0) <= 4.5 * std::sqrt(4.2 / count));
  CHECK(variance == Approx(4.2).epsilon(0.05));
}
