// The ties a TieFilter keeps, seen as plain CSR rows, for the reach kernels.
// Private to core/src/algo.
#pragma once

#include <refnet/algo/reach.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace refnet::detail {

// True when the filter keeps every edge of g (then no copy is needed).
bool keeps_every_edge(const Graph& g, const TieFilter& f);

// Calls fn(target) for each out-tie of v the filter keeps, straight from the
// graph's rows (no copy): the rank window clips the row, the sign is read
// from the weight. For kernels that only walk forward (HyperANF).
template <class Fn>
inline void for_each_kept_target(const Graph& g, const TieFilter& f, VertexId v, Fn&& fn) {
  const EdgeId begin = g.out_begin(v);
  const EdgeId end = g.out_end(v);
  const EdgeId first = end - begin > f.rank_begin ? begin + f.rank_begin : end;
  const EdgeId last = end - begin > f.rank_end ? begin + f.rank_end : end;
  const auto& w = g.signed_weights();
  for (EdgeId e = first; e < last; ++e)
    if (!f.positive_only || w.empty() || !std::signbit(w[e])) fn(g.target(e));
}

// Out- and in-rows of the kept ties. Uses the graph's own arrays when the
// filter keeps everything, otherwise builds filtered copies (4 bytes per kept
// edge and per vertex, each direction).
class TieAdjacency {
 public:
  TieAdjacency(const Graph& g, const TieFilter& f);

  VertexId num_vertices() const { return n_; }
  EdgeId num_edges() const { return out_row_[n_]; }
  EdgeId out_degree(VertexId v) const { return out_row_[v + 1] - out_row_[v]; }
  std::span<const VertexId> out(VertexId v) const { return {out_col_ + out_row_[v], out_degree(v)}; }
  std::span<const VertexId> in(VertexId v) const { return {in_col_ + in_row_[v], in_row_[v + 1] - in_row_[v]}; }

 private:
  VertexId n_ = 0;
  const EdgeId* out_row_ = nullptr;
  const VertexId* out_col_ = nullptr;
  const EdgeId* in_row_ = nullptr;
  const VertexId* in_col_ = nullptr;
  std::vector<EdgeId> own_out_row_, own_in_row_;
  std::vector<VertexId> own_out_col_, own_in_col_;
};

}  // namespace refnet::detail
