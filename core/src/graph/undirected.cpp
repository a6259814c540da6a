#include <refnet/graph/undirected.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <utility>

namespace refnet {

namespace {
// Writes v's distinct neighbours other than itself, sorted by id, at `out`
// (and their summed weights at `weight_out` when weighted); returns how many.
// In-edge rows are already ordered by source; only the out-row (ordered by
// strength) needs a sort.
struct RowScratch {
  std::vector<std::pair<VertexId, double>> weighted;
  std::vector<VertexId> plain;
};

std::size_t merge_row(const Graph& g, VertexId v, bool weighted, RowScratch& scratch, VertexId* out,
                      double* weight_out) {
  // The out-row sorted by target: plain ids when unweighted (a quicker sort).
  auto& outs = scratch.weighted;
  outs.clear();
  if (weighted) {
    for (EdgeId e = g.out_begin(v); e < g.out_end(v); ++e)
      if (g.target(e) != v) outs.emplace_back(g.target(e), double{g.weight(e)});
    std::sort(outs.begin(), outs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  } else {
    // Ids only: sort the out-row, then a plain merge with the in-row.
    auto& ids = scratch.plain;
    ids.assign(g.out_neighbors(v).begin(), g.out_neighbors(v).end());
    // Rows of equal strengths (unweighted inputs) are already in target order.
    if (!std::is_sorted(ids.begin(), ids.end())) std::sort(ids.begin(), ids.end());
    const auto in = g.in_neighbors(v);
    VertexId* end = std::set_union(ids.begin(), ids.end(), in.begin(), in.end(), out);
    end = std::unique(out, end);
    end = std::remove(out, end, v);
    return static_cast<std::size_t>(end - out);
  }
  std::size_t count = 0;
  const auto push = [&](VertexId u, double w) {
    if (count > 0 && out[count - 1] == u) {
      if (weighted) weight_out[count - 1] += w;
      return;
    }
    out[count] = u;
    if (weighted) weight_out[count] = w;
    ++count;
  };
  std::size_t i = 0;
  EdgeId pos = g.in_begin(v);
  const EdgeId in_stop = g.in_end(v);
  while (i < outs.size() || pos < in_stop) {
    if (pos < in_stop && g.in_source(pos) == v) {
      ++pos;
    } else if (pos == in_stop || (i < outs.size() && outs[i].first <= g.in_source(pos))) {
      push(outs[i].first, outs[i].second);
      ++i;
    } else {
      push(g.in_source(pos), weighted ? double{g.weight(g.in_edge(pos))} : 1.0);
      ++pos;
    }
  }
  return count;
}
}  // namespace

UndirectedGraph make_undirected(const Graph& g, bool weighted) {
  const VertexId n = g.num_vertices();
  // Each row is first written into room for all of its out- and in-edges, then compacted.
  std::vector<std::uint64_t> room(std::size_t{n} + 1, 0);
  for (VertexId v = 0; v < n; ++v) room[v + 1] = room[v] + g.out_degree(v) + g.in_degree(v);
  std::vector<VertexId> wide(room[n]);
  std::vector<double> wide_weights(weighted ? room[n] : 0);
  UndirectedGraph u;
  u.offsets.assign(std::size_t{n} + 1, 0);
  tbb::enumerable_thread_specific<RowScratch> scratch;
  for_each_block(
      n,
      [&](VertexId begin, VertexId end) {
        auto& outs = scratch.local();
        for (VertexId v = begin; v < end; ++v)
          u.offsets[v + 1] = merge_row(g, v, weighted, outs, wide.data() + room[v],
                                       weighted ? wide_weights.data() + room[v] : nullptr);
      },
      256);
  for (VertexId v = 0; v < n; ++v) u.offsets[v + 1] += u.offsets[v];
  u.neighbors.resize(u.offsets[n]);
  if (weighted) u.weights.resize(u.offsets[n]);
  for_each_index(
      n,
      [&](VertexId v) {
        std::copy_n(wide.data() + room[v], u.degree(v), u.neighbors.data() + u.offsets[v]);
        if (weighted) std::copy_n(wide_weights.data() + room[v], u.degree(v), u.weights.data() + u.offsets[v]);
      },
      1024);
  return u;
}

}  // namespace refnet
