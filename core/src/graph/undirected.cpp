#include <refnet/graph/undirected.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <utility>

namespace refnet {

namespace {
// The distinct neighbours of v other than itself, with summed weights, sorted by id.
void gather_row(const Graph& g, VertexId v, bool weighted, std::vector<std::pair<VertexId, double>>& row) {
  row.clear();
  for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e)
    if (g.target(e) != v) row.emplace_back(g.target(e), weighted ? double{g.weight(e)} : 1.0);
  for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos)
    if (g.in_source(pos) != v) row.emplace_back(g.in_source(pos), weighted ? double{g.weight(g.in_edge(pos))} : 1.0);
  std::sort(row.begin(), row.end());
  std::size_t out = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (out > 0 && row[out - 1].first == row[i].first) {
      if (weighted) row[out - 1].second += row[i].second;
    } else {
      row[out++] = row[i];
    }
  }
  row.resize(out);
}
}  // namespace

UndirectedGraph make_undirected(const Graph& g, bool weighted) {
  const VertexId n = g.num_vertices();
  UndirectedGraph u;
  u.offsets.assign(std::size_t{n} + 1, 0);
  tbb::enumerable_thread_specific<std::vector<std::pair<VertexId, double>>> scratch;
  for_each_block(n, [&](VertexId begin, VertexId end) {
    auto& row = scratch.local();
    for (VertexId v = begin; v < end; ++v) {
      gather_row(g, v, weighted, row);
      u.offsets[v + 1] = row.size();
    }
  }, 256);
  for (VertexId v = 0; v < n; ++v) u.offsets[v + 1] += u.offsets[v];
  u.neighbors.resize(u.offsets[n]);
  if (weighted) u.weights.resize(u.offsets[n]);
  for_each_block(n, [&](VertexId begin, VertexId end) {
    auto& row = scratch.local();
    for (VertexId v = begin; v < end; ++v) {
      gather_row(g, v, weighted, row);
      std::uint64_t pos = u.offsets[v];
      for (const auto& [w, strength] : row) {
        u.neighbors[pos] = w;
        if (weighted) u.weights[pos] = strength;
        ++pos;
      }
    }
  }, 256);
  return u;
}

}  // namespace refnet
