#include <refnet/algo/influence/rr_sets.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace refnet {

namespace {
constexpr std::uint64_t kBlock = 1024;  // sample indices per parallel task
constexpr double kNoneFloor = 1e-280;   // below it, none[] would lose precision
constexpr std::uint64_t kAhead = 16;     // sets between a root's prefetch and its walk

// The root of set `index`: the first draw of its stream (as sample_rr_set takes it).
inline VertexId root_of(std::uint64_t seed, std::uint64_t index, VertexId n) {
  return sample_rng(seed, index).below32(n);
}

// The first position j in [a, end) with none[j] < t, or end: `none` decreases
// along the row. Short stretches are scanned, long ones halved.
inline EdgeId first_below(const InfluenceGraph::IcInEdge* row, EdgeId a, EdgeId end, double t) {
  if (end - a >= kHalvingMinRun) {
    // row[end - 1].none < t is known: the answer is in [a, end).
    EdgeId lo = a, len = end - a;
    while (len > 1) {
      const EdgeId half = len / 2;
      lo = row[lo + half - 1].none < t ? lo : lo + half;
      len -= half;
    }
    return lo;
  }
  while (!(row[a].none < t)) ++a;
  return a;
}

void sample_ic(const InfluenceGraph& g, CounterRng& rng, std::uint32_t epoch, std::uint32_t* stamp,
               std::vector<VertexId>& out, std::size_t head) {
  const InfluenceGraph::IcInEdge* ic = g.in_ic.data();
  auto visit = [&](VertexId u) {
    if (stamp[u] != epoch) {
      stamp[u] = epoch;
      out.push_back(u);
    }
  };
  for (; head < out.size(); ++head) {
    const VertexId v = out[head];
    EdgeId a = g.in_start[v];
    const EdgeId end = g.in_start[v + 1];
    for (; a < end && ic[a].none == InfluenceGraph::kSure; ++a) visit(ic[a].src);
    if (a == end) continue;
    const double floor_none = ic[end - 1].none;
    if (floor_none > kNoneFloor) {
      // The next live edge after a chance `cur` that none was so far: the first
      // j with none[j] < cur (1 - u), since P[none[j] < cur (1 - u)] =
      // 1 - none[j] / cur is the chance that one of a..j is live.
      double cur = 1;
      for (;;) {
        const double t = cur * (1.0 - rng.uniform());
        if (!(floor_none < t)) break;
        const EdgeId j = first_below(ic, a, end, t);
        visit(ic[j].src);
        cur = ic[j].none;
        a = j + 1;
        if (a == end) break;
      }
    } else {
      // Products too small for doubles: one draw per edge, two edges a draw.
      const VertexId* src = g.in_src.data();
      const std::uint32_t* threshold = g.in_threshold.data();
      for (; a + 1 < end; a += 2) {
        const std::uint64_t r = rng.next();
        if (static_cast<std::uint32_t>(r) <= threshold[a]) visit(src[a]);
        if (static_cast<std::uint32_t>(r >> 32) <= threshold[a + 1]) visit(src[a + 1]);
      }
      if (a < end && static_cast<std::uint32_t>(rng.next()) <= threshold[a]) visit(src[a]);
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
      // A set is about 4 nodes on the inputs measured, so its cost is the cache
      // misses of a random root (its row, its stamp) more than the walk. Roots
      // are a pure function of the index: fetch their rows kAhead sets early.
      std::array<VertexId, kAhead> ahead{};
      for (std::uint64_t i = lo; i < std::min(hi, lo + kAhead); ++i) ahead[i % kAhead] = root_of(seed, i, g.n);
      for (std::uint64_t i = lo; i < hi; ++i) {
        if (i + kAhead < hi) {
          const VertexId far = root_of(seed, i + kAhead, g.n);
          ahead[(i + kAhead) % kAhead] = far;
          __builtin_prefetch(&g.in_start[far]);
          __builtin_prefetch(s.stamps().data() + far, 1);
        }
        if (i + kAhead / 2 < hi) {
          const VertexId near = ahead[(i + kAhead / 2) % kAhead];
          const EdgeId row = g.in_start[near];
          if (!g.in_ic.empty()) {
            __builtin_prefetch(g.in_ic.data() + row);
          } else {
            __builtin_prefetch(g.in_src.data() + row);
            __builtin_prefetch(g.in_threshold.data() + row);
          }
        }
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
