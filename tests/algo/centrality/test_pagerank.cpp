// PageRank (algo/pagerank.hpp): hand-worked graphs with their closed forms,
// then random graphs against the serial push-based reference and against
// Boost.Graph's page_rank (converted for its (1-d) convention), and the same
// scores at any thread count.
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/base/error.hpp>

#include <support/random_graphs.hpp>

#include <tbb/global_control.h>
#include <boost/graph/page_rank.hpp>
#include <boost/property_map/property_map.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace refnet;
using Catch::Matchers::WithinAbs;

namespace {
PageRankParams converged() {
  PageRankParams p;
  p.iterations = 1000;
  p.tolerance = 1e-9;
  return p;
}
}  // namespace

// a -> b, and b has no out-edge (dangling). d = 0.85, n = 2.
// One iteration from (1/2, 1/2), with D = PR(b) = 1/2 spread over both:
//   PR(a) = 0.15/2 + 0.85 (0 + 0.25)   = 0.2875
//   PR(b) = 0.15/2 + 0.85 (0.5 + 0.25) = 0.7125
// Fixed point: PR(a) = 0.075 + 0.425 PR(b), PR(a) + PR(b) = 1, so
// PR(a) = 0.5 / 1.425 = 0.350877..., PR(b) = 0.649122...
TEST_CASE("pagerank spreads dangling mass uniformly", "[pagerank]") {
  const Graph g = Graph::from_edges(2, {{0, 1}});
  PageRankParams one;
  one.iterations = 1;
  const auto r1 = pagerank(g, one);
  CHECK_THAT(r1.score[0], WithinAbs(0.2875, 1e-6));
  CHECK_THAT(r1.score[1], WithinAbs(0.7125, 1e-6));
  CHECK(r1.dangling == 1);
  CHECK(r1.iterations == 1);
  const auto r = pagerank(g, converged());
  CHECK_THAT(r.score[0], WithinAbs(0.5 / 1.425, 1e-6));
  CHECK_THAT(r.score[1], WithinAbs(1 - 0.5 / 1.425, 1e-6));
  CHECK(r.iterations < 1000);
}

//   a --3--> b       b -> a and c -> a (weight 1); a's out-weight W(a) = 4.
//   a --1--> c
// PR(b) = 0.05 + 0.85 (3/4) PR(a), PR(c) = 0.05 + 0.85 (1/4) PR(a),
// PR(a) = 0.05 + 0.85 (PR(b) + PR(c)) = 0.05 + 0.85 (1 - PR(a)) = 0.9 / 1.85.
TEST_CASE("pagerank weights each tie by its share of the speaker's strength", "[pagerank]") {
  const Graph g = Graph::from_edges(3, {{0, 1}, {0, 2}, {1, 0}, {2, 0}}, {3, 1, 1, 1});
  const auto r = pagerank(g, converged());
  const double a = 0.9 / 1.85;
  CHECK_THAT(r.score[0], WithinAbs(a, 1e-6));
  CHECK_THAT(r.score[1], WithinAbs(0.05 + 0.85 * 0.75 * a, 1e-6));
  CHECK_THAT(r.score[2], WithinAbs(0.05 + 0.85 * 0.25 * a, 1e-6));
  // Unweighted, b and c are symmetric: (1 - a) / 2 each.
  PageRankParams p = converged();
  p.weighted = false;
  const auto u = pagerank(g, p);
  CHECK_THAT(u.score[1], WithinAbs((1 - a) / 2, 1e-6));
  CHECK_THAT(u.score[2], WithinAbs((1 - a) / 2, 1e-6));
}

// On a directed cycle every vertex has the same score, 1/n, at every
// iteration: the first iteration changes nothing, so the default tolerance
// stops there; without a tolerance all iterations run.
TEST_CASE("pagerank on a cycle is uniform", "[pagerank]") {
  std::vector<Edge> edges;
  for (VertexId v = 0; v < 7; ++v) edges.push_back({v, (v + 1) % 7});
  const Graph g = Graph::from_edges(7, edges);
  const auto r = pagerank(g, {});
  for (double s : r.score) CHECK_THAT(s, WithinAbs(1.0 / 7, 1e-6));
  CHECK(r.iterations == 1);
  CHECK(r.converged);
  CHECK_THAT(r.residual, WithinAbs(0, 1e-7));  // float contributions: 1/7 rounded
  PageRankParams all;
  all.iterations = 20;
  all.tolerance = 0;
  const auto fixed = pagerank(g, all);
  CHECK(fixed.iterations == 20);
  CHECK_FALSE(fixed.converged);
}

// The defaults converge (the L1 change falls below 1e-6 within 100
// iterations) on random graphs; a tolerance below what float contributions
// can resolve switches to double and is reached too, landing within the
// tolerance of the serial reference run far past convergence.
TEST_CASE("pagerank's defaults and fine tolerances are reachable", "[pagerank]") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Graph g = test::random_graph(3000, 30000, seed, seed % 2 == 0);
    const auto r = pagerank(g, {});
    CHECK(r.converged);
    CHECK(r.residual < 1e-6);
    CHECK_FALSE(r.double_precision);
    PageRankParams fine;
    fine.iterations = 1000;
    fine.tolerance = 1e-12;
    const auto f = pagerank(g, fine);
    CHECK(f.double_precision);
    CHECK(f.converged);
    PageRankParams exact;
    exact.iterations = 400;
    exact.tolerance = 0;
    const auto slow = pagerank_reference(g, exact);
    double l1 = 0;
    for (VertexId v = 0; v < g.num_vertices(); ++v) l1 += std::fabs(f.score[v] - slow[v]);
    CHECK(l1 < 1e-10);
  }
}

TEST_CASE("pagerank matches the serial reference on random graphs", "[pagerank]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const bool weighted = seed % 2 == 0;
    const Graph g = test::random_graph(50 + 37 * seed, 300 * seed, seed, weighted);
    PageRankParams p;
    p.iterations = 5 + seed;
    p.tolerance = 0;
    p.weighted = seed % 4 != 0;
    const auto fast = pagerank(g, p);
    const auto slow = pagerank_reference(g, p);
    CHECK(fast.iterations == p.iterations);
    CHECK_THAT(std::accumulate(fast.score.begin(), fast.score.end(), 0.0), WithinAbs(1, 1e-6));
    for (VertexId v = 0; v < g.num_vertices(); ++v)
      CHECK_THAT(fast.score[v], WithinAbs(slow[v], 1e-6 * slow[v] + 1e-12));
  }
}

// Boost's page_rank iterates r' = (1-d) + d P r without dangling vertices; its
// fixed point is n times ours, so on strongly connected graphs
// (a Hamiltonian cycle plus random edges) converged scores agree after dividing by n.
TEST_CASE("pagerank agrees with Boost.Graph page_rank on strongly connected graphs", "[pagerank]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const VertexId n = 20 + 30 * static_cast<VertexId>(seed);
    const Graph g = test::random_graph(n, 4 * n, seed, false, true);
    std::vector<double> boost_rank(n);
    auto rank_map = boost::make_iterator_property_map(boost_rank.begin(), get(boost::vertex_index, g.boost_graph()));
    boost::graph::page_rank(g.boost_graph(), rank_map, boost::graph::n_iterations(300), 0.85);
    const auto ours = pagerank(g, converged());
    CHECK(ours.dangling == 0);
    for (VertexId v = 0; v < n; ++v) CHECK_THAT(ours.score[v], WithinAbs(boost_rank[v] / n, 1e-6 * boost_rank[v] / n));
  }
}

TEST_CASE("pagerank gives the same scores at any thread count", "[pagerank]") {
  const Graph g = test::random_graph(20000, 200000, 7, true);
  std::vector<double> first;
  for (int threads : {1, 2, 3, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto r = pagerank(g, {});
    if (first.empty())
      first = r.score;
    else
      CHECK(r.score == first);
  }
}

TEST_CASE("pagerank parameters are checked", "[pagerank]") {
  PageRankParams p;
  p.damping = 1;
  CHECK_THROWS_AS(p.validate(), UsageError);
  p = {};
  p.iterations = 0;
  CHECK_THROWS_AS(p.validate(), UsageError);
  CHECK(pagerank(Graph::from_edges(0, {}), {}).score.empty());
}
