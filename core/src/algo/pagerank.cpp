#include <refnet/algo/pagerank.hpp>

#include <refnet/error.hpp>
#include <refnet/parallel/loops.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <span>
#include <vector>

namespace refnet {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// W(u): the out-weight of each vertex.
std::vector<double> out_weights(const Graph& g, bool weighted) {
  std::vector<double> w(g.num_vertices());
  for_each_index(g.num_vertices(), [&](VertexId u) {
    if (!weighted) {
      w[u] = g.out_degree(u);
      return;
    }
    double sum = 0;
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) sum += g.weight(e);
    w[u] = sum;
  });
  return w;
}
}  // namespace

void PageRankParams::validate() const {
  if (!(damping >= 0 && damping < 1)) throw UsageError("PageRank damping must be in [0, 1)");
  if (iterations == 0) throw UsageError("PageRank needs at least one iteration");
  if (!(tolerance >= 0)) throw UsageError("PageRank tolerance must be >= 0");
}

PageRankResult pagerank(const Graph& g, const PageRankParams& params, const std::function<void(double)>& progress) {
  params.validate();
  PageRankResult r;
  const VertexId n = g.num_vertices();
  if (n == 0) return r;
  const auto t0 = std::chrono::steady_clock::now();
  // Fixed chunks, each with its own partial sums, added in chunk order: the
  // totals depend neither on how the chunks were spread over threads nor on
  // how they were spread over processes. A process owns a contiguous range of
  // the chunks, vertices [lo, hi), balanced by in-edges plus vertices, so
  // that hubs numbered close together do not all fall to one process.
  constexpr VertexId kChunk = 2048;
  const std::size_t chunks = (std::size_t{n} + kChunk - 1) / kChunk;
  const std::size_t padded = chunks * kChunk;  // whole chunks, for the exchange
  const Cluster& cluster = cluster_or_self(params.cluster);
  const std::vector<std::uint64_t> bounds = cluster.balanced_ranges(chunks, [&](std::uint64_t c) {
    const auto v = static_cast<VertexId>(std::min<std::uint64_t>(n, c * kChunk));
    return std::uint64_t{g.in_begin(v)} + v;
  });
  const std::uint64_t first_chunk = bounds[cluster.rank()];
  const std::uint64_t end_chunk = bounds[cluster.rank() + 1];
  const auto lo = static_cast<VertexId>(std::min<std::size_t>(n, first_chunk * kChunk));
  const auto hi = static_cast<VertexId>(std::min<std::size_t>(n, end_chunk * kChunk));
  const bool weighted = params.weighted && g.has_weights();
  const std::vector<double> W = out_weights(g, weighted);  // of every vertex: in-edges come from anywhere
  // Weighted: the share w(u,v)/W(u) of each in-edge of [lo, hi), in in-edge order.
  const EdgeId edge_base = g.in_begin(lo);
  std::vector<float> share;
  if (weighted) {
    share.resize(g.in_begin(hi) - edge_base);
    for_each_index(
        hi - lo,
        [&](VertexId i) {
          const VertexId v = lo + i;
          for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos)
            share[pos - edge_base] = static_cast<float>(g.weight(g.in_edge(pos)) / W[g.in_source(pos)]);
        },
        256);
  }
  std::vector<VertexId> dangling;
  for (VertexId u = 0; u < n; ++u)
    if (!(W[u] > 0)) dangling.push_back(u);
  r.dangling = dangling.size();
  r.setup_seconds = seconds_since(t0);

  const auto t1 = std::chrono::steady_clock::now();
  const double d = params.damping;
  const double inv_n = 1.0 / n;
  // contrib(u) = PR(u) * scale(u): 1/W(u) unweighted (0 when dangling); 1
  // weighted, where the share already carries 1/W(u). Single precision halves
  // the array that the in-edges gather from (GAPBS does the same), and the
  // bytes exchanged between processes.
  std::vector<double> scale(n);
  for_each_index(
      n, [&](VertexId u) { scale[u] = weighted ? 1.0 : (W[u] > 0 ? 1.0 / W[u] : 0.0); }, 4096);
  // Scores are kept for [lo, hi) only until the end.
  std::vector<double> score(padded, inv_n);
  std::vector<double> next(padded);
  std::vector<float> contrib(padded, 0.0f);
  std::vector<float> next_contrib(padded, 0.0f);
  for_each_index(
      n, [&](VertexId u) { contrib[u] = static_cast<float>(inv_n * scale[u]); }, 4096);
  // Per chunk: its change and its dangling mass.
  std::vector<double> parts(2 * chunks);
  const VertexId* source = g.in_neighbors(0).data();  // the whole in-source array
  double dangling_mass = 0;
  for (VertexId u : dangling) dangling_mass += score[u];
  for (std::uint32_t it = 0; it < params.iterations; ++it) {
    const double base = (1 - d) * inv_n + d * dangling_mass * inv_n;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(first_chunk, end_chunk, 1), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t c = range.begin(); c != range.end(); ++c) {
        const VertexId begin = static_cast<VertexId>(c * kChunk);
        const VertexId end = static_cast<VertexId>(std::min<std::size_t>(n, begin + std::size_t{kChunk}));
        double change = 0;
        double dangling_sum = 0;
        for (VertexId v = begin; v < end; ++v) {
          double sum = 0;
          const EdgeId stop = g.in_end(v);
          if (weighted) {
            for (EdgeId pos = g.in_begin(v); pos < stop; ++pos) sum += contrib[source[pos]] * share[pos - edge_base];
          } else {
            for (EdgeId pos = g.in_begin(v); pos < stop; ++pos) sum += contrib[source[pos]];
          }
          const double value = base + d * sum;
          change += std::fabs(value - score[v]);
          if (!(W[v] > 0)) dangling_sum += value;
          next[v] = value;
          next_contrib[v] = static_cast<float>(value * scale[v]);
        }
        parts[2 * c] = change;
        parts[2 * c + 1] = dangling_sum;
      }
    });
    // Every process gets every chunk's sums and every vertex's contribution.
    cluster.gather_ranges(std::span(parts), bounds, 2);
    cluster.gather_ranges(std::span(next_contrib), bounds, kChunk);
    r.residual = 0;
    dangling_mass = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
      r.residual += parts[2 * c];
      dangling_mass += parts[2 * c + 1];
    }
    score.swap(next);
    contrib.swap(next_contrib);
    r.iterations = it + 1;
    if (progress) progress(static_cast<double>(it + 1) / params.iterations);
    if (params.tolerance > 0 && r.residual < params.tolerance) break;
  }
  cluster.gather_ranges(std::span(score), bounds, kChunk);
  score.resize(n);
  r.iterate_seconds = seconds_since(t1);
  r.score = std::move(score);
  return r;
}

std::vector<double> pagerank_reference(const Graph& g, const PageRankParams& params) {
  params.validate();
  const VertexId n = g.num_vertices();
  const bool weighted = params.weighted && g.has_weights();
  std::vector<double> score(n, 1.0 / n);
  for (std::uint32_t it = 0; it < params.iterations; ++it) {
    std::vector<double> next(n, 0.0);
    double dangling_mass = 0;
    for (VertexId u = 0; u < n; ++u) {
      double out = 0;
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) out += weighted ? g.weight(e) : 1.0;
      if (out == 0) {
        dangling_mass += score[u];
        continue;
      }
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e)
        next[g.target(e)] += score[u] * (weighted ? g.weight(e) : 1.0) / out;
    }
    double change = 0;
    for (VertexId v = 0; v < n; ++v) {
      next[v] = (1 - params.damping) / n + params.damping * (next[v] + dangling_mass / n);
      change += std::fabs(next[v] - score[v]);
    }
    score = std::move(next);
    if (params.tolerance > 0 && change < params.tolerance) break;
  }
  return score;
}

}  // namespace refnet
