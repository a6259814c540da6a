// The ties a TieFilter keeps, seen as plain CSR rows, for the reach kernels.
// Private to core/src/algo.
#pragma once

#include <refnet/algo/reach/reach.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>
#include <vector>

namespace refnet::detail {

// The out-edges of v inside the filter's rank window (signs not checked).
inline std::pair<EdgeId, EdgeId> kept_rank_window(const Graph& g, const TieFilter& f, VertexId v) {
  const EdgeId begin = g.out_begin(v);
  const EdgeId end = g.out_end(v);
  return {end - begin > f.rank_begin ? begin + f.rank_begin : end, end - begin > f.rank_end ? begin + f.rank_end : end};
}

// Calls fn(target) for each out-tie of v the filter keeps, straight from the
// graph's rows (no copy): the rank window clips the row, the sign is read
// from the weight. For kernels that only walk forward (HyperANF).
template <class Fn>
inline void for_each_kept_target(const Graph& g, const TieFilter& f, VertexId v, Fn&& fn) {
  const auto [first, last] = kept_rank_window(g, f, v);
  const auto& w = g.signed_weights();
  for (EdgeId e = first; e < last; ++e)
    if (!f.positive_only || w.empty() || !std::signbit(w[e])) fn(g.target(e));
}

// The kept out-ties of each vertex as a plain row of targets, in the graph's
// own numbering. A rank window is a slice of the graph's row (rows are
// ordered by strength), so only a sign filter needs a copy of the kept ties
// (8 bytes per kept tie, built in parallel).
class KeptRows {
 public:
  KeptRows(const Graph& g, const TieFilter& f);

  VertexId num_vertices() const { return g_.num_vertices(); }
  EdgeId num_edges() const { return row_.empty() ? g_.num_edges() : row_.back(); }  // all ties with a rank window
  std::span<const VertexId> out(VertexId v) const {
    if (!row_.empty()) return {col_.data() + row_[v], row_[v + 1] - row_[v]};
    const auto [first, last] = kept_rank_window(g_, f_, v);
    return g_.out_neighbors(v).subspan(first - g_.out_begin(v), last - first);
  }

 private:
  const Graph& g_;
  TieFilter f_;
  std::vector<EdgeId> row_;  // empty unless the filter keeps positive ties only
  std::vector<VertexId> col_;
};

// Out- and in-rows of the kept ties, with the vertices renumbered by
// decreasing in-degree (ties by id): the users most often reached get the
// lowest numbers, so their per-vertex state shares cache lines. A copy of the
// kept edges in both directions: 8 bytes per kept edge and per vertex.
class TieAdjacency {
 public:
  TieAdjacency(const Graph& g, const TieFilter& f);

  VertexId num_vertices() const { return static_cast<VertexId>(out_row_.size() - 1); }
  EdgeId num_edges() const { return out_row_.back(); }
  // The new number of the graph's vertex v.
  VertexId renumbered(VertexId v) const { return new_id_[v]; }
  EdgeId out_degree(VertexId v) const { return out_row_[v + 1] - out_row_[v]; }
  std::span<const VertexId> out(VertexId v) const { return {out_col_.data() + out_row_[v], out_degree(v)}; }
  std::span<const VertexId> in(VertexId v) const {
    return {in_col_.data() + in_row_[v], in_row_[v + 1] - in_row_[v]};
  }

 private:
  std::vector<VertexId> new_id_;
  std::vector<EdgeId> out_row_, in_row_;
  std::vector<VertexId> out_col_, in_col_;
};

}  // namespace refnet::detail
