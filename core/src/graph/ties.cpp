#include <refnet/graph/ties.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <type_traits>

namespace refnet {

namespace {

struct Tie {
  VertexId dst;
  std::uint32_t seq;  // input order within the row, so that sums add up in a fixed order
  float strength;
  float polarity;
};
struct TimedTie : Tie {
  double time;
};

// build_ties for one tie layout: without times a tie takes 16 bytes, not 24.
template <class T>
Graph build_ties_as(VertexId num_vertices, TieContributions in, Combine combine, std::uint64_t& self_loops,
                    std::uint64_t& merged) {
  constexpr bool kTimed = std::is_same_v<T, TimedTie>;
  const std::size_t n = num_vertices;
  const std::size_t m = in.edges.size();
  const bool unit = in.strength.empty();  // every contribution has strength and polarity 1
  // Bucket the contributions by source with a counting sort (one sequential
  // pass over the input, so the rows keep input order).
  std::vector<std::uint64_t> start(n + 1, 0);
  for (const Edge& e : in.edges) ++start[e.src + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<T> ties(m);
  {
    std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < m; ++i) {
      const VertexId u = in.edges[i].src;
      const std::uint64_t pos = next[u]++;
      T& t = ties[pos];
      t.dst = in.edges[i].dst;
      t.seq = static_cast<std::uint32_t>(pos - start[u]);
      t.strength = unit ? 1.0f : in.strength[i];
      t.polarity = unit ? 1.0f : in.polarity[i];
      if constexpr (kTimed) t.time = in.time[i];
    }
  }
  in = TieContributions{};
  // Per source: drop self-loops, combine parallel contributions, rank by strength.
  std::vector<EdgeId> kept(n + 1, 0);
  std::vector<std::uint64_t> loops(n, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t u = r.begin(); u != r.end(); ++u) {
      T* row = ties.data() + start[u];
      const std::size_t len = start[u + 1] - start[u];
      std::sort(row, row + len, [](const T& a, const T& b) { return a.dst != b.dst ? a.dst < b.dst : a.seq < b.seq; });
      std::size_t out = 0;
      for (std::size_t k = 0; k < len; ++k) {
        if (row[k].dst == u) {
          ++loops[u];
        } else if (out > 0 && row[out - 1].dst == row[k].dst) {
          T& t = row[out - 1];
          t.strength = combine == Combine::kSum ? t.strength + row[k].strength
                                                : 1.0f - (1.0f - t.strength) * (1.0f - row[k].strength);
          t.polarity += row[k].polarity;
          if constexpr (kTimed) t.time = std::max(t.time, row[k].time);
        } else {
          row[out++] = row[k];
        }
      }
      // Rows are now by target; equal strengths (any unweighted row) are already in rank order.
      const bool equal = std::all_of(row, row + out, [&](const T& t) { return t.strength == row[0].strength; });
      if (!equal)
        std::sort(row, row + out, [](const T& a, const T& b) {
          return a.strength != b.strength ? a.strength > b.strength : a.dst < b.dst;
        });
      kept[u + 1] = static_cast<EdgeId>(out);
    }
  });
  self_loops = std::accumulate(loops.begin(), loops.end(), std::uint64_t{0});
  std::partial_sum(kept.begin(), kept.end(), kept.begin());
  const std::size_t total = kept[n];
  merged = m - self_loops - total;
  std::vector<VertexId> column(total);
  std::vector<float> weight(total);
  std::vector<double> time(kTimed ? total : 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t u = r.begin(); u != r.end(); ++u) {
      for (EdgeId k = kept[u]; k < kept[u + 1]; ++k) {
        const T& t = ties[start[u] + (k - kept[u])];
        column[k] = t.dst;
        // The sign bit of the stored weight is the tie's sign.
        weight[k] = t.polarity < 0 ? -t.strength : t.strength;
        if constexpr (kTimed) time[k] = t.time;
      }
    }
  });
  ties = {};
  return Graph::from_csr(std::move(kept), std::move(column), std::move(weight), std::move(time));
}

}  // namespace

Graph build_ties(VertexId num_vertices, TieContributions in, Combine combine, std::uint64_t& self_loops,
                 std::uint64_t& merged) {
  if (in.strength.size() != in.polarity.size() || (!in.strength.empty() && in.strength.size() != in.edges.size()) ||
      (!in.time.empty() && in.time.size() != in.edges.size()))
    throw std::invalid_argument("build_ties: contribution arrays differ in length");
  if (in.time.empty()) return build_ties_as<Tie>(num_vertices, std::move(in), combine, self_loops, merged);
  return build_ties_as<TimedTie>(num_vertices, std::move(in), combine, self_loops, merged);
}

}  // namespace refnet
