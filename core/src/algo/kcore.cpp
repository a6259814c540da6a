#include <refnet/algo/kcore.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>

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
}  // namespace

KCoreResult core_numbers(const UndirectedGraph& g, const KCoreParams& params,
                         const std::function<void(double)>& progress) {
  params.validate();
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
      if (progress) progress(static_cast<double>(peeled) / n);
    }
    ++k;
  }
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
