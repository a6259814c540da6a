#include <refnet/algo/influence/rr_share.hpp>

#include <refnet/algo/influence/rr_sets.hpp>
#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>

namespace refnet {

namespace {

// Sample indices of this estimate: apart from those of the seed selection, so
// that the two samples are independent.
constexpr std::uint64_t kShareSample = std::uint64_t{1} << 60;
constexpr std::uint64_t kBlock = 4096;  // sets per work item

// Counts sets [first, end) into `count`; returns their total size.
//
// Most sets here are a root and one or two in-neighbours, so a set costs the
// cache misses of a random root (its in-edge row, its stamp, its count) more
// than the walk. The roots are a pure function of the set index, so they are
// computed kAhead sets early and their rows fetched while earlier sets are
// walked.
std::uint64_t count_sets(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t first, std::uint64_t end,
                         std::vector<std::uint32_t>& count) {
  constexpr std::uint64_t kAhead = 16;
  tbb::enumerable_thread_specific<RRScratch> scratch([&] { return RRScratch(g.n); });
  tbb::enumerable_thread_specific<std::vector<VertexId>> buffer;
  const std::uint64_t blocks = (end - first + kBlock - 1) / kBlock;
  auto root_of = [&](std::uint64_t i) { return sample_rng(seed, kShareSample + i).below32(g.n); };
  return reduce_blocks(
      blocks, std::uint64_t{0},
      [&](std::uint64_t begin, std::uint64_t stop, std::uint64_t nodes) {
        RRScratch& s = scratch.local();
        const std::uint32_t* stamp = s.stamps().data();
        std::vector<VertexId>& set = buffer.local();
        std::array<VertexId, kAhead> ahead{};
        for (std::uint64_t b = begin; b != stop; ++b) {
          const std::uint64_t lo = first + b * kBlock, hi = std::min(end, lo + kBlock);
          for (std::uint64_t i = lo; i < std::min(hi, lo + kAhead); ++i) ahead[i % kAhead] = root_of(i);
          for (std::uint64_t i = lo; i < hi; ++i) {
            if (i + kAhead < hi) {
              const VertexId far = root_of(i + kAhead);
              ahead[(i + kAhead) % kAhead] = far;
              __builtin_prefetch(&g.in_start[far]);
              __builtin_prefetch(&g.in_common_p[far]);
              __builtin_prefetch(stamp + far, 1);
              __builtin_prefetch(&count[far], 1);
            }
            if (i + kAhead / 2 < hi) {
              const EdgeId row = g.in_start[ahead[(i + kAhead / 2) % kAhead]];
              __builtin_prefetch(g.in_ic.empty() ? static_cast<const void*>(g.in_src.data() + row)
                                                 : static_cast<const void*>(g.in_ic.data() + row));
            }
            set.clear();
            sample_rr_set(g, seed, kShareSample + i, s, set);
            nodes += set.size();
            // Integer counts: the same totals in any order.
            for (VertexId v : set) std::atomic_ref<std::uint32_t>(count[v]).fetch_add(1, std::memory_order_relaxed);
          }
        }
        return nodes;
      },
      std::plus<>(), 1);
}

// The count of the user ranked ceil(fraction * n) by count, best first.
std::uint64_t boundary(const std::vector<std::uint32_t>& count, double fraction) {
  if (count.empty()) return 0;
  std::vector<std::uint32_t> sorted(count);
  const auto k = static_cast<std::size_t>(std::clamp(std::ceil(fraction * static_cast<double>(count.size())), 1.0,
                                                     static_cast<double>(count.size())));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1), sorted.end(), std::greater<>());
  return sorted[k - 1];
}

}  // namespace

void RRShareParams::validate() const {
  if (!(top_fraction > 0 && top_fraction <= 1)) throw UsageError("influence share: the top fraction must be in (0, 1]");
  if (target_count == 0) throw UsageError("influence share: the target count must be at least 1");
}

double RRShareResult::boundary_error() const {
  return boundary_count ? 1.0 / std::sqrt(static_cast<double>(boundary_count)) : 1.0;
}

RRShareResult rr_share(const InfluenceGraph& g, const RRShareParams& params, const Progress& progress) {
  params.validate();
  RRShareResult r;
  r.count.assign(g.n, 0);
  if (g.n == 0) return r;
  const std::uint64_t cap =
      params.sets > 0 ? params.sets
                      : (params.max_sets > 0 ? params.max_sets
                                             : std::max<std::uint64_t>(std::uint64_t{1} << 22, std::uint64_t{64} * g.n));
  // Rounds of doubling size from max(2^16, n) sets; each round adds to the
  // counts, so nothing is sampled twice.
  std::uint64_t goal = params.sets > 0 ? params.sets : std::min(cap, std::max<std::uint64_t>(std::uint64_t{1} << 16, g.n));
  for (;;) {
    const Progress::Phase round = progress.phase("round");
    r.nodes += count_sets(g, params.seed, r.sets, goal, r.count);
    r.sets = goal;
    round.advance(1.0);
    r.boundary_count = boundary(r.count, params.top_fraction);
    r.reached_target = r.boundary_count >= params.target_count;
    if (params.sets > 0 || r.reached_target || goal >= cap) break;
    // Counts grow in proportion to the sample: aim at the target with a 10%
    // margin, growing at least 2x (few rounds) and at most 8x per round (a
    // small count is a noisy guide to how far there is to go).
    const double scale =
        r.boundary_count > 0 ? 1.1 * static_cast<double>(params.target_count) / static_cast<double>(r.boundary_count) : 8.0;
    goal = std::min(cap, static_cast<std::uint64_t>(std::ceil(static_cast<double>(goal) * std::clamp(scale, 2.0, 8.0))));
  }
  return r;
}

std::vector<std::uint32_t> rr_share_reference(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t sets) {
  std::vector<std::uint32_t> count(g.n, 0);
  RRScratch scratch(g.n);
  std::vector<VertexId> set;
  for (std::uint64_t i = 0; i < sets; ++i) {
    set.clear();
    sample_rr_set(g, seed, kShareSample + i, scratch, set);
    for (VertexId v : set) ++count[v];
  }
  return count;
}

}  // namespace refnet
