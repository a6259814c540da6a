#include <refnet/algo/kcore.hpp>

#include <refnet/parallel/loops.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>

namespace refnet {

namespace {
// The elements of `in` for which keep(v) holds, in parallel (order not kept).
template <class Keep>
std::vector<VertexId> filter(const std::vector<VertexId>& in, const Keep& keep) {
  tbb::enumerable_thread_specific<std::vector<VertexId>> parts;
  for_each_block(in.size(), [&](std::size_t begin, std::size_t end) {
    auto& part = parts.local();
    for (std::size_t i = begin; i < end; ++i)
      if (keep(in[i])) part.push_back(in[i]);
  }, 4096);
  std::vector<VertexId> out;
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}
}  // namespace

KCoreResult core_numbers(const UndirectedGraph& g, const KCoreParams& params,
                         const std::function<void(double)>& progress) {
  params.validate();
  const VertexId n = g.num_vertices();
  KCoreResult r;
  r.core.assign(n, 0);
  std::vector<std::atomic<std::uint32_t>> degree(n);
  for_each_index(n, [&](VertexId v) { degree[v].store(static_cast<std::uint32_t>(g.degree(v)), std::memory_order_relaxed); });
  std::vector<VertexId> remaining(n);
  for (VertexId v = 0; v < n; ++v) remaining[v] = v;
  std::uint64_t peeled = 0;
  std::uint32_t k = 0;
  while (!remaining.empty()) {
    std::vector<VertexId> frontier =
        filter(remaining, [&](VertexId v) { return degree[v].load(std::memory_order_relaxed) <= k; });
    if (frontier.empty()) {
      // Jump straight to the smallest degree left.
      std::uint32_t lowest = UINT32_MAX;
      for (VertexId v : remaining) lowest = std::min(lowest, degree[v].load(std::memory_order_relaxed));
      k = lowest;
      continue;
    }
    remaining = filter(remaining, [&](VertexId v) { return degree[v].load(std::memory_order_relaxed) > k; });
    while (!frontier.empty()) {
      ++r.rounds;
      peeled += frontier.size();
      for_each_index(frontier.size(), [&](std::size_t i) { r.core[frontier[i]] = k; }, 4096);
      tbb::enumerable_thread_specific<std::vector<VertexId>> next;
      for_each_block(frontier.size(), [&](std::size_t begin, std::size_t end) {
        auto& out = next.local();
        for (std::size_t i = begin; i < end; ++i)
          for (VertexId u : g.row(frontier[i]))
            if (degree[u].fetch_sub(1, std::memory_order_relaxed) == k + 1) out.push_back(u);
      }, 64);
      frontier.clear();
      for (auto& part : next) frontier.insert(frontier.end(), part.begin(), part.end());
      if (progress) progress(static_cast<double>(peeled) / n);
    }
    // Vertices that dropped to k during the rounds were peeled; drop them here.
    remaining = filter(remaining, [&](VertexId v) { return degree[v].load(std::memory_order_relaxed) > k; });
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
