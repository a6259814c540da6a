// The one- and two-hop reach kernel (per-source marking walks, with the
// longest walks handed to MS-BFS): random graphs with self-loops and repeated
// ties against the plain BFS reference for every tie filter, a hub graph that
// takes the MS-BFS share, and the same counts at any thread count.
#include "algo/reach/reach_two_hop.hpp"
#include "support/random_graphs.hpp"

#include <refnet/algo/reach/reach.hpp>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

namespace {

ReachParams params(std::uint32_t hops, TieFilter ties, std::vector<VertexId> sources = {}) {
  ReachParams p;
  p.hops = hops;
  p.ties = std::move(ties);
  p.sources = std::move(sources);
  return p;
}

const std::vector<TieFilter>& every_filter() {
  static const std::vector<TieFilter> filters = {all_ties(),           all_ties(true),
                                                 dunbar_ties(3),       dunbar_ties(150),
                                                 layer_ties(15, true), layer_ties(5, false, kDunbarLayers, true)};
  return filters;
}

// Edges straight into Graph::from_edges: self-loops and repeated ties stay,
// so the walks must not count a user twice nor the source itself; a third of
// the weights negative for the positive filter.
Graph raw_graph(std::mt19937_64& rng, VertexId n, std::size_t m) {
  std::vector<Edge> edges;
  std::vector<float> weights;
  for (std::size_t i = 0; i < m; ++i) {
    const auto src = static_cast<VertexId>(rng() % 4 == 0 ? rng() % 8 : rng() % n);  // a few busy users
    const auto dst = static_cast<VertexId>(rng() % 10 == 0 ? src : rng() % n);
    edges.push_back({src, dst});
    if (rng() % 20 == 0) edges.push_back({src, dst});
    while (weights.size() < edges.size()) weights.push_back((rng() % 3 == 0 ? -1.0f : 1.0f) * (1 + rng() % 50));
  }
  return Graph::from_edges(n, edges, weights);
}

}  // namespace

TEST_CASE("one- and two-hop walks equal plain BFS on random graphs for every tie filter", "[reach]") {
  std::mt19937_64 rng(23);
  for (int round = 0; round < 10; ++round) {
    const VertexId n = 10 + static_cast<VertexId>(rng() % 500);
    const Graph g = raw_graph(rng, n, n * (1 + rng() % 10));
    std::vector<VertexId> some;
    for (int i = 0; i < 60; ++i) some.push_back(static_cast<VertexId>(rng() % n));
    for (std::uint32_t hops : {1u, 2u})
      for (const TieFilter& f : every_filter())
        for (const auto& sources : {std::vector<VertexId>{}, some}) {
          INFO("round " << round << " n " << n << " hops " << hops << " filter " << f.label);
          const auto p = params(hops, f, sources);
          const ReachResult fast = reach(g, p);
          const ReachResult slow = reach_reference(g, p);
          CHECK(fast.users == slow.users);
          CHECK(fast.reach == slow.reach);
        }
  }
}

//   fan0 ─┐                  ┌─> leaf0 ─> ...
//   fan1 ─┼─> hub ─(20,000)──┼─> leaf1 ─> ...
//   ...  ─┘                  └─> ...
//
// 300 fans each walk the hub's 20,000 ties: long walks, adding up to far more
// than 32 times the ties, so the plan sends them to MS-BFS, and the hub too
// (its own walk reads 20,000 + about 10,000 ties); the leaves, with one random
// tie every other leaf, are walked. Both
// halves must agree with the reference, and so must a plan-free run.
TEST_CASE("the longest two-hop walks go to MS-BFS and give the same counts", "[reach]") {
  constexpr VertexId kLeaves = 20000, kFans = 300;
  const VertexId hub = 0, n = 1 + kLeaves + kFans;
  std::mt19937_64 rng(5);
  std::vector<Edge> edges;
  for (VertexId l = 1; l <= kLeaves; ++l) edges.push_back({hub, l});
  for (VertexId l = 1; l <= kLeaves; ++l)
    if (rng() % 2 == 0) edges.push_back({l, static_cast<VertexId>(1 + rng() % (n - 1))});
  for (VertexId f = kLeaves + 1; f < n; ++f) {
    edges.push_back({f, hub});
    for (int k = 0; k < 3; ++k) edges.push_back({f, static_cast<VertexId>(rng() % n)});
  }
  const Graph g = Graph::from_edges(n, edges);
  std::vector<VertexId> everyone(n);
  for (VertexId v = 0; v < n; ++v) everyone[v] = v;
  const detail::KeptRows rows(g, all_ties());
  const detail::TwoHopPlan plan = detail::plan_two_hop(rows, everyone);
  CHECK(plan.shared.size() == kFans + 1);
  CHECK(plan.walked.size() == kLeaves);
  std::vector<VertexId> fans_and_some = {hub, 1, 2};
  for (VertexId f = kLeaves + 1; f < n; f += 7) fans_and_some.push_back(f);
  for (const auto& sources : {std::vector<VertexId>{}, fans_and_some}) {
    const auto p = params(2, all_ties(), sources);
    CHECK(reach(g, p).reach == reach_reference(g, p).reach);
  }
}

TEST_CASE("two-hop reach is the same at 1, 2 and 3 threads", "[reach]") {
  std::mt19937_64 rng(31);
  const Graph g = raw_graph(rng, 3000, 30000);
  const auto counts = [&](int threads, const TieFilter& f) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return reach(g, params(2, f)).reach;
  };
  for (const TieFilter& f : every_filter()) {
    INFO("filter " << f.label);
    const auto one = counts(1, f);
    CHECK(counts(2, f) == one);
    CHECK(counts(3, f) == one);
  }
}
