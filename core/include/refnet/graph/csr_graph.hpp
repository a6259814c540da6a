// The in-memory graph: boost::compressed_sparse_row_graph, bidirectional, 32-bit
// vertex and edge indices, with property arrays kept beside it (indexed by the
// forward edge index) instead of inside it, so that the same topology can carry
// weight, sign and time without copies.
//
// Two storages behind one set of accessors. A graph built from edges owns its
// arrays, and its topology is the Boost CSR graph itself (boost_graph()). A graph
// opened from a snapshot views the snapshot's memory-mapped arrays in place
// (zero copy, io/snapshot.hpp): Boost's CSR graph keeps its rows in std::vectors
// of its own, which cannot point at mapped memory, so the accessors below read
// spans, which point into the Boost graph's vectors or into the mapping. A viewed
// graph builds an owning Boost copy only when boost_graph() is first called (the
// library's algorithms never do: they use the accessors; tests compare against
// Boost's algorithms through it).
//
// Memory per directed edge: 4 (target) + 4 (in-edge source) + 4 (in-edge ->
// edge index) for the topology, + 4 for the signed weight = 16 bytes.
// Timestamps, when the input has them, add 8.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
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

// The raw arrays of a graph, as read-only spans: what the snapshot writer
// stores and what a viewed graph is made of. Row arrays have n + 1 entries;
// weight and time are empty or have one entry per edge.
struct GraphArrays {
  std::span<const EdgeId> out_rowstart;
  std::span<const VertexId> out_column;
  std::span<const EdgeId> in_rowstart;
  std::span<const VertexId> in_column;
  std::span<const EdgeId> in_edge;  // in-position -> forward edge index
  std::span<const float> weight;
  std::span<const double> time;
};

// A directed graph with per-edge weight (the tie strength; its sign bit carries
// the tie's sign), and optionally a per-edge timestamp (unix seconds).
class Graph {
 public:
  Graph();
  Graph(const Graph& other);
  Graph(Graph&& other) noexcept;
  Graph& operator=(const Graph& other);
  Graph& operator=(Graph&& other) noexcept;
  ~Graph();

  // Builds from an edge list. Within each source, out-edges keep the order they
  // have in `edges` (the sort is stable), so a caller can pre-order them.
  // `weights` and `times` are empty or parallel to `edges`.
  static Graph from_edges(VertexId num_vertices, const std::vector<Edge>& edges,
                          std::vector<float> weights = {}, std::vector<double> times = {});
  // Builds from out-edge rows already laid out in CSR form (row starts and
  // targets); only the in-edge index is computed.
  static Graph from_csr(std::vector<EdgeId> rowstart, std::vector<VertexId> column,
                        std::vector<float> weights = {}, std::vector<double> times = {});
  // A graph over arrays someone else holds (a mapped snapshot), kept alive by
  // `owner`. The arrays must already be validated (sizes agree, rows monotone,
  // every index in range): the accessors do not check.
  static Graph view(const GraphArrays& arrays, std::shared_ptr<const void> owner);

  VertexId num_vertices() const { return static_cast<VertexId>(out_row_.size() - 1); }
  EdgeId num_edges() const { return static_cast<EdgeId>(out_col_.size()); }
  // Whether the arrays are views into memory the graph does not own.
  bool is_view() const { return owner_ != nullptr; }

  // The Boost form. A viewed graph builds (once) and keeps an owning copy.
  const CsrGraph& boost_graph() const;

  // Out-edges of v are the edge indices [out_begin(v), out_end(v)).
  EdgeId out_begin(VertexId v) const { return out_row_[v]; }
  EdgeId out_end(VertexId v) const { return out_row_[v + 1]; }
  EdgeId out_degree(VertexId v) const { return out_end(v) - out_begin(v); }
  VertexId target(EdgeId e) const { return out_col_[e]; }
  std::span<const VertexId> out_neighbors(VertexId v) const { return out_col_.subspan(out_begin(v), out_degree(v)); }

  // In-edges of v are positions [in_begin(v), in_end(v)) of the backward arrays.
  EdgeId in_begin(VertexId v) const { return in_row_[v]; }
  EdgeId in_end(VertexId v) const { return in_row_[v + 1]; }
  EdgeId in_degree(VertexId v) const { return in_end(v) - in_begin(v); }
  VertexId in_source(EdgeId pos) const { return in_col_[pos]; }
  EdgeId in_edge(EdgeId pos) const { return in_edge_[pos]; }
  std::span<const VertexId> in_neighbors(VertexId v) const { return in_col_.subspan(in_begin(v), in_degree(v)); }
  VertexId source(EdgeId e) const;  // binary search over the row starts

  bool has_weights() const { return !weight_.empty(); }
  bool has_times() const { return !time_.empty(); }
  // Tie strength (always >= 0) and sign (+1 / -1). Unweighted graphs give 1.
  float weight(EdgeId e) const { return weight_.empty() ? 1.0f : (weight_[e] < 0 ? -weight_[e] : weight_[e]); }
  int sign(EdgeId e) const { return weight_.empty() ? 1 : (std::signbit(weight_[e]) ? -1 : 1); }
  double time(EdgeId e) const { return time_.empty() ? 0.0 : time_[e]; }
  std::span<const float> signed_weights() const { return weight_; }
  std::span<const double> times() const { return time_; }

  GraphArrays arrays() const { return {out_row_, out_col_, in_row_, in_col_, in_edge_, weight_, time_}; }

  // Bytes used by the topology and the property arrays; and by the per-edge
  // arrays alone (without the two row-start arrays, which grow with vertices).
  // A viewed graph counts the mapped arrays it reads.
  std::size_t memory_bytes() const;
  std::size_t edge_memory_bytes() const;

 private:
  void build_backward();
  // Points the spans at the owned storage.
  void bind_owned();

  // Owned storage (empty for a view).
  CsrGraph g_;
  std::vector<float> weight_store_;
  std::vector<double> time_store_;
  // Viewed storage: what keeps the mapping alive.
  std::shared_ptr<const void> owner_;
  // What the accessors read, into one storage or the other.
  std::span<const EdgeId> out_row_, in_row_, in_edge_;
  std::span<const VertexId> out_col_, in_col_;
  std::span<const float> weight_;
  std::span<const double> time_;
  // A viewed graph's Boost copy, made on request.
  mutable std::shared_ptr<const CsrGraph> boost_copy_;
  mutable std::shared_ptr<std::once_flag> boost_once_;
};

}  // namespace refnet
