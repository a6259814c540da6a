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

// Sixteen leaves -> hub, weighted cascade p = 1/16: the hub's row is longer
// than kHalvingMinRun, so the sampler finds its live edges by halving.
// spread({leaf}) = 1 + 1/16, spread({hub}) = 1.
TEST_CASE("subset sampling by halving keeps each in-edge with its probability", "[rr]") {
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 16; ++leaf) star.push_back({leaf, 0, 1.0f / 16});
  const InfluenceGraph g = test::influence_graph(17, star);
  REQUIRE(g.in_start[1] - g.in_start[0] >= kHalvingMinRun);
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

namespace {
// The leaves (1..d) found live in the sets rooted at the hub 0 of a star whose
// leaves have no in-edges: each such set is the hub and its live in-edges.
std::vector<std::vector<VertexId>> hub_sets(const InfluenceGraph& g, std::uint64_t sets) {
  RRSets rr;
  sample_rr_sets(g, 17, 0, sets, rr);
  std::vector<std::vector<VertexId>> out;
  for (std::uint64_t i = 0; i < rr.size(); ++i)
    if (rr[i][0] == 0) out.emplace_back(rr[i].begin() + 1, rr[i].end());
  return out;
}
}  // namespace

// Hub 0 with five in-edges p = 1, 0.5, 0.2, 0.9, 0.05 (from leaves 1..5): every
// one of the 32 subsets of live leaves has the chance prod p (live) x
// prod (1 - p) (dead), by independence; the 16 without leaf 1 have chance 0.
// E.g. {1, 4} (mask 0b01001): 1 x 0.5 x 0.8 x 0.9 x 0.95 = 0.342.
TEST_CASE("subset sampling draws each set of live in-edges with its exact chance", "[rr]") {
  const std::vector<float> p = {1.0f, 0.5f, 0.2f, 0.9f, 0.05f};
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 5; ++leaf) star.push_back({leaf, 0, p[leaf - 1]});
  const InfluenceGraph g = test::influence_graph(6, star);
  REQUIRE(g.in_ic[g.in_start[0]].none == InfluenceGraph::kSure);  // leaf 1's p = 1 edge first
  REQUIRE(g.in_ic[g.in_start[0] + 1].none < 1);
  const auto sets = hub_sets(g, 600000);
  REQUIRE(sets.size() > 90000);
  std::vector<double> count(32, 0);
  for (const auto& leaves : sets) {
    unsigned mask = 0;
    for (VertexId leaf : leaves) mask |= 1u << (leaf - 1);
    ++count[mask];
  }
  const double total = static_cast<double>(sets.size());
  for (unsigned mask = 0; mask < 32; ++mask) {
    double exact = 1;
    for (unsigned i = 0; i < 5; ++i) exact *= (mask >> i & 1u) ? static_cast<double>(p[i]) : 1.0 - p[i];
    INFO("subset " << mask << " exact " << exact);
    CHECK(std::abs(count[mask] / total - exact) <= 4.5 * std::sqrt(exact * (1 - exact) / total) + 1e-12);
  }
  CHECK(count[0b01001] / total == Approx(0.342).margin(0.006));
}

// Forty leaves -> hub, leaf i with p = i / 41 (all different, so no common p):
// each leaf is live with its own p, and the number of live leaves is
// Poisson-binomial: mean sum p = 820 / 41 = 20, variance sum p (1 - p) =
// 20 - (1^2 + ... + 40^2) / 41^2 = 20 - 22140 / 1681 = 6.829.
TEST_CASE("subset sampling of a long row with distinct probabilities", "[rr]") {
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 40; ++leaf) star.push_back({leaf, 0, static_cast<float>(leaf) / 41});
  const InfluenceGraph g = test::influence_graph(41, star);
  REQUIRE(g.in_common_p[0] < 0);
  const auto sets = hub_sets(g, 1200000);
  REQUIRE(sets.size() > 25000);
  std::vector<double> hits(41, 0);
  double sum = 0, squares = 0, mean_p = 0, var_p = 0;
  for (const auto& leaves : sets) {
    for (VertexId leaf : leaves) ++hits[leaf];
    sum += static_cast<double>(leaves.size()), squares += static_cast<double>(leaves.size() * leaves.size());
  }
  const double total = static_cast<double>(sets.size());
  for (VertexId leaf = 1; leaf <= 40; ++leaf) {
    const double p = static_cast<double>(static_cast<float>(leaf) / 41);
    mean_p += p, var_p += p * (1 - p);
    INFO("leaf " << leaf);
    CHECK(std::abs(hits[leaf] / total - p) <= 4.5 * std::sqrt(p * (1 - p) / total));
  }
  CHECK(var_p == Approx(20 - 22140.0 / 1681).epsilon(1e-5));
  const double mean = sum / total, variance = squares / total - mean * mean;
  CHECK(std::abs(mean - mean_p) <= 4.5 * std::sqrt(var_p / total));
  CHECK(variance == Approx(var_p).epsilon(0.05));
}

// 700 leaves -> hub with p = 0.9: the chance that none is live, 0.1^700, is
// below what the row's products can hold, so this row takes one draw per
// edge; the live leaves are Binomial(700, 0.9): mean 630, variance 63.
TEST_CASE("rows whose products underflow are sampled edge by edge", "[rr]") {
  std::vector<test::ProbEdge> star;
  for (VertexId leaf = 1; leaf <= 700; ++leaf) star.push_back({leaf, 0, 0.9f});
  const InfluenceGraph g = test::influence_graph(701, star);
  REQUIRE(g.in_ic[g.in_start[1] - 1].none < 1e-280);
  const auto sets = hub_sets(g, 3000000);
  REQUIRE(sets.size() > 3500);
  double sum = 0, squares = 0;
  for (const auto& leaves : sets)
    sum += static_cast<double>(leaves.size()), squares += static_cast<double>(leaves.size() * leaves.size());
  const double total = static_cast<double>(sets.size()), p = static_cast<double>(0.9f);
  const double mean = sum / total, variance = squares / total - mean * mean;
  CHECK(std::abs(mean - 700 * p) <= 4.5 * std::sqrt(700 * p * (1 - p) / total));
  CHECK(variance == Approx(700 * p * (1 - p)).epsilon(0.1));
}

// The RR-set size distribution of the sampler against the reference sampler
// (one draw per edge), on random graphs with probabilities 0.2, 0.5, 0.9 and 1:
// the share of sets of each size agrees within 4.5 standard deviations of the
// difference of two independent frequencies.
TEST_CASE("RR-set sizes follow the reference sampler's distribution", "[rr]") {
  std::mt19937_64 rng(77);
  for (int trial = 0; trial < 3; ++trial) {
    const InfluenceGraph g = test::influence_graph(40, test::random_edges(40, 70, rng, {0.05f, 0.2f, 0.5f, 0.9f, 1.0f}));
    constexpr std::uint64_t kSets = 100000;
    RRSets rr;
    sample_rr_sets(g, 5, 0, kSets, rr);
    std::vector<double> fast(41, 0), reference(41, 0);
    for (std::uint64_t i = 0; i < kSets; ++i) {
      ++fast[rr[i].size()];
      ++reference[sample_rr_set_reference(g, 5, i).size()];
    }
    for (std::size_t size = 1; size <= 40; ++size) {
      const double a = fast[size] / kSets, b = reference[size] / kSets, pooled = (a + b) / 2;
      INFO("trial " << trial << " size " << size);
      CHECK(std::abs(a - b) <= 4.5 * std::sqrt(2 * pooled * (1 - pooled) / kSets) + 1e-12);
    }
  }
}
