#include "tie_adjacency.hpp"

#include <refnet/parallel/loops.hpp>

#include <algorithm>

namespace refnet::detail {

TieAdjacency::TieAdjacency(const Graph& g, const TieFilter& f) {
  const VertexId n = g.num_vertices();
  std::vector<EdgeId> in_degree(n, 0);
  for (VertexId v = 0; v < n; ++v) for_each_kept_target(g, f, v, [&](VertexId t) { ++in_degree[t]; });
  std::vector<VertexId> old_id(n);
  for (VertexId v = 0; v < n; ++v) old_id[v] = v;
  std::stable_sort(old_id.begin(), old_id.end(), [&](VertexId a, VertexId b) { return in_degree[a] > in_degree[b]; });
  new_id_.resize(n);
  for (VertexId i = 0; i < n; ++i) new_id_[old_id[i]] = i;

  out_row_.assign(std::size_t{n} + 1, 0);
  in_row_.assign(std::size_t{n} + 1, 0);
  for (VertexId i = 0; i < n; ++i) {
    EdgeId kept = 0;
    for_each_kept_target(g, f, old_id[i], [&](VertexId) { ++kept; });
    out_row_[i + 1] = out_row_[i] + kept;
    in_row_[i + 1] = in_row_[i] + in_degree[old_id[i]];
  }
  out_col_.resize(out_row_[n]);
  for_each_index<VertexId>(n, [&](VertexId i) {
    EdgeId at = out_row_[i];
    for_each_kept_target(g, f, old_id[i], [&](VertexId t) { out_col_[at++] = new_id_[t]; });
    std::sort(out_col_.begin() + out_row_[i], out_col_.begin() + at);  // sequential state access
  }, 1);
  // In-rows by a counting sort of the kept edges on their target.
  in_col_.resize(out_col_.size());
  std::vector<EdgeId> fill(in_row_.begin(), in_row_.end() - 1);
  for (VertexId i = 0; i < n; ++i)
    for (EdgeId e = out_row_[i]; e < out_row_[i + 1]; ++e) in_col_[fill[out_col_[e]]++] = i;
}

KeptRows::KeptRows(const Graph& g, const TieFilter& f) : g_(g), f_(f) {
  if (!f.positive_only) return;
  const VertexId n = g.num_vertices();
  row_.assign(std::size_t{n} + 1, 0);
  for_each_index(n, [&](VertexId v) { for_each_kept_target(g, f, v, [&](VertexId) { ++row_[v + 1]; }); });
  for (VertexId v = 0; v < n; ++v) row_[v + 1] += row_[v];
  col_.resize(row_[n]);
  for_each_index(n, [&](VertexId v) {
    EdgeId at = row_[v];
    for_each_kept_target(g, f, v, [&](VertexId t) { col_[at++] = t; });
  });
}

}  // namespace refnet::detail
