// Small influence graphs for the diffusion tests: built straight from an edge
// list with the probabilities given (as an IMM .inf file would give them).
#pragma once

#include <refnet/algo/influence/influence_graph.hpp>

#include <random>
#include <vector>

namespace refnet::test {

struct ProbEdge {
  VertexId u, v;
  float p;
};

inline InfluenceGraph influence_graph(VertexId n, const std::vector<ProbEdge>& edges,
                                      DiffusionModel model = DiffusionModel::kIndependentCascade) {
  std::vector<Edge> list;
  std::vector<float> p;
  for (const auto& e : edges) list.push_back({e.u, e.v}), p.push_back(e.p);
  InfluenceModelParams params;
  params.probability = ProbabilityModel::kInput;
  params.model = model;
  return make_influence_graph(Graph::from_edges(n, list, p), "probability", params);
}

// A random simple directed graph with `m` edges (no self loops) and
// probabilities drawn from `levels`.
inline std::vector<ProbEdge> random_edges(VertexId n, unsigned m, std::mt19937_64& rng,
                                          const std::vector<float>& levels = {0.2f, 0.5f, 0.9f, 1.0f}) {
  std::vector<ProbEdge> edges;
  std::vector<char> used(std::size_t{n} * n, 0);
  while (edges.size() < m) {
    const VertexId u = rng() % n, v = rng() % n;
    if (u == v || used[std::size_t{u} * n + v]) continue;
    used[std::size_t{u} * n + v] = 1;
    edges.push_back({u, v, levels[rng() % levels.size()]});
  }
  return edges;
}

}  // namespace refnet::test
