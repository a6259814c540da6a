#include <refnet/algo/influence/spread.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/random.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <mutex>

namespace refnet {

namespace {
constexpr std::uint64_t kEdgeKey = 0x9E3779B97F4A7C15ULL;
constexpr std::uint64_t kNodeKey = 0xC2B2AE3D27D4EB4FULL;

inline double unit_of(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

std::uint64_t world_key(std::uint64_t seed, std::uint64_t run) { return mix64(mix64(seed ^ 0x574F524C44ULL) + run); }

struct Sums {
  std::uint64_t total = 0;
  unsigned __int128 squares = 0;
  std::uint64_t visits = 0;
};
}  // namespace

void SpreadParams::validate() const {
  if (runs < 2) throw UsageError("--runs must be at least 2 (a confidence interval needs two runs)");
}

std::uint32_t WorldScratch::next_epoch() {
  if (++epoch_ == 0) {
    std::fill(stamp_.begin(), stamp_.end(), 0);
    std::fill(touched_.begin(), touched_.end(), 0);
    epoch_ = 1;
  }
  return epoch_;
}

std::uint64_t spread_in_world(const InfluenceGraph& g, std::span<const VertexId> seeds, std::uint64_t seed,
                              std::uint64_t run, WorldScratch& s, std::uint64_t& edge_visits) {
  const std::uint64_t key = world_key(seed, run);
  const std::uint32_t epoch = s.next_epoch();
  const bool lt = g.model == DiffusionModel::kLinearThreshold;
  if (lt && s.touched_.size() != g.n) s.touched_.assign(g.n, 0);
  auto& queue = s.queue_;
  queue.clear();
  for (VertexId v : seeds)
    if (s.stamp_[v] != epoch) {
      s.stamp_[v] = epoch;
      queue.push_back(v);
    }
  std::uint64_t visits = 0;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const VertexId u = queue[head];
    const EdgeId begin = g.out_start[u], end = g.out_start[u + 1];
    visits += end - begin;
    for (EdgeId i = begin; i < end; ++i) {
      const VertexId v = g.out_dst[i];
      if (s.stamp_[v] == epoch) continue;
      bool activate;
      if (!lt) {
        activate = unit_of(mix64(key ^ (std::uint64_t{i} * kEdgeKey))) < g.out_p[i];
      } else {
        if (s.touched_[v] != epoch) {
          s.touched_[v] = epoch;
          s.weight_[v] = 0.0f;
        }
        s.weight_[v] += g.out_p[i];
        activate = s.weight_[v] >= unit_of(mix64(key ^ (std::uint64_t{v} * kNodeKey + 1)));
      }
      if (activate) {
        s.stamp_[v] = epoch;
        queue.push_back(v);
      }
    }
  }
  edge_visits += visits;
  return queue.size();
}

SpreadResult simulate_spread(const InfluenceGraph& g, std::span<const VertexId> seeds, const SpreadParams& params,
                             const Progress& progress) {
  params.validate();
  for (VertexId v : seeds)
    if (v >= g.n) throw UsageError("seed " + std::to_string(v) + " is not a node of the network");
  tbb::enumerable_thread_specific<WorldScratch> scratch([&] { return WorldScratch(g.n); });
  std::atomic<std::uint64_t> done{0};
  std::mutex progress_mutex;  // the sink need not be thread-safe
  const Cluster& cluster = cluster_or_self(params.cluster);
  const auto [first_run, end_run] = cluster.share(params.runs);
  Sums sums = reduce_blocks_in(
      first_run, end_run, Sums{},
      [&](std::uint64_t begin, std::uint64_t end, Sums acc) {
        WorldScratch& s = scratch.local();
        for (std::uint64_t run = begin; run != end; ++run) {
          const std::uint64_t size = spread_in_world(g, seeds, params.seed, run, s, acc.visits);
          acc.total += size;
          acc.squares += static_cast<unsigned __int128>(size) * size;
        }
        if (progress.reporting()) {
          const double fraction = static_cast<double>(done += end - begin) / static_cast<double>(params.runs);
          const std::lock_guard lock(progress_mutex);
          progress.advance(fraction);
        }
        return acc;
      },
      [](Sums a, const Sums& b) {
        a.total += b.total;
        a.squares += b.squares;
        a.visits += b.visits;
        return a;
      },
      16);
  if (cluster.distributed()) {
    // Exact sums across processes: the 128-bit sum of squares in 32-bit limbs.
    std::array<std::uint64_t, 6> parts = {sums.total, sums.visits};
    for (int i = 0; i < 4; ++i) parts[2 + i] = static_cast<std::uint64_t>(sums.squares >> (32 * i)) & 0xFFFFFFFFu;
    cluster.sum(parts);
    sums.total = parts[0];
    sums.visits = parts[1];
    sums.squares = 0;
    for (int i = 0; i < 4; ++i) sums.squares += static_cast<unsigned __int128>(parts[2 + i]) << (32 * i);
  }
  SpreadResult r;
  r.runs = params.runs;
  const double runs = static_cast<double>(params.runs);
  r.mean = static_cast<double>(sums.total) / runs;
  // Sample variance from exact integer sums: (sum x^2 - (sum x)^2 / R) / (R - 1).
  const unsigned __int128 total = sums.total;
  const unsigned __int128 centered_times_r = sums.squares * params.runs - total * total;  // R * sum (x - mean)^2
  r.stddev = std::sqrt(static_cast<double>(centered_times_r) / runs / (runs - 1));
  const double half = 1.96 * r.stddev / std::sqrt(runs);
  r.ci_low = r.mean - half;
  r.ci_high = r.mean + half;
  r.edge_visits = sums.visits;
  return r;
}

double exact_spread(const InfluenceGraph& g, std::span<const VertexId> seeds) {
  constexpr double kMaxWorlds = 1 << 22;
  std::vector<char> active(g.n);
  auto reached = [&](auto live_into) {  // live_into(i): out-edge i is live in this world
    std::fill(active.begin(), active.end(), 0);
    std::vector<VertexId> queue;
    for (VertexId v : seeds)
      if (!active[v]) active[v] = 1, queue.push_back(v);
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (EdgeId i = g.out_start[queue[head]]; i < g.out_start[queue[head] + 1]; ++i)
        if (!active[g.out_dst[i]] && live_into(i)) active[g.out_dst[i]] = 1, queue.push_back(g.out_dst[i]);
    return static_cast<double>(queue.size());
  };
  double expected = 0;
  if (g.model == DiffusionModel::kIndependentCascade) {
    const EdgeId m = static_cast<EdgeId>(g.out_dst.size());
    if (m > 22) throw UsageError("exact_spread: too many worlds to enumerate");
    for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << m); ++mask) {
      double p = 1;
      for (EdgeId i = 0; i < m; ++i) p *= (mask >> i) & 1 ? g.out_p[i] : 1.0 - g.out_p[i];
      expected += p * reached([&](EdgeId i) { return (mask >> i) & 1; });
    }
    return expected;
  }
  // LT live-edge worlds: node v keeps in-edge j of its list, or none (j = d_v).
  double worlds = 1;
  for (VertexId v = 0; v < g.n; ++v) worlds *= g.in_start[v + 1] - g.in_start[v] + 1;
  if (worlds > kMaxWorlds) throw UsageError("exact_spread: too many worlds to enumerate");
  std::vector<EdgeId> choice(g.n, 0);
  std::vector<VertexId> chosen_source(g.n);
  // Out-edge i = (u, v) is live when v chose u (parallel edges are merged upstream).
  std::vector<VertexId> out_source(g.out_dst.size());
  for (VertexId u = 0; u < g.n; ++u)
    for (EdgeId i = g.out_start[u]; i < g.out_start[u + 1]; ++i) out_source[i] = u;
  for (;;) {
    double p = 1;
    for (VertexId v = 0; v < g.n; ++v) {
      const EdgeId d = g.in_start[v + 1] - g.in_start[v];
      p *= choice[v] < d ? g.in_p[g.in_start[v] + choice[v]] : 1.0 - g.in_total[v];
      chosen_source[v] = choice[v] < d ? g.in_src[g.in_start[v] + choice[v]] : kNoVertex;
    }
    if (p > 0) {
      expected += p * reached([&](EdgeId i) { return chosen_source[g.out_dst[i]] == out_source[i]; });
    }
    VertexId v = 0;  // next world: mixed-radix increment
    while (v < g.n && ++choice[v] > g.in_start[v + 1] - g.in_start[v]) choice[v++] = 0;
    if (v == g.n) break;
  }
  return expected;
}

}  // namespace refnet
