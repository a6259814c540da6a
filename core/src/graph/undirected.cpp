#include <refnet/graph/undirected.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <span>
#include <utility>

namespace refnet {

namespace {

// A vertex's out-row sorted by target, with the weights beside it when asked.
// In-rows are already ordered by source; out-rows are ordered by strength,
// which for unweighted inputs (equal strengths) is target order already, so
// most rows are used in place and only the others are copied and sorted.
struct SortedOutRow {
  std::vector<VertexId> targets;
  std::vector<std::pair<VertexId, double>> weighted;

  std::span<const VertexId> ids(const Graph& g, VertexId v) {
    const auto row = g.out_neighbors(v);
    if (std::is_sorted(row.begin(), row.end())) return row;
    targets.assign(row.begin(), row.end());
    std::sort(targets.begin(), targets.end());
    return targets;
  }
  const std::vector<std::pair<VertexId, double>>& with_weights(const Graph& g, VertexId v) {
    weighted.clear();
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e) weighted.emplace_back(g.target(e), double{g.weight(e)});
    std::stable_sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return weighted;
  }
};

// v's distinct neighbours other than itself, in increasing order: the union
// of two sorted rows, written at `out` (room for `room` ids) when `kWrite`,
// else only counted. Branch-free: which row holds the next smallest id is
// unpredictable, so both cursors advance by comparison results, and each id
// is written and then kept or not (past the room, into a sink).
template <bool kWrite>
std::size_t merge_ids(std::span<const VertexId> a, std::span<const VertexId> b, VertexId self, VertexId* out,
                      std::size_t room) {
  std::size_t i = 0, j = 0, count = 0;
  VertexId last = kNoVertex;
  VertexId sink = 0;
  const auto emit = [&](VertexId x) {
    if constexpr (kWrite) *(count < room ? out + count : &sink) = x;
    count += (x != last) & (x != self);
    last = x;
  };
  while (i < a.size() && j < b.size()) {
    const VertexId x = a[i], y = b[j];
    emit(x < y ? x : y);
    i += x <= y;
    j += y <= x;
  }
  for (; i < a.size(); ++i) emit(a[i]);
  for (; j < b.size(); ++j) emit(b[j]);
  return count;
}

// The same union with weights: w(u, v) + w(v, u), parallel ties summed (in
// out-row order, then in-row order, so the sums do not vary between runs).
template <bool kWrite>
std::size_t merge_weighted(const Graph& g, VertexId v, const std::vector<std::pair<VertexId, double>>& outs,
                           VertexId* out, double* weight_out) {
  std::size_t count = 0;
  VertexId last = kNoVertex;
  const auto take = [&](VertexId x, double w) {
    if (x == v) return;
    if (x == last) {
      if constexpr (kWrite) weight_out[count - 1] += w;
      return;
    }
    if constexpr (kWrite) {
      out[count] = x;
      weight_out[count] = w;
    }
    ++count;
    last = x;
  };
  std::size_t i = 0;
  EdgeId pos = g.in_begin(v);
  const EdgeId in_stop = g.in_end(v);
  while (i < outs.size() || pos < in_stop) {
    if (pos == in_stop || (i < outs.size() && outs[i].first <= g.in_source(pos))) {
      take(outs[i].first, outs[i].second);
      ++i;
    } else {
      take(g.in_source(pos), double{g.weight(g.in_edge(pos))});
      ++pos;
    }
  }
  return count;
}

template <bool kWrite>
std::size_t merge_row(const Graph& g, VertexId v, bool weighted, SortedOutRow& scratch, VertexId* out,
                      double* weight_out, std::size_t room) {
  if (weighted) return merge_weighted<kWrite>(g, v, scratch.with_weights(g, v), out, weight_out);
  return merge_ids<kWrite>(scratch.ids(g, v), g.in_neighbors(v), v, out, room);
}

}  // namespace

// Two parallel passes over the rows: count each vertex's distinct neighbours,
// then (after a prefix sum) merge again straight into the final arrays, so
// that no wider buffer is filled and compacted (and faulted in) first.
UndirectedGraph make_undirected(const Graph& g, bool weighted) {
  const VertexId n = g.num_vertices();
  UndirectedGraph u;
  u.offsets.assign(std::size_t{n} + 1, 0);
  tbb::enumerable_thread_specific<SortedOutRow> scratch;
  constexpr std::size_t kRowsPerTask = 512;
  for_each_block(
      n,
      [&](VertexId begin, VertexId end) {
        auto& rows = scratch.local();
        for (VertexId v = begin; v < end; ++v)
          u.offsets[v + 1] = merge_row<false>(g, v, weighted, rows, nullptr, nullptr, 0);
      },
      kRowsPerTask);
  for (VertexId v = 0; v < n; ++v) u.offsets[v + 1] += u.offsets[v];
  u.neighbors.resize(u.offsets[n]);
  if (weighted) u.weights.resize(u.offsets[n]);
  for_each_block(
      n,
      [&](VertexId begin, VertexId end) {
        auto& rows = scratch.local();
        for (VertexId v = begin; v < end; ++v)
          merge_row<true>(g, v, weighted, rows, u.neighbors.data() + u.offsets[v],
                          weighted ? u.weights.data() + u.offsets[v] : nullptr, u.degree(v));
      },
      kRowsPerTask);
  return u;
}

}  // namespace refnet
