#include <refnet/algo/influence/rr_sets.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>

namespace refnet {

namespace {
constexpr std::uint64_t kBlock = 1024;  // sample indices per parallel task

// Number of failures before the first success of a Bernoulli(p) sequence, for
// scale = 1 / ln(1 - p).
inline std::uint64_t geometric_skip(CounterRng& rng, double scale) {
  const double x = std::log(rng.nonzero_uniform()) * scale;
  return x < 1e18 ? static_cast<std::uint64_t>(x) : ~std::uint64_t{0} >> 1;
}

void sample_ic(const InfluenceGraph& g, CounterRng& rng, std::uint32_t epoch, std::uint32_t* stamp,
               std::vector<VertexId>& out, std::size_t head) {
  const VertexId* src = g.in_src.data();
  const std::uint32_t* threshold = g.in_threshold.data();
  auto visit = [&](VertexId u) {
    if (stamp[u] != epoch) {
      stamp[u] = epoch;
      out.push_back(u);
    }
  };
  for (; head < out.size(); ++head) {
    const VertexId v = out[head];
    const EdgeId begin = g.in_start[v], end = g.in_start[v + 1];
    const float common = g.in_common_p[v];
    if (common >= 1.0f) {
      for (EdgeId pos = begin; pos < end; ++pos) visit(src[pos]);
    } else if (common > 0.0f && end - begin >= kSkipMinDegree) {
      const double scale = g.in_skip_scale[v];
      for (std::uint64_t pos = begin + geometric_skip(rng, scale); pos < end; pos += 1 + geometric_skip(rng, scale))
        visit(src[pos]);
    } else {
      // One 64-bit draw decides two edges.
      EdgeId pos = begin;
      for (; pos + 1 < end; pos += 2) {
        const std::uint64_t r = rng.next();
        if (static_cast<std::uint32_t>(r) <= threshold[pos]) visit(src[pos]);
        if (static_cast<std::uint32_t>(r >> 32) <= threshold[pos + 1]) visit(src[pos + 1]);
      }
      if (pos < end && static_cast<std::uint32_t>(rng.next()) <= threshold[pos]) visit(src[pos]);
    }
  }
}

// LT: from v, the live in-edge is u with probability w(u, v), none with
// 1 - sum; the walk stops at no edge or at a node already in the set. A 32-bit
// r picks the edge whose cumulative threshold range holds it.
void sample_lt(const InfluenceGraph& g, CounterRng& rng, std::uint32_t epoch, std::uint32_t* stamp,
               std::vector<VertexId>& out, VertexId v) {
  for (;;) {
    const EdgeId begin = g.in_start[v], end = g.in_start[v + 1];
    if (begin == end) return;
    const std::uint64_t r = rng.next() >> 32;
    EdgeId pick = end;
    if (g.in_common_p[v] > 0) {
      const std::uint64_t slot = r / (std::uint64_t{g.in_threshold[begin]} + 1);
      if (slot < end - begin) pick = begin + static_cast<EdgeId>(slot);
    } else {
      std::uint64_t acc = 0;
      for (EdgeId pos = begin; pos < end; ++pos) {
        acc += std::uint64_t{g.in_threshold[pos]} + 1;
        if (r < acc) {
          pick = pos;
          break;
        }
      }
    }
    if (pick == end) return;
    const VertexId u = g.in_src[pick];
    if (stamp[u] == epoch) return;
    stamp[u] = epoch;
    out.push_back(u);
    v = u;
  }
}
}  // namespace

std::uint32_t RRScratch::next_epoch() {
  if (++epoch_ == 0) {  // wrapped: old stamps could collide
    std::fill(stamp_.begin(), stamp_.end(), 0);
    epoch_ = 1;
  }
  return epoch_;
}

void sample_rr_set(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t index, RRScratch& scratch,
                   std::vector<VertexId>& out) {
  CounterRng rng = sample_rng(seed, index);
  const std::uint32_t epoch = scratch.next_epoch();
  std::uint32_t* stamp = scratch.stamps().data();
  const std::size_t head = out.size();
  const VertexId root = rng.below32(g.n);
  stamp[root] = epoch;
  out.push_back(root);
  if (g.model == DiffusionModel::kIndependentCascade)
    sample_ic(g, rng, epoch, stamp, out, head);
  else
    sample_lt(g, rng, epoch, stamp, out, root);
}

void sample_rr_sets(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t first, std::uint64_t count,
                    RRSets& sets) {
  if (count == 0 || g.n == 0) return;
  const std::uint64_t blocks = (count + kBlock - 1) / kBlock;
  std::vector<std::vector<VertexId>> block_nodes(blocks);
  std::vector<std::vector<std::uint32_t>> block_sizes(blocks);
  tbb::enumerable_thread_specific<RRScratch> scratch([&] { return RRScratch(g.n); });
  for_each_block<std::uint64_t>(blocks, [&](std::uint64_t r_begin, std::uint64_t r_end) {
    RRScratch& s = scratch.local();
    for (std::uint64_t b = r_begin; b != r_end; ++b) {
      const std::uint64_t lo = first + b * kBlock, hi = std::min(first + count, lo + kBlock);
      auto& nodes = block_nodes[b];
      auto& sizes = block_sizes[b];
      sizes.reserve(hi - lo);
      for (std::uint64_t i = lo; i < hi; ++i) {
        const std::size_t before = nodes.size();
        sample_rr_set(g, seed, i, s, nodes);
        sizes.push_back(static_cast<std::uint32_t>(nodes.size() - before));
      }
    }
  }, 1);
  // Concatenate in block order, so the layout does not depend on scheduling.
  std::vector<std::uint64_t> node_at(blocks + 1, sets.nodes.size());
  for (std::uint64_t b = 0; b < blocks; ++b) node_at[b + 1] = node_at[b] + block_nodes[b].size();
  const std::uint64_t set_base = sets.size();
  sets.nodes.resize(node_at[blocks]);
  sets.offsets.resize(set_base + count + 1);
  for_each_block<std::uint64_t>(blocks, [&](std::uint64_t r_begin, std::uint64_t r_end) {
    for (std::uint64_t b = r_begin; b != r_end; ++b) {
      std::copy(block_nodes[b].begin(), block_nodes[b].end(), sets.nodes.begin() + static_cast<std::ptrdiff_t>(node_at[b]));
      std::uint64_t off = node_at[b];
      std::uint64_t i = set_base + b * kBlock;
      for (std::uint32_t size : block_sizes[b]) {
        off += size;
        sets.offsets[++i] = off;
      }
      std::vector<VertexId>().swap(block_nodes[b]);
    }
  }, 1);
}

std::vector<VertexId> sample_rr_set_reference(const InfluenceGraph& g, std::uint64_t seed, std::uint64_t index) {
  CounterRng rng = sample_rng(seed ^ 0xA5A5A5A5DEADBEEFULL, index);
  std::vector<bool> in_set(g.n, false);
  std::vector<VertexId> set{rng.below32(g.n)};
  in_set[set[0]] = true;
  if (g.model == DiffusionModel::kIndependentCascade) {
    for (std::size_t head = 0; head < set.size(); ++head) {
      const VertexId v = set[head];
      for (EdgeId pos = g.in_start[v]; pos < g.in_start[v + 1]; ++pos) {
        const bool live = rng.uniform() < g.in_p[pos];
        if (live && !in_set[g.in_src[pos]]) {
          in_set[g.in_src[pos]] = true;
          set.push_back(g.in_src[pos]);
        }
      }
    }
    return set;
  }
  for (VertexId v = set[0];;) {
    const double r = rng.uniform();
    double acc = 0;
    VertexId next = kNoVertex;
    for (EdgeId pos = g.in_start[v]; pos < g.in_start[v + 1] && next == kNoVertex; ++pos) {
      acc += g.in_p[pos];
      if (r < acc) next = g.in_src[pos];
    }
    if (next == kNoVertex || in_set[next]) return set;
    in_set[next] = true;
    set.push_back(next);
    v = next;
  }
}

}  // namespace refnet
