#include <refnet/algo/centrality/kcore.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <utility>

namespace refnet {

namespace {
constexpr std::size_t kSerialBelow = 2048;  // smaller steps cost less than starting tasks
constexpr std::uint32_t kUnpeeled = 0xFFFFFFFFu;

// One pass over the vertices still in play: those of degree <= k go to
// `frontier`, the others stay in `remaining` (peeled ones are dropped);
// returns the least degree among those that stay.
template <class Degree>
std::uint32_t split_level(std::vector<VertexId>& remaining, std::vector<VertexId>& frontier, std::uint32_t k,
                          const Degree& degree, const std::vector<std::uint32_t>& core) {
  struct Part {
    std::vector<VertexId> low;
    std::vector<VertexId> high;
    std::uint32_t least = kUnpeeled;
  };
  const auto sort_into = [&](VertexId v, Part& part) {
    if (core[v] != kUnpeeled) return;
    const std::uint32_t d = degree(v);
    if (d <= k) {
      part.low.push_back(v);
    } else {
      part.high.push_back(v);
      part.least = std::min(part.least, d);
    }
  };
  frontier.clear();
  if (remaining.size() < kSerialBelow) {
    Part part;
    for (VertexId v : remaining) sort_into(v, part);
    frontier = std::move(part.low);
    remaining = std::move(part.high);
    return part.least;
  }
  tbb::enumerable_thread_specific<Part> parts;
  for_each_block(
      remaining.size(),
      [&](std::size_t begin, std::size_t end) {
        Part& part = parts.local();
        for (std::size_t i = begin; i < end; ++i) sort_into(remaining[i], part);
      },
      4096);
  std::uint32_t least = kUnpeeled;
  std::vector<VertexId> high;
  for (Part& part : parts) {
    frontier.insert(frontier.end(), part.low.begin(), part.low.end());
    high.insert(high.end(), part.high.begin(), part.high.end());
    least = std::min(least, part.least);
  }
  remaining = std::move(high);
  return least;
}

// Graphs with fewer adjacency entries than this are peeled on one thread: up
// to a few million entries the degrees and rows sit in cache and one core
// peels faster than threads can be started and synchronised level by level.
constexpr std::uint64_t kSerialGraphBelow = std::uint64_t{1} << 22;

// Peeling by levels on one thread, in compact arrays. A scan per level moves
// the vertices of degree <= k from `remaining` (compacted in place) onto one
// queue that ends up holding every vertex in peeling order; peeling a vertex
// decrements its neighbours' degrees without testing whether they are still
// in play (a peeled vertex's degree is set far above any level, so that the
// decrements never bring it back down to one), and a neighbour that falls from
// k+1 to k is appended to the queue. The queue is first in, first out, so its
// rounds are the parallel peeling's rounds, and `rounds` agrees with it.
KCoreResult peel_serial(const UndirectedGraph& g, const Progress& progress) {
  const VertexId n = g.num_vertices();
  constexpr std::uint32_t kPeeled = 0x80000000u;  // > any degree, and stays > kPeeled / 2
  if (g.neighbors.size() >= kPeeled / 2) throw std::length_error("core_numbers: graph too large for one thread");
  KCoreResult r;
  // The degrees live in the result's array, and each vertex's level is read
  // off the queue at the end: one array less to fault in (a third of the
  // time of a first call on soc-Epinions1 went to page faults).
  std::vector<std::uint32_t>& degree = r.core;
  degree.resize(n);
  std::vector<VertexId> remaining(n);
  std::vector<VertexId> queue(std::size_t{n} + 1);  // + 1: the split writes one past the queued
  std::vector<std::pair<std::size_t, std::uint32_t>> levels;  // (start in the queue, k)
  for (VertexId v = 0; v < n; ++v) {
    degree[v] = static_cast<std::uint32_t>(g.degree(v));
    remaining[v] = v;
  }
  const std::uint64_t* offsets = g.offsets.data();
  const VertexId* neighbors = g.neighbors.data();
  std::size_t left = n;    // remaining[0, left): not queued yet
  std::size_t queued = 0;  // queue[0, queued): queued (peeled, or peeled at this level)
  std::uint32_t k = 0;
  while (left > 0) {
    // Branch-free split: every vertex is written to both lists, and the list
    // it belongs to advances. Peeled vertices (queued in an earlier round of
    // the last level) are dropped.
    const std::size_t level_start = queued;
    std::size_t kept = 0;
    std::uint32_t least = kPeeled;
    for (std::size_t i = 0; i < left; ++i) {
      const VertexId v = remaining[i];
      const std::uint32_t d = degree[v];
      const bool stays = d - k - 1 < kPeeled / 2 - k - 1;  // k < d < kPeeled / 2
      queue[queued] = v;
      queued += d <= k;
      remaining[kept] = v;
      kept += stays;
      least = std::min(least, stays ? d : kPeeled);
    }
    left = kept;
    if (queued == level_start) {  // nobody at this level: go straight to the least degree left
      k = least;
      continue;
    }
    levels.emplace_back(level_start, k);
    for (std::size_t i = level_start, round_end = level_start; i < queued; ++i) {
      if (i == round_end) {
        ++r.rounds;
        round_end = queued;
      }
      const VertexId v = queue[i];
      degree[v] = kPeeled;
      for (std::uint64_t e = offsets[v]; e < offsets[v + 1]; ++e) {
        const VertexId u = neighbors[e];
        const std::uint32_t d = degree[u]--;
        if (d == k + 1) queue[queued++] = u;
      }
    }
    progress.advance(static_cast<double>(queued) / n);
    ++k;
  }
  levels.emplace_back(queued, 0);
  for (std::size_t j = 0; j + 1 < levels.size(); ++j)
    for (std::size_t i = levels[j].first; i < levels[j + 1].first; ++i) r.core[queue[i]] = levels[j].second;
  return r;
}

// Level-synchronous peeling on all threads (see the header).
KCoreResult peel_parallel(const UndirectedGraph& g, const Progress& progress) {
  const VertexId n = g.num_vertices();
  KCoreResult r;
  r.core.assign(n, kUnpeeled);
  std::vector<std::atomic<std::uint32_t>> degree(n);
  for_each_index(
      n, [&](VertexId v) { degree[v].store(static_cast<std::uint32_t>(g.degree(v)), std::memory_order_relaxed); });
  const auto degree_of = [&](VertexId v) { return degree[v].load(std::memory_order_relaxed); };
  std::vector<VertexId> remaining(n);
  for (VertexId v = 0; v < n; ++v) remaining[v] = v;
  std::vector<VertexId> frontier;
  std::vector<VertexId> next_frontier;
  tbb::enumerable_thread_specific<std::vector<VertexId>> next;
  std::uint64_t peeled = 0;
  for (std::uint32_t k = 0; !remaining.empty();) {
    const std::uint32_t least = split_level(remaining, frontier, k, degree_of, r.core);
    if (frontier.empty()) {  // no vertex at this level: go straight to the least degree left
      k = least;
      continue;
    }
    // Peeling v: its core is k, and each neighbour loses a degree; one that
    // falls from k+1 to k is peeled in the next round of this level.
    const auto peel = [&](VertexId v, std::vector<VertexId>& out) {
      r.core[v] = k;
      for (VertexId u : g.row(v))
        if (degree[u].fetch_sub(1, std::memory_order_relaxed) == k + 1) out.push_back(u);
    };
    // The same on one thread, without the cost of atomic read-modify-writes.
    const auto peel_alone = [&](VertexId v, std::vector<VertexId>& out) {
      r.core[v] = k;
      for (VertexId u : g.row(v)) {
        const std::uint32_t d = degree[u].load(std::memory_order_relaxed);
        degree[u].store(d - 1, std::memory_order_relaxed);
        if (d == k + 1) out.push_back(u);
      }
    };
    while (!frontier.empty()) {
      ++r.rounds;
      peeled += frontier.size();
      next_frontier.clear();
      if (frontier.size() < kSerialBelow) {
        for (VertexId v : frontier) peel_alone(v, next_frontier);
      } else {
        for (auto& part : next) part.clear();
        for_each_block(
            frontier.size(),
            [&](std::size_t begin, std::size_t end) {
              auto& out = next.local();
              for (std::size_t i = begin; i < end; ++i) peel(frontier[i], out);
            },
            64);
        for (auto& part : next) next_frontier.insert(next_frontier.end(), part.begin(), part.end());
      }
      frontier.swap(next_frontier);
      progress.advance(static_cast<double>(peeled) / n);
    }
    ++k;
  }
  return r;
}

}  // namespace

KCoreResult core_numbers(const UndirectedGraph& g, const KCoreParams& params,
                         const Progress& progress) {
  params.validate();
  const bool serial = params.method == KCoreMethod::kSerial ||
                      (params.method == KCoreMethod::kAuto && g.neighbors.size() < kSerialGraphBelow);
  KCoreResult r = serial ? peel_serial(g, progress) : peel_parallel(g, progress);
  for (std::uint32_t c : r.core) r.degeneracy = std::max(r.degeneracy, c);
  return r;
}

std::vector<std::uint32_t> core_numbers_reference(const UndirectedGraph& g) {
  // Batagelj-Zaversnik: vertices in an array sorted by degree, with bucket starts;
  // taking the vertex of least degree and moving its higher-degree neighbours
  // one bucket down keeps the array sorted in O(1) per edge.
  const VertexId n = g.num_vertices();
  std::vector<std::uint32_t> deg(n);
  std::uint32_t max_deg = 0;
  for (VertexId v = 0; v < n; ++v) max_deg = std::max(max_deg, deg[v] = static_cast<std::uint32_t>(g.degree(v)));
  std::vector<std::uint32_t> bin(max_deg + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++bin[deg[v]];
  std::uint32_t start = 0;
  for (std::uint32_t d = 0; d <= max_deg; ++d) {
    const std::uint32_t count = bin[d];
    bin[d] = start;
    start += count;
  }
  std::vector<VertexId> vert(n);
  std::vector<std::uint32_t> pos(n);
  for (VertexId v = 0; v < n; ++v) {
    pos[v] = bin[deg[v]]++;
    vert[pos[v]] = v;
  }
  for (std::uint32_t d = max_deg; d > 0; --d) bin[d] = bin[d - 1];
  bin[0] = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const VertexId v = vert[i];
    for (VertexId u : g.row(v)) {
      if (deg[u] > deg[v]) {
        const std::uint32_t du = deg[u];
        const std::uint32_t pu = pos[u];
        const std::uint32_t pw = bin[du];
        const VertexId w = vert[pw];
        if (u != w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        ++bin[du];
        --deg[u];
      }
    }
  }
  return deg;
}

}  // namespace refnet
