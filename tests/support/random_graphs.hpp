// Random directed graphs for the sweeps that compare an algorithm with its
// reference: n vertices, about m distinct edges (no self-loops), seeded.
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <random>
#include <set>
#include <utility>
#include <vector>

namespace refnet::test {

// `cycle` adds 0 -> 1 -> ... -> n-1 -> 0 first, making the graph strongly connected.
inline Graph random_graph(VertexId n, std::size_t m, std::uint64_t seed, bool weighted, bool cycle = false) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<VertexId> pick(0, n - 1);
  std::uniform_real_distribution<float> strength(0.1f, 3.0f);
  std::set<std::pair<VertexId, VertexId>> seen;
  std::vector<Edge> edges;
  const auto add = [&](VertexId u, VertexId v) {
    if (u != v && seen.insert({u, v}).second) edges.push_back({u, v});
  };
  if (cycle)
    for (VertexId v = 0; v < n; ++v) add(v, (v + 1) % n);
  for (std::size_t tries = 0; edges.size() < m && tries < 20 * m; ++tries) add(pick(rng), pick(rng));
  std::vector<float> weights;
  if (weighted)
    for (std::size_t i = 0; i < edges.size(); ++i) weights.push_back(strength(rng));
  return Graph::from_edges(n, edges, std::move(weights));
}

}  // namespace refnet::test
