#include "tie_adjacency.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

namespace refnet::detail {

bool keeps_every_edge(const Graph& g, const TieFilter& f) {
  if (f.rank_begin > 0) {
    for (VertexId v = 0; v < g.num_vertices(); ++v)
      if (g.out_degree(v) > 0) return false;
  }
  if (f.positive_only)
    for (float w : g.signed_weights())
      if (std::signbit(w)) return false;
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    if (g.out_degree(v) > f.rank_end) return false;
  return true;
}

TieAdjacency::TieAdjacency(const Graph& g, const TieFilter& f) : n_(g.num_vertices()) {
  const auto& csr = g.boost_graph();
  if (keeps_every_edge(g, f)) {
    out_row_ = csr.m_forward.m_rowstart.data();
    out_col_ = csr.m_forward.m_column.data();
    in_row_ = csr.m_backward.m_rowstart.data();
    in_col_ = csr.m_backward.m_column.data();
    return;
  }
  own_out_row_.assign(std::size_t{n_} + 1, 0);
  tbb::parallel_for(VertexId{0}, n_, [&](VertexId v) {
    EdgeId kept = 0;
    for_each_kept_target(g, f, v, [&](VertexId) { ++kept; });
    own_out_row_[v + 1] = kept;
  });
  own_in_row_.assign(std::size_t{n_} + 1, 0);
  for (VertexId v = 0; v < n_; ++v) own_out_row_[v + 1] += own_out_row_[v];
  own_out_col_.resize(own_out_row_[n_]);
  tbb::parallel_for(VertexId{0}, n_, [&](VertexId v) {
    EdgeId at = own_out_row_[v];
    for_each_kept_target(g, f, v, [&](VertexId t) { own_out_col_[at++] = t; });
  });
  // In-rows by a counting sort of the kept edges on their target; sources
  // come out in increasing order within each row.
  for (VertexId t : own_out_col_) ++own_in_row_[t + 1];
  for (VertexId v = 0; v < n_; ++v) own_in_row_[v + 1] += own_in_row_[v];
  own_in_col_.resize(own_out_col_.size());
  std::vector<EdgeId> fill(own_in_row_.begin(), own_in_row_.end() - 1);
  for (VertexId v = 0; v < n_; ++v)
    for (EdgeId e = own_out_row_[v]; e < own_out_row_[v + 1]; ++e) own_in_col_[fill[own_out_col_[e]]++] = v;
  out_row_ = own_out_row_.data();
  out_col_ = own_out_col_.data();
  in_row_ = own_in_row_.data();
  in_col_ = own_in_col_.data();
}

}  // namespace refnet::detail
