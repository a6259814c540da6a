#include <refnet/algo/reach/hyperanf.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/memory.hpp>
#include <refnet/parallel/random.hpp>

#include "tie_adjacency.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <span>

namespace refnet {

void HyperAnfParams::validate() const {
  if (hops == 0) throw UsageError("--hops must be at least 1");
  if (hops > 1000) throw UsageError("--hops must be at most 1000");
  if (registers_log2 < 4 || registers_log2 > 16) throw UsageError("--registers-log2 must be between 4 and 16");
  ties.validate();
}

std::vector<double> HyperAnfResult::reach_values(VertexId n) const {
  std::vector<double> values(std::size_t{n} * hops);
  for (VertexId v = 0; v < n; ++v)
    for (std::uint32_t h = 1; h <= hops; ++h)
      values[std::size_t{v} * hops + h - 1] = std::max(0.0, static_cast<double>(ball(v, h, n)) - 1.0);
  return values;
}

namespace {

constexpr EdgeId kPrefetchAhead = 6;

std::uint64_t hash_key(std::uint64_t seed) { return mix64(seed ^ 0x9E3779B97F4A7C15ULL); }

// The register a user sets, and the value: the 1-based position of the first
// one bit above the b index bits (64 - b + 1 when they are all zero).
struct Hashed {
  std::uint32_t index;
  std::uint8_t rank;
};
Hashed hash_user(VertexId v, std::uint64_t key, std::uint32_t b) {
  const std::uint64_t h = mix64(key ^ v);
  const std::uint64_t rest = h >> b;
  const int rank = rest == 0 ? static_cast<int>(64 - b + 1) : std::countr_zero(rest) + 1;
  return {static_cast<std::uint32_t>(h & ((std::uint64_t{1} << b) - 1)), static_cast<std::uint8_t>(rank)};
}

// The HLL estimate of one counter (Flajolet et al. 2007), with linear
// counting for small cardinalities; 64-bit hashes need no large-range fix.
double estimate(const std::uint8_t* regs, std::uint32_t b) {
  const std::uint32_t m = 1u << b;
  double sum = 0;
  std::uint32_t zeros = 0;
  for (std::uint32_t j = 0; j < m; ++j) {
    sum += std::ldexp(1.0, -static_cast<int>(regs[j]));
    zeros += regs[j] == 0;
  }
  const double md = m;
  const double alpha = m == 16 ? 0.673 : m == 32 ? 0.697 : m == 64 ? 0.709 : 0.7213 / (1.0 + 1.079 / md);
  const double raw = alpha * md * md / sum;
  if (raw <= 2.5 * md && zeros > 0) return md * std::log(md / zeros);
  return raw;
}

// dst = max(dst, src) byte by byte, in 16-byte blocks the compiler vectorises.
void merge(std::uint8_t* __restrict dst, const std::uint8_t* __restrict src, std::uint32_t m) {
  for (std::uint32_t k = 0; k < m; k += 16)
    for (std::uint32_t j = 0; j < 16; ++j) dst[k + j] = std::max(dst[k + j], src[k + j]);
}

double sum_in_fixed_order(const std::vector<float>& x) {
  return deterministic_sum(x.size(), [&](std::size_t i) { return static_cast<double>(x[i]); }, 1 << 14);
}

// Under MPI, after an iteration: every process gets the new counters, change
// flags and estimates of every other process's range. When few counters
// changed (late iterations), only those travel, as (user, estimate, counter)
// records; otherwise the whole ranges do. The record buffer is kept under
// half the size of the whole exchange.
void exchange(const Cluster& cluster, std::span<const std::uint64_t> bounds, std::uint64_t changed_total, VertexId lo,
              std::uint32_t m, const std::vector<std::uint8_t>& next, std::vector<std::uint8_t>& cur,
              std::vector<std::uint8_t>& changed_now, std::vector<float>& est) {
  const std::uint64_t n = est.size();
  const auto hi = static_cast<VertexId>(lo + next.size() / m);
  const std::size_t record = 8 + std::size_t{m};
  if (changed_total * record > n * (m + 5) / 2) {
    std::copy(next.begin(), next.end(), cur.begin() + static_cast<std::ptrdiff_t>(std::size_t{lo} * m));
    cluster.gather_ranges(std::span(cur), bounds, m);
    cluster.gather_ranges(std::span(changed_now), bounds);
    cluster.gather_ranges(std::span(est), bounds);
    return;
  }
  std::vector<VertexId> mine;
  for (VertexId v = lo; v < hi; ++v)
    if (changed_now[v]) mine.push_back(v);
  std::vector<std::uint8_t> part(mine.size() * record);
  for_each_index(mine.size(), [&](std::size_t i) {
    const VertexId v = mine[i];
    std::uint8_t* at = part.data() + i * record;
    std::memcpy(at, &v, 4);
    std::memcpy(at + 4, &est[v], 4);
    std::memcpy(at + 8, next.data() + std::size_t{v - lo} * m, m);
  });
  const std::vector<std::uint8_t> all = cluster.gather_parts(std::span<const std::uint8_t>(part));
  std::fill(changed_now.begin(), changed_now.end(), 0);
  for_each_index(all.size() / record, [&](std::size_t i) {
    const std::uint8_t* at = all.data() + i * record;
    VertexId v;
    std::memcpy(&v, at, 4);
    changed_now[v] = 1;
    std::memcpy(&est[v], at + 4, 4);
    std::memcpy(cur.data() + std::size_t{v} * m, at + 8, m);
  });
}

}  // namespace

HllCounter::HllCounter(std::uint32_t registers_log2, std::uint64_t seed)
    : b_(registers_log2), key_(hash_key(seed)), registers_(std::size_t{1} << registers_log2, 0) {}

void HllCounter::add(VertexId v) {
  const Hashed h = hash_user(v, key_, b_);
  registers_[h.index] = std::max(registers_[h.index], h.rank);
}

double HllCounter::estimate() const { return refnet::estimate(registers_.data(), b_); }

HyperAnfResult hyperanf(const Graph& g, const HyperAnfParams& params, const Progress& progress) {
  params.validate();
  const VertexId n = g.num_vertices();
  const std::uint32_t b = params.registers_log2;
  const std::uint32_t m = 1u << b;
  const std::size_t bytes = std::size_t{n} * m;
  HyperAnfResult r;
  r.hops = params.hops;
  r.ties = params.ties;
  r.registers_log2 = b;
  r.relative_standard_error = 1.04 / std::sqrt(static_cast<double>(m));
  r.counter_bytes = bytes;

  // This process updates the counters of users [lo, hi) (all of them when
  // alone) from everyone's previous counters; after each iteration the
  // processes all-gather the updated counters, change flags and estimates.
  // Ranges are balanced by out-ties plus users, so that hubs numbered close
  // together do not all fall to one process.
  const Cluster& cluster = cluster_or_self(params.cluster);
  const std::vector<std::uint64_t> bounds = cluster.balanced_ranges(
      n, [&](std::uint64_t v) { return std::uint64_t{v < n ? g.out_begin(static_cast<VertexId>(v)) : g.num_edges()} + v; });
  const auto lo = static_cast<VertexId>(bounds[cluster.rank()]);
  const auto hi = static_cast<VertexId>(bounds[cluster.rank() + 1]);
  std::vector<std::uint8_t> cur, next;  // next: the counters of [lo, hi)
  reserve_huge(cur, bytes);
  reserve_huge(next, std::size_t{hi - lo} * m);
  cur.resize(bytes);
  next.resize(std::size_t{hi - lo} * m);
  std::vector<float> est(n);
  // changed[v]: v's counter changed in the last iteration (at t = 0 all are new).
  std::vector<std::uint8_t> changed(n, 1), changed_now(n, 0);
  const std::uint64_t key = hash_key(params.seed);
  for_each_block<VertexId>(n, [&](VertexId range_begin, VertexId range_end) {
    for (VertexId v = range_begin; v < range_end; ++v) {
      std::uint8_t* regs = cur.data() + std::size_t{v} * m;
      std::memset(regs, 0, m);
      const Hashed h = hash_user(v, key, b);
      regs[h.index] = h.rank;
      est[v] = static_cast<float>(estimate(regs, b));
    }
  }, 1);
  r.neighbourhood.push_back(sum_in_fixed_order(est));
  if (params.per_user) r.balls.resize(std::size_t{n} * params.hops);

  for (std::uint32_t t = 1; t <= params.hops; ++t) {
    const std::uint64_t changed_here = r.converged ? 0 : reduce_blocks_in(
        lo, hi, std::uint64_t{0},
        [&](VertexId range_begin, VertexId range_end, std::uint64_t count) {
          for (VertexId v = range_begin; v < range_end; ++v) {
            const std::uint8_t* old = cur.data() + std::size_t{v} * m;
            std::uint8_t* regs = next.data() + std::size_t{v - lo} * m;
            std::memcpy(regs, old, m);
            // A neighbour whose counter did not change was merged already.
            // Counters are read at random: fetch a few edges ahead.
            const auto [first_edge, last_edge] = detail::kept_rank_window(g, params.ties, v);
            for (EdgeId e = first_edge; e < last_edge; ++e) {
              if (e + kPrefetchAhead < last_edge) __builtin_prefetch(cur.data() + std::size_t{g.target(e + kPrefetchAhead)} * m);
              const VertexId w = g.target(e);
              if (changed[w] && (!params.ties.positive_only || g.sign(e) > 0)) merge(regs, cur.data() + std::size_t{w} * m, m);
            }
            changed_now[v] = std::memcmp(regs, old, m) != 0;
            if (changed_now[v]) {
              est[v] = static_cast<float>(estimate(regs, b));
              ++count;
            }
          }
          return count;
        },
        std::plus<>());
    // Every process takes the same branch: the count is summed over all.
    const std::uint64_t changed_total = r.converged ? 0 : cluster.sum(changed_here);
    if (changed_total > 0) {
      if (!cluster.distributed()) std::swap(cur, next);
      else exchange(cluster, bounds, changed_total, lo, m, next, cur, changed_now, est);
      std::swap(changed, changed_now);
      ++r.iterations;
    } else {
      r.converged = true;
    }
    // Every process holds every estimate: the same sum, in the same order.
    r.neighbourhood.push_back(sum_in_fixed_order(est));
    if (params.per_user) std::copy(est.begin(), est.end(), r.balls.begin() + static_cast<std::ptrdiff_t>((t - 1) * std::size_t{n}));
    progress.advance(static_cast<double>(t) / params.hops);
  }
  return r;
}

}  // namespace refnet
