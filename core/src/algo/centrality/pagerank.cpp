#include <refnet/algo/centrality/pagerank.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace refnet {

namespace {
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

namespace {

// Fixed chunks of vertices, each with its own partial sums, added in chunk
// order: the totals depend neither on how the chunks were spread over threads
// nor on how they were spread over processes.
constexpr VertexId kChunk = 2048;

// Which chunks this process computes: a contiguous range, vertices [lo, hi),
// balanced by in-edges plus vertices, so that hubs numbered close together do
// not all fall to one process.
struct ChunkPlan {
  std::size_t chunks = 0;
  std::size_t padded = 0;  // whole chunks, for the exchange
  std::vector<std::uint64_t> bounds;  // chunk ranges of the processes
  std::uint64_t first_chunk = 0, end_chunk = 0;
  VertexId lo = 0, hi = 0;
};

ChunkPlan plan_chunks(const Graph& g, const Cluster& cluster) {
  const VertexId n = g.num_vertices();
  ChunkPlan p;
  p.chunks = (std::size_t{n} + kChunk - 1) / kChunk;
  p.padded = p.chunks * kChunk;
  p.bounds = cluster.balanced_ranges(p.chunks, [&](std::uint64_t c) {
    const auto v = static_cast<VertexId>(std::min<std::uint64_t>(n, c * kChunk));
    return std::uint64_t{g.in_begin(v)} + v;
  });
  p.first_chunk = p.bounds[cluster.rank()];
  p.end_chunk = p.bounds[cluster.rank() + 1];
  p.lo = static_cast<VertexId>(std::min<std::size_t>(n, p.first_chunk * kChunk));
  p.hi = static_cast<VertexId>(std::min<std::size_t>(n, p.end_chunk * kChunk));
  return p;
}

// What the iterations read besides the scores; Real is the precision of the
// contributions and of the per-edge shares.
template <class Real>
struct PullWeights {
  bool weighted = false;
  std::vector<double> W;      // out-weight of every vertex: in-edges come from anywhere
  EdgeId edge_base = 0;       // in-edge index of plan.lo
  std::vector<Real> share;    // weighted: w(u,v)/W(u) of each in-edge of [lo, hi), in in-edge order
  std::vector<double> scale;  // contrib(u) = PR(u) * scale(u)
  std::vector<VertexId> dangling;
};

template <class Real>
PullWeights<Real> pull_weights(const Graph& g, bool weighted, const ChunkPlan& plan) {
  const VertexId n = g.num_vertices();
  PullWeights<Real> w;
  w.weighted = weighted;
  w.W = out_weights(g, weighted);
  w.edge_base = g.in_begin(plan.lo);
  if (weighted) {
    w.share.resize(g.in_begin(plan.hi) - w.edge_base);
    for_each_index(
        plan.hi - plan.lo,
        [&](VertexId i) {
          const VertexId v = plan.lo + i;
          for (EdgeId pos = g.in_begin(v); pos < g.in_end(v); ++pos)
            w.share[pos - w.edge_base] = static_cast<Real>(g.weight(g.in_edge(pos)) / w.W[g.in_source(pos)]);
        },
        256);
  }
  for (VertexId u = 0; u < n; ++u)
    if (!(w.W[u] > 0)) w.dangling.push_back(u);
  // scale(u): 1/W(u) unweighted (0 when dangling); 1 weighted, where the share
  // already carries 1/W(u).
  w.scale.resize(n);
  for_each_index(
      n, [&](VertexId u) { w.scale[u] = weighted ? 1.0 : (w.W[u] > 0 ? 1.0 / w.W[u] : 0.0); }, 4096);
  return w;
}

// One pull iteration over this process's chunks: next(v) = base + d * sum of
// the in-neighbours' contributions; each chunk's change and dangling mass go
// to parts[2c] and parts[2c + 1]. Single precision for the contributions
// halves the array that the in-edges gather from (GAPBS does the same), and
// the bytes exchanged between processes.
template <class Real>
void pull_iteration(const Graph& g, const PullWeights<Real>& w, const ChunkPlan& plan, double base, double d,
                    const std::vector<double>& score, const std::vector<Real>& contrib, std::vector<double>& next,
                    std::vector<Real>& next_contrib, std::vector<double>& parts) {
  const VertexId n = g.num_vertices();
  const VertexId* source = g.in_neighbors(0).data();  // the whole in-source array
  for_each_block_in(
      std::size_t{plan.first_chunk}, std::size_t{plan.end_chunk},
      [&](std::size_t first, std::size_t last) {
        for (std::size_t c = first; c != last; ++c) {
          const VertexId begin = static_cast<VertexId>(c * kChunk);
          const VertexId end = static_cast<VertexId>(std::min<std::size_t>(n, begin + std::size_t{kChunk}));
          double change = 0;
          double dangling_sum = 0;
          for (VertexId v = begin; v < end; ++v) {
            double sum = 0;
            const EdgeId stop = g.in_end(v);
            if (w.weighted) {
              for (EdgeId pos = g.in_begin(v); pos < stop; ++pos) sum += contrib[source[pos]] * w.share[pos - w.edge_base];
            } else {
              for (EdgeId pos = g.in_begin(v); pos < stop; ++pos) sum += contrib[source[pos]];
            }
            const double value = base + d * sum;
            change += std::fabs(value - score[v]);
            if (!(w.W[v] > 0)) dangling_sum += value;
            next[v] = value;
            next_contrib[v] = static_cast<Real>(value * w.scale[v]);
          }
          parts[2 * c] = change;
          parts[2 * c + 1] = dangling_sum;
        }
      },
      1);
}

// The iterations, with contributions of type Real; fills the result's scores.
template <class Real>
void iterate(const Graph& g, const PageRankParams& params, const ChunkPlan& plan, const Cluster& cluster,
             PageRankResult& r, const Progress& progress) {
  Progress::Phase setup = progress.phase("setup");
  const PullWeights<Real> w = pull_weights<Real>(g, params.weighted && g.has_weights(), plan);
  r.dangling = w.dangling.size();
  setup.end();
  const Progress::Phase iterations = progress.phase("iterations");  // what GAPBS `pr` times
  const VertexId n = g.num_vertices();
  const double d = params.damping;
  const double inv_n = 1.0 / n;
  // Scores are kept for [lo, hi) only until the end.
  std::vector<double> score(plan.padded, inv_n);
  std::vector<double> next(plan.padded);
  std::vector<Real> contrib(plan.padded, Real{0});
  std::vector<Real> next_contrib(plan.padded, Real{0});
  for_each_index(
      n, [&](VertexId u) { contrib[u] = static_cast<Real>(inv_n * w.scale[u]); }, 4096);
  std::vector<double> parts(2 * plan.chunks);  // per chunk: its change and its dangling mass
  double dangling_mass = 0;
  for (VertexId u : w.dangling) dangling_mass += score[u];
  for (std::uint32_t it = 0; it < params.iterations; ++it) {
    const double base = (1 - d) * inv_n + d * dangling_mass * inv_n;
    pull_iteration(g, w, plan, base, d, score, contrib, next, next_contrib, parts);
    // Every process gets every chunk's sums and every vertex's contribution.
    cluster.gather_ranges(std::span(parts), plan.bounds, 2);
    cluster.gather_ranges(std::span(next_contrib), plan.bounds, kChunk);
    r.residual = 0;
    dangling_mass = 0;
    for (std::size_t c = 0; c < plan.chunks; ++c) {
      r.residual += parts[2 * c];
      dangling_mass += parts[2 * c + 1];
    }
    score.swap(next);
    contrib.swap(next_contrib);
    r.iterations = it + 1;
    iterations.advance(static_cast<double>(it + 1) / params.iterations);
    if (params.tolerance > 0 && r.residual < params.tolerance) {
      r.converged = true;
      break;
    }
  }
  cluster.gather_ranges(std::span(score), plan.bounds, kChunk);
  score.resize(n);
  r.score = std::move(score);
}

}  // namespace

PageRankResult pagerank(const Graph& g, const PageRankParams& params, const Progress& progress) {
  params.validate();
  PageRankResult r;
  const VertexId n = g.num_vertices();
  if (n == 0) return r;
  const Cluster& cluster = cluster_or_self(params.cluster);
  const ChunkPlan plan = plan_chunks(g, cluster);
  r.double_precision = params.tolerance > 0 && params.tolerance < kFloatTolerance;
  if (r.double_precision) iterate<double>(g, params, plan, cluster, r, progress);
  else iterate<float>(g, params, plan, cluster, r, progress);
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
