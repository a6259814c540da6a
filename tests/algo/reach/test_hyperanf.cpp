// HyperANF: every user's counter equals the HyperLogLog counter of their
// exact ball (found by BFS), the error matches 1.04 / sqrt(2^b) on random
// graphs, the neighbourhood function sums the balls, and the thread count
// does not matter.
#include "support/tiny_networks.hpp"

#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/base/error.hpp>

#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace refnet;

namespace {

Graph random_graph(std::mt19937_64& rng, VertexId n, std::size_t m, bool negatives) {
  TieContributions c;
  for (std::size_t i = 0; i < m; ++i) {
    c.edges.push_back({static_cast<VertexId>(rng() % n), static_cast<VertexId>(rng() % n)});
    c.strength.push_back(static_cast<float>(1 + rng() % 20));
    c.polarity.push_back(negatives && rng() % 4 == 0 ? -1.0f : 1.0f);
  }
  std::uint64_t loops = 0, merged = 0;
  return build_ties(n, c, Combine::kSum, loops, merged);
}

// The users within h hops of v (v included), by a plain BFS over kept ties.
std::vector<VertexId> ball(const Graph& g, const TieFilter& f, VertexId v, std::uint32_t h) {
  std::vector<std::uint32_t> dist(g.num_vertices(), ~0u);
  std::vector<VertexId> order = {v};
  dist[v] = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const VertexId u = order[i];
    if (dist[u] == h) continue;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
      if (f.keeps_rank(e - g.out_begin(u)) && (!f.positive_only || g.sign(e) > 0) && dist[g.target(e)] == ~0u) {
        dist[g.target(e)] = dist[u] + 1;
        order.push_back(g.target(e));
      }
  }
  return order;
}

HyperAnfParams params(std::uint32_t hops, std::uint32_t b, TieFilter f, std::uint64_t seed = 1) {
  HyperAnfParams p;
  p.hops = hops;
  p.registers_log2 = b;
  p.ties = std::move(f);
  p.seed = seed;
  return p;
}

}  // namespace

// Union of counters = counter of the union: each estimate must be exactly the
// HLL estimate of the user's true ball, for every filter.
TEST_CASE("HyperANF counters are the HLL counters of the exact balls", "[hyperanf]") {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 6; ++round) {
    const VertexId n = 10 + static_cast<VertexId>(rng() % 200);
    const Graph g = random_graph(rng, n, n * (1 + rng() % 4), true);
    for (const TieFilter& f : {all_ties(), dunbar_ties(2), all_ties(true), layer_ties(15, true)}) {
      const auto p = params(4, 4 + static_cast<std::uint32_t>(round % 3) * 2, f, rng());
      const HyperAnfResult r = hyperanf(g, p);
      double n_sum = 0;
      for (VertexId v = 0; v < n; ++v) {
        for (std::uint32_t h = 1; h <= p.hops; ++h) {
          HllCounter c(p.registers_log2, p.seed);
          for (VertexId u : ball(g, f, v, h)) c.add(u);
          INFO("round " << round << " filter " << f.label << " v " << v << " h " << h);
          REQUIRE(r.ball(v, h, n) == static_cast<float>(c.estimate()));
        }
        n_sum += r.ball(v, p.hops, n);
      }
      CHECK(r.neighbourhood.size() == p.hops + 1);
      CHECK(r.neighbourhood.back() == Approx(n_sum).epsilon(1e-6));
    }
  }
}

// a -> b -> c: balls 3, 2, 1 from the second hop on; nothing grows after two
// iterations. Small balls are counted by linear counting: nearly exact.
TEST_CASE("HyperANF stops when no ball grows", "[hyperanf]") {
  const Network net = test::make_network({{"a"}, {"b"}, {"c"}}, {{"a", "b", 1}, {"b", "c", 1}});
  const HyperAnfResult r = hyperanf(net.wom, params(6, 10, all_ties()));
  CHECK(r.converged);
  CHECK(r.iterations == 2);
  CHECK(r.ball(0, 1, 3) == Approx(2).margin(0.01));
  CHECK(r.ball(0, 6, 3) == Approx(3).margin(0.01));
  CHECK(r.ball(2, 6, 3) == Approx(1).margin(0.01));
  CHECK(r.neighbourhood.back() == Approx(6).margin(0.03));
  CHECK(r.relative_standard_error == Approx(1.04 / 32));
  CHECK_THROWS_AS(hyperanf(net.wom, params(6, 3, all_ties())), UsageError);
  CHECK_THROWS_AS(hyperanf(net.wom, params(0, 6, all_ties())), UsageError);
}

// The empirical relative error over users with balls of at least 100 (past
// linear counting), on random graphs and several seeds, is close to the
// stated 1.04 / sqrt(2^b): not above 1.2x, and not suspiciously below it.
TEST_CASE("HyperANF error matches 1.04 / sqrt(2^b)", "[hyperanf]") {
  std::mt19937_64 rng(9);
  const VertexId n = 4000;
  const Graph g = random_graph(rng, n, 4 * n, false);
  ReachParams rp;
  rp.hops = 4;
  rp.ties = all_ties();
  const ReachResult exact = reach(g, rp);
  for (std::uint32_t b : {6u, 8u}) {
    double sq = 0;
    std::size_t count = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const HyperAnfResult r = hyperanf(g, params(4, b, all_ties(), seed));
      for (VertexId v = 0; v < n; ++v)
        for (std::uint32_t h = 1; h <= 4; ++h) {
          const double truth = exact.at(v, h) + 1.0;
          if (truth < 100) continue;
          const double e = (r.ball(v, h, n) - truth) / truth;
          sq += e * e;
          ++count;
        }
    }
    const double rse = std::sqrt(sq / static_cast<double>(count));
    const double bound = 1.04 / std::sqrt(static_cast<double>(1u << b));
    INFO("b " << b << " empirical " << rse << " stated " << bound << " over " << count);
    REQUIRE(count > 10000);
    CHECK(rse < 1.2 * bound);
    CHECK(rse > 0.5 * bound);
  }
}

TEST_CASE("HyperANF gives the same result whatever the thread count", "[hyperanf][determinism]") {
  std::mt19937_64 rng(2);
  const Graph g = random_graph(rng, 50000, 200000, true);
  const auto p = params(5, 6, dunbar_ties(150), 42);
  HyperAnfResult one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = hyperanf(g, p);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = hyperanf(g, p);
  }
  CHECK(one.balls == two.balls);
  CHECK(one.neighbourhood == two.neighbourhood);
  CHECK(hyperanf(g, params(5, 6, dunbar_ties(150), 43)).balls != one.balls);
}
