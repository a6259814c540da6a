#include <refnet/algo/centrality/betweenness.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/random.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>

namespace refnet {

namespace {

constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();

// Per-task scratch for one source at a time.
struct BrandesScratch {
  std::vector<std::uint32_t> dist;
  std::vector<double> sigma;
  std::vector<double> delta;
  std::vector<VertexId> order;  // vertices in BFS order
  explicit BrandesScratch(VertexId n) : dist(n, kUnreached), sigma(n, 0), delta(n, 0) { order.reserve(n); }
};

// Adds source s's dependencies delta_s(v) to bc.
void accumulate_source(const Graph& g, VertexId s, BrandesScratch& w, std::vector<double>& bc) {
  w.order.clear();
  w.dist[s] = 0;
  w.sigma[s] = 1;
  w.order.push_back(s);
  for (std::size_t head = 0; head < w.order.size(); ++head) {
    const VertexId u = w.order[head];
    for (VertexId v : g.out_neighbors(u)) {
      if (w.dist[v] == kUnreached) {
        w.dist[v] = w.dist[u] + 1;
        w.order.push_back(v);
      }
      if (w.dist[v] == w.dist[u] + 1) w.sigma[v] += w.sigma[u];
    }
  }
  // Dependencies in reverse BFS order: delta(u) = sum over successors v on a
  // shortest path of sigma(u)/sigma(v) (1 + delta(v)).
  for (std::size_t i = w.order.size(); i-- > 0;) {
    const VertexId u = w.order[i];
    double sum = 0;
    for (VertexId v : g.out_neighbors(u))
      if (w.dist[v] == w.dist[u] + 1) sum += (1 + w.delta[v]) / w.sigma[v];
    w.delta[u] = w.sigma[u] * sum;
    if (u != s) bc[u] += w.delta[u];
  }
  for (VertexId v : w.order) {
    w.dist[v] = kUnreached;
    w.sigma[v] = 0;
    w.delta[v] = 0;
  }
}

}  // namespace

void BetweennessParams::validate() const {
  if (!(delta > 0 && delta < 1)) throw UsageError("betweenness delta must be in (0, 1)");
}

BetweennessResult betweenness(const Graph& g, const BetweennessParams& params,
                              const Progress& progress) {
  params.validate();
  const VertexId n = g.num_vertices();
  BetweennessResult r;
  r.exact = params.samples == 0 || params.samples >= n;
  r.sources = r.exact ? n : params.samples;
  if (n == 0) return r;
  const KeyedPermutation pivots(n, params.seed);
  const auto source_of = [&](std::uint32_t i) { return r.exact ? i : static_cast<VertexId>(pivots(i)); };
  // A fixed number of leaves (independent of threads) keeps the sums' order fixed.
  const std::size_t grain = std::max<std::size_t>(1, r.sources / 256);
  tbb::enumerable_thread_specific<BrandesScratch> scratch([n] { return BrandesScratch(n); });
  std::atomic<std::uint32_t> done{0};
  std::mutex progress_mutex;
  r.score = deterministic_reduce(
      r.sources, std::vector<double>(),
      [&](std::uint32_t begin, std::uint32_t end, std::vector<double> acc) {
        if (acc.empty()) acc.assign(n, 0.0);
        BrandesScratch& local = scratch.local();  // left clean by each source
        for (std::uint32_t i = begin; i != end; ++i) accumulate_source(g, source_of(i), local, acc);
        const std::uint32_t now = done.fetch_add(end - begin) + (end - begin);
        if (progress.reporting()) {
          const std::lock_guard lock(progress_mutex);  // the sink need not be thread-safe
          progress.advance(static_cast<double>(now) / r.sources);
        }
        return acc;
      },
      [](std::vector<double> a, const std::vector<double>& b) {
        if (a.empty()) return b;
        for (std::size_t v = 0; v < b.size() && v < a.size(); ++v) a[v] += b[v];
        return a;
      },
      grain);
  r.score.resize(n, 0.0);
  if (!r.exact) {
    const double scale = static_cast<double>(n) / r.sources;
    for (double& x : r.score) x *= scale;
    r.error_bound =
        static_cast<double>(n) * (n >= 2 ? n - 2.0 : 0.0) * std::sqrt(std::log(2 / params.delta) / (2.0 * r.sources));
  }
  return r;
}

std::vector<double> betweenness_reference(const Graph& g) {
  const VertexId n = g.num_vertices();
  std::vector<std::vector<std::uint32_t>> dist(n, std::vector<std::uint32_t>(n, kUnreached));
  std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0));
  for (VertexId s = 0; s < n; ++s) {
    std::vector<VertexId> queue{s};
    dist[s][s] = 0;
    sigma[s][s] = 1;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const VertexId u = queue[head];
      for (VertexId v : g.out_neighbors(u)) {
        if (dist[s][v] == kUnreached) {
          dist[s][v] = dist[s][u] + 1;
          queue.push_back(v);
        }
        if (dist[s][v] == dist[s][u] + 1) sigma[s][v] += sigma[s][u];
      }
    }
  }
  std::vector<double> bc(n, 0);
  for (VertexId v = 0; v < n; ++v)
    for (VertexId s = 0; s < n; ++s)
      for (VertexId t = 0; t < n; ++t)
        if (s != v && t != v && s != t && dist[s][v] != kUnreached && dist[v][t] != kUnreached &&
            dist[s][t] == dist[s][v] + dist[v][t])
          bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
  return bc;
}

}  // namespace refnet
