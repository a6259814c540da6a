#include <refnet/graph/csr_graph.hpp>

#include <algorithm>
#include <stdexcept>

namespace refnet {

Graph Graph::from_edges(VertexId num_vertices, const std::vector<Edge>& edges,
                        std::vector<float> weights, std::vector<double> times) {
  if (edges.size() >= 0xFFFFFFFFull) throw std::length_error("graph: more than 2^32-1 edges");
  if (!weights.empty() && weights.size() != edges.size())
    throw std::invalid_argument("graph: weights not parallel to edges");
  if (!times.empty() && times.size() != edges.size())
    throw std::invalid_argument("graph: times not parallel to edges");

  Graph g;
  const std::size_t n = num_vertices;
  const std::size_t m = edges.size();
  auto& fwd = g.g_.m_forward;

  // Forward CSR by a stable counting sort on the source.
  fwd.m_rowstart.assign(n + 1, 0);
  for (const Edge& e : edges) ++fwd.m_rowstart[e.src + 1];
  for (std::size_t v = 0; v < n; ++v) fwd.m_rowstart[v + 1] += fwd.m_rowstart[v];
  fwd.m_column.resize(m);
  std::vector<EdgeId> next(fwd.m_rowstart.begin(), fwd.m_rowstart.end() - 1);
  const bool has_w = !weights.empty();
  const bool has_t = !times.empty();
  if (has_w) g.weight_.resize(m);
  if (has_t) g.time_.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    const EdgeId pos = next[edges[i].src]++;
    fwd.m_column[pos] = edges[i].dst;
    if (has_w) g.weight_[pos] = weights[i];
    if (has_t) g.time_[pos] = times[i];
  }

  g.build_backward();
  return g;
}

Graph Graph::from_csr(std::vector<EdgeId> rowstart, std::vector<VertexId> column, std::vector<float> weights,
                      std::vector<double> times) {
  Graph g;
  g.g_.m_forward.m_rowstart = std::move(rowstart);
  g.g_.m_forward.m_column = std::move(column);
  g.weight_ = std::move(weights);
  g.time_ = std::move(times);
  g.build_backward();
  return g;
}

void Graph::build_backward() {
  const std::size_t n = g_.m_forward.m_rowstart.size() - 1;
  const std::size_t m = g_.m_forward.m_column.size();
  auto& fwd = g_.m_forward;
  auto& bwd = g_.m_backward;
  std::vector<EdgeId> next;
  // In-edges: in-edges of each target, ordered by source (a stable
  // counting sort over the forward edges, which are already ordered by source).
  bwd.m_rowstart.assign(n + 1, 0);
  for (std::size_t e = 0; e < m; ++e) ++bwd.m_rowstart[fwd.m_column[e] + 1];
  for (std::size_t v = 0; v < n; ++v) bwd.m_rowstart[v + 1] += bwd.m_rowstart[v];
  bwd.m_column.resize(m);
  bwd.m_edge_properties.resize(m);
  next.assign(bwd.m_rowstart.begin(), bwd.m_rowstart.end() - 1);
  for (std::size_t u = 0; u < n; ++u) {
    for (EdgeId e = fwd.m_rowstart[u]; e < fwd.m_rowstart[u + 1]; ++e) {
      const EdgeId pos = next[fwd.m_column[e]]++;
      bwd.m_column[pos] = static_cast<VertexId>(u);
      bwd.m_edge_properties[pos] = e;
    }
  }
}

VertexId Graph::source(EdgeId e) const {
  const auto& rows = g_.m_forward.m_rowstart;
  auto it = std::upper_bound(rows.begin(), rows.end(), e);
  return static_cast<VertexId>(it - rows.begin() - 1);
}

Graph::Arrays Graph::arrays() {
  return {&g_.m_forward.m_rowstart, &g_.m_forward.m_column, &g_.m_backward.m_rowstart,
          &g_.m_backward.m_column,  &g_.m_backward.m_edge_properties, &weight_, &time_};
}

std::size_t Graph::edge_memory_bytes() const {
  const auto& f = g_.m_forward;
  const auto& b = g_.m_backward;
  return f.m_column.size() * sizeof(VertexId) + b.m_column.size() * sizeof(VertexId) +
         b.m_edge_properties.size() * sizeof(EdgeId) + weight_.size() * sizeof(float) + time_.size() * sizeof(double);
}

std::size_t Graph::memory_bytes() const {
  const auto& f = g_.m_forward;
  const auto& b = g_.m_backward;
  return f.m_rowstart.size() * sizeof(EdgeId) + f.m_column.size() * sizeof(VertexId) +
         b.m_rowstart.size() * sizeof(EdgeId) + b.m_column.size() * sizeof(VertexId) +
         b.m_edge_properties.size() * sizeof(EdgeId) + weight_.size() * sizeof(float) +
         time_.size() * sizeof(double);
}

}  // namespace refnet
