// k-core decomposition (algo/kcore.hpp) on the undirected view: hand-worked
// graphs, then random graphs against Batagelj-Zaversnik, and the invariant
// that defines a core number.
#include <refnet/algo/centrality/kcore.hpp>

#include <support/random_graphs.hpp>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

namespace {
UndirectedGraph undirected(VertexId n, const std::vector<Edge>& edges) {
  return make_undirected(Graph::from_edges(n, edges), false);
}

// Both peeling paths, whatever the graph's size would pick.
const std::vector<KCoreParams> kBothPaths = {{KCoreMethod::kSerial}, {KCoreMethod::kParallel}};

// A directed multigraph as the WOM network can hold it: self-loops, ties both
// ways and repeated ties, degrees skewed by a few hubs (so that levels are
// skipped), and isolated vertices.
Graph messy_graph(VertexId n, std::size_t m, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<VertexId> pick(0, n - 1);
  std::uniform_int_distribution<VertexId> hub(0, 4);
  std::vector<Edge> edges;
  while (edges.size() < m) {
    const VertexId u = pick(rng) % 5 == 0 ? hub(rng) : pick(rng);
    const VertexId v = pick(rng);
    const auto roll = rng() % 10;
    if (roll == 0) edges.push_back({u, u});          // self-loop
    else if (roll == 1) edges.push_back({v, u});     // the reverse of the tie below
    else if (roll == 2) edges.push_back({u, v});     // a repeated tie
    edges.push_back({u, v});
  }
  return Graph::from_edges(n, edges);
}
}  // namespace

//   0 --- 1          K4 on {0,1,2,3}: core 3.
//   | \ / |          4 hangs off 3 with a triangle 3-4-5: core 2.
//   | / \ |          6 hangs off 5: core 1. 7 is isolated: core 0.
//   2 --- 3 --- 4
//          \   /
//            5 --- 6      7
// Directions do not matter, and 0 -> 1 plus 1 -> 0 is one undirected edge.
TEST_CASE("kcore of a hand-made graph", "[kcore]") {
  const auto g =
      undirected(8, {{0, 1}, {1, 0}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {3, 4}, {4, 5}, {5, 3}, {6, 5}});
  for (const KCoreParams& params : kBothPaths) {
    const auto r = core_numbers(g, params);
    CHECK(r.core == std::vector<std::uint32_t>{3, 3, 3, 3, 2, 2, 1, 0});
    CHECK(r.degeneracy == 3);
  }
  CHECK(core_numbers_reference(g) == core_numbers(g).core);
}

// Closed forms: a clique K_n has core n-1 everywhere, a tree core 1, a cycle core 2.
TEST_CASE("kcore closed forms", "[kcore]") {
  std::vector<Edge> clique;
  for (VertexId u = 0; u < 9; ++u)
    for (VertexId v = u + 1; v < 9; ++v) clique.push_back({u, v});
  std::vector<Edge> tree;
  for (VertexId v = 1; v < 30; ++v) tree.push_back({(v - 1) / 2, v});
  std::vector<Edge> cycle;
  for (VertexId v = 0; v < 12; ++v) cycle.push_back({v, (v + 1) % 12});
  for (const KCoreParams& params : kBothPaths) {
    CHECK(core_numbers(undirected(9, clique), params).core == std::vector<std::uint32_t>(9, 8));
    CHECK(core_numbers(undirected(30, tree), params).core == std::vector<std::uint32_t>(30, 1));
    CHECK(core_numbers(undirected(12, cycle), params).core == std::vector<std::uint32_t>(12, 2));
  }
  CHECK(core_numbers(undirected(0, {})).core.empty());
}

TEST_CASE("kcore matches Batagelj-Zaversnik on random graphs", "[kcore]") {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    const VertexId n = 100 * static_cast<VertexId>(seed);
    const auto g = make_undirected(test::random_graph(n, n * (1 + seed % 7), seed, false), false);
    const auto r = core_numbers(g);
    const auto expected = core_numbers_reference(g);
    CHECK(r.core == expected);
    for (const KCoreParams& params : kBothPaths) {
      const auto forced = core_numbers(g, params);
      CHECK(forced.core == expected);
      CHECK(forced.rounds == r.rounds);  // the serial queue's rounds are the parallel rounds
    }
    // The definition: in the subgraph of vertices with core >= c(v), v has at least c(v) neighbours.
    for (VertexId v = 0; v < n; ++v) {
      std::uint32_t inside = 0;
      for (VertexId u : g.row(v)) inside += r.core[u] >= r.core[v];
      CHECK(inside >= r.core[v]);
    }
  }
}

// Self-loops are dropped and ties both ways or repeated count once, on both paths.
TEST_CASE("kcore of multigraphs with self-loops matches Batagelj-Zaversnik", "[kcore]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const VertexId n = 50 + 150 * static_cast<VertexId>(seed);
    const auto g = make_undirected(messy_graph(n, n * (1 + seed % 9), seed), false);
    const auto expected = core_numbers_reference(g);
    for (const KCoreParams& params : kBothPaths) {
      const auto r = core_numbers(g, params);
      CHECK(r.core == expected);
      CHECK(r.degeneracy == *std::max_element(expected.begin(), expected.end()));
    }
  }
}

TEST_CASE("kcore is the same at any thread count", "[kcore]") {
  const auto g = make_undirected(messy_graph(30000, 300000, 3), false);
  const auto expected = core_numbers_reference(g);
  const auto rounds = core_numbers(g, {KCoreMethod::kSerial}).rounds;
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    for (const KCoreParams& params : {KCoreParams{}, KCoreParams{KCoreMethod::kSerial}, KCoreParams{KCoreMethod::kParallel}}) {
      const auto r = core_numbers(g, params);
      CHECK(r.core == expected);
      CHECK(r.rounds == rounds);
    }
  }
}
