// The in-memory graph: boost::compressed_sparse_row_graph, bidirectional, 32-bit
// vertex and edge indices, with property arrays kept beside it (indexed by the
// forward edge index) instead of inside it, so that the same topology can carry
// weight, sign and time without copies.
//
// Memory per directed edge: 4 (target) + 4 (in-edge source) + 4 (in-edge ->
// edge index) for the topology, + 4 for the signed weight = 16 bytes.
// Timestamps, when the input has them, add 8.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace refnet {

using VertexId = std::uint32_t;
using EdgeId = std::uint32_t;
inline constexpr VertexId kNoVertex = 0xFFFFFFFFu;
// A vertex without a label (community, ground-truth class) in a per-vertex label array.
inline constexpr std::uint32_t kNoLabel = 0xFFFFFFFFu;

using CsrGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                    boost::no_property, boost::no_property,
                                                    VertexId, EdgeId>;

struct Edge {
  VertexId src;
  VertexId dst;
};

// A directed graph with per-edge weight (the tie strength; its sign bit carries
// the tie's sign), and optionally a per-edge timestamp (unix seconds).
class Graph {
 public:
  Graph() = default;

  // Builds from an edge list. Within each source, out-edges keep the order they
  // have in `edges` (the sort is stable), so a caller can pre-order them.
  // `weights` and `times` are empty or parallel to `edges`.
  static Graph from_edges(VertexId num_vertices, const std::vector<Edge>& edges,
                          std::vector<float> weights = {}, std::vector<double> times = {});
  // Builds from out-edge rows already laid out in CSR form (row starts and
  // targets); only the in-edge index is computed.
  static Graph from_csr(std::vector<EdgeId> rowstart, std::vector<VertexId> column,
                        std::vector<float> weights = {}, std::vector<double> times = {});

  VertexId num_vertices() const { return static_cast<VertexId>(g_.m_forward.m_rowstart.size() - 1); }
  EdgeId num_edges() const { return static_cast<EdgeId>(g_.m_forward.m_column.size()); }

  const CsrGraph& boost_graph() const { return g_; }

  // Out-edges of v are the edge indices [out_begin(v), out_end(v)).
  EdgeId out_begin(VertexId v) const { return g_.m_forward.m_rowstart[v]; }
  EdgeId out_end(VertexId v) const { return g_.m_forward.m_rowstart[v + 1]; }
  EdgeId out_degree(VertexId v) const { return out_end(v) - out_begin(v); }
  VertexId target(EdgeId e) const { return g_.m_forward.m_column[e]; }
  std::span<const VertexId> out_neighbors(VertexId v) const {
    return {g_.m_forward.m_column.data() + out_begin(v), out_degree(v)};
  }

  // In-edges of v are positions [in_begin(v), in_end(v)) of the backward arrays.
  EdgeId in_begin(VertexId v) const { return g_.m_backward.m_rowstart[v]; }
  EdgeId in_end(VertexId v) const { return g_.m_backward.m_rowstart[v + 1]; }
  EdgeId in_degree(VertexId v) const { return in_end(v) - in_begin(v); }
  VertexId in_source(EdgeId pos) const { return g_.m_backward.m_column[pos]; }
  EdgeId in_edge(EdgeId pos) const { return g_.m_backward.m_edge_properties[pos]; }
  std::span<const VertexId> in_neighbors(VertexId v) const {
    return {g_.m_backward.m_column.data() + in_begin(v), in_degree(v)};
  }
  VertexId source(EdgeId e) const;  // binary search over the row starts

  bool has_weights() const { return !weight_.empty(); }
  bool has_times() const { return !time_.empty(); }
  // Tie strength (always >= 0) and sign (+1 / -1). Unweighted graphs give 1.
  float weight(EdgeId e) const { return weight_.empty() ? 1.0f : (weight_[e] < 0 ? -weight_[e] : weight_[e]); }
  int sign(EdgeId e) const { return weight_.empty() ? 1 : (std::signbit(weight_[e]) ? -1 : 1); }
  double time(EdgeId e) const { return time_.empty() ? 0.0 : time_[e]; }
  const std::vector<float>& signed_weights() const { return weight_; }
  const std::vector<double>& times() const { return time_; }

  // Raw arrays, for the snapshot reader and writer.
  struct Arrays {
    std::vector<EdgeId>* out_rowstart;
    std::vector<VertexId>* out_column;
    std::vector<EdgeId>* in_rowstart;
    std::vector<VertexId>* in_column;
    std::vector<EdgeId>* in_edge;
    std::vector<float>* weight;
    std::vector<double>* time;
  };
  Arrays arrays();

  // Bytes used by the topology and the property arrays; and by the per-edge
  // arrays alone (without the two row-start arrays, which grow with vertices).
  std::size_t memory_bytes() const;
  std::size_t edge_memory_bytes() const;

 private:
  void build_backward();

  CsrGraph g_;
  std::vector<float> weight_;
  std::vector<double> time_;
};

}  // namespace refnet
