// k-core decomposition (algo/kcore.hpp) on the undirected view: hand-worked
// graphs, then random graphs against Batagelj-Zaversnik, and the invariant
// that defines a core number.
#include <refnet/algo/kcore.hpp>

#include <support/random_graphs.hpp>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

using namespace refnet;

namespace {
UndirectedGraph undirected(VertexId n, const std::vector<Edge>& edges) {
  return make_undirected(Graph::from_edges(n, edges), false);
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
  const auto r = core_numbers(g);
  CHECK(r.core == std::vector<std::uint32_t>{3, 3, 3, 3, 2, 2, 1, 0});
  CHECK(r.degeneracy == 3);
  CHECK(core_numbers_reference(g) == r.core);
}

// Closed forms: a clique K_n has core n-1 everywhere, a tree core 1, a cycle core 2.
TEST_CASE("kcore closed forms", "[kcore]") {
  std::vector<Edge> clique;
  for (VertexId u = 0; u < 9; ++u)
    for (VertexId v = u + 1; v < 9; ++v) clique.push_back({u, v});
  CHECK(core_numbers(undirected(9, clique)).core == std::vector<std::uint32_t>(9, 8));
  std::vector<Edge> tree;
  for (VertexId v = 1; v < 30; ++v) tree.push_back({(v - 1) / 2, v});
  CHECK(core_numbers(undirected(30, tree)).core == std::vector<std::uint32_t>(30, 1));
  std::vector<Edge> cycle;
  for (VertexId v = 0; v < 12; ++v) cycle.push_back({v, (v + 1) % 12});
  CHECK(core_numbers(undirected(12, cycle)).core == std::vector<std::uint32_t>(12, 2));
}

TEST_CASE("kcore matches Batagelj-Zaversnik on random graphs", "[kcore]") {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    const VertexId n = 100 * static_cast<VertexId>(seed);
    const auto g = make_undirected(test::random_graph(n, n * (1 + seed % 7), seed, false), false);
    const auto r = core_numbers(g);
    const auto expected = core_numbers_reference(g);
    CHECK(r.core == expected);
    // The definition: in the subgraph of vertices with core >= c(v), v has at least c(v) neighbours.
    for (VertexId v = 0; v < n; ++v) {
      std::uint32_t inside = 0;
      for (VertexId u : g.row(v)) inside += r.core[u] >= r.core[v];
      CHECK(inside >= r.core[v]);
    }
  }
}

TEST_CASE("kcore is the same at any thread count", "[kcore]") {
  const auto g = make_undirected(test::random_graph(30000, 300000, 3, false), false);
  const auto expected = core_numbers_reference(g);
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    CHECK(core_numbers(g).core == expected);
  }
}
