// The undirected view: random directed graphs with self-loops, repeated ties
// and reciprocal pairs against a map of unordered pairs, weighted and not.
#include <refnet/graph/undirected.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <random>

using namespace refnet;

TEST_CASE("the undirected view equals a map of unordered pairs on random graphs", "[graph][undirected]") {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 20; ++round) {
    const VertexId n = 1 + static_cast<VertexId>(rng() % 300);
    const std::size_t m = rng() % (8 * n);
    std::vector<Edge> edges;
    std::vector<float> weights;
    for (std::size_t i = 0; i < m; ++i) {
      const auto a = static_cast<VertexId>(rng() % n);
      const auto b = static_cast<VertexId>(rng() % 10 == 0 ? a : rng() % n);
      edges.push_back({a, b});
      if (rng() % 4 == 0) edges.push_back({b, a});  // reciprocal
      if (rng() % 8 == 0) edges.push_back({a, b});  // repeated
      while (weights.size() < edges.size()) weights.push_back(static_cast<float>(1 + rng() % 7));
    }
    const Graph g = Graph::from_edges(n, edges, weights);
    std::map<std::pair<VertexId, VertexId>, double> pairs;  // both orientations
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const auto [a, b] = edges[i];
      if (a == b) continue;
      pairs[{a, b}] += weights[i];
      pairs[{b, a}] += weights[i];
    }
    for (bool weighted : {false, true}) {
      INFO("round " << round << " n " << n << " weighted " << weighted);
      const UndirectedGraph u = make_undirected(g, weighted);
      REQUIRE(u.num_vertices() == n);
      REQUIRE(u.neighbors.size() == pairs.size());
      CHECK(u.weights.size() == (weighted ? pairs.size() : 0));
      auto it = pairs.begin();
      for (VertexId v = 0; v < n; ++v)
        for (std::uint64_t pos = u.offsets[v]; pos < u.offsets[v + 1]; ++pos, ++it) {
          CHECK(it->first == std::make_pair(v, u.neighbors[pos]));  // rows sorted by id
          CHECK(u.weight(pos) == Approx(weighted ? it->second : 1.0));
        }
    }
  }
}
