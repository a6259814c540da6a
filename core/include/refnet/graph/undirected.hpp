// The undirected view of a directed graph, for the measures that are defined on
// undirected graphs (k-core, Louvain): u and v are neighbours when u -> v or
// v -> u is an edge; self-loops are dropped and parallel edges collapse into one.
// The weight of {u, v} is w(u, v) + w(v, u) (a missing direction counts 0),
// or 1 for every pair when the view is unweighted.
//
// Each undirected edge is stored in both rows, so a row's entries are the
// vertex's neighbours (sorted by id). Built in two parallel passes over out-
// and in-rows, count then fill, each a merge of the two sorted rows (in-rows
// are sorted; out-rows are sorted unless the ties have different strengths):
// O(m) for unweighted inputs, O(m log d) where out-rows need sorting.
#pragma once

#include <refnet/graph/csr_graph.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace refnet {

struct UndirectedGraph {
  std::vector<std::uint64_t> offsets;  // n + 1 row starts
  std::vector<VertexId> neighbors;     // each undirected edge twice
  std::vector<double> weights;         // parallel to neighbors; empty when unweighted

  VertexId num_vertices() const { return static_cast<VertexId>(offsets.size() - 1); }
  std::uint64_t num_edges() const { return neighbors.size() / 2; }  // undirected edges
  std::uint64_t degree(VertexId v) const { return offsets[v + 1] - offsets[v]; }
  std::span<const VertexId> row(VertexId v) const { return {neighbors.data() + offsets[v], degree(v)}; }
  double weight(std::uint64_t pos) const { return weights.empty() ? 1.0 : weights[pos]; }
};

UndirectedGraph make_undirected(const Graph& g, bool weighted);

}  // namespace refnet
