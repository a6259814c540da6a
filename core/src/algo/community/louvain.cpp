#include <refnet/algo/community/louvain.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>
#include <refnet/parallel/random.hpp>

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <map>
#include <numeric>

namespace refnet {

namespace {

// A level's graph is an UndirectedGraph whose rows may hold the vertex itself:
// that entry's weight is the community's inside weight, counted from both ends.
// k(v) = the row's total weight, 2m = the sum of all k(v).
std::vector<double> weighted_degrees(const UndirectedGraph& g) {
  std::vector<double> k(g.num_vertices());
  for_each_index(g.num_vertices(), [&](VertexId v) {
    double sum = 0;
    for (std::uint64_t pos = g.offsets[v]; pos < g.offsets[v + 1]; ++pos) sum += g.weight(pos);
    k[v] = sum;
  });
  return k;
}

// Modularity of `comm` on a level graph, from the community totals.
double level_modularity(const UndirectedGraph& g, const std::vector<std::uint32_t>& comm,
                        const std::vector<double>& tot, double m2, double gamma) {
  if (m2 == 0) return 0;
  const double inside = deterministic_sum(g.num_vertices(), [&](VertexId v) {
    double sum = 0;
    for (std::uint64_t pos = g.offsets[v]; pos < g.offsets[v + 1]; ++pos)
      if (comm[g.neighbors[pos]] == comm[v]) sum += g.weight(pos);
    return sum;
  });
  const double expected = deterministic_sum(tot.size(), [&](std::size_t c) { return (tot[c] / m2) * (tot[c] / m2); });
  return inside / m2 - gamma * expected;
}

// Weights from one vertex to each neighbouring community, in a dense array
// that is cleared through the list of touched entries.
struct NeighborWeights {
  std::vector<double> weight;
  std::vector<std::uint32_t> touched;
  explicit NeighborWeights(std::size_t n) : weight(n, 0.0) {}
  void add(std::uint32_t c, double w) {
    if (weight[c] == 0) touched.push_back(c);
    weight[c] += w;
  }
  void clear() {
    for (std::uint32_t c : touched) weight[c] = 0;
    touched.clear();
  }
};

// The community v should join given the totals: the best gain, v's own
// community first and kept on ties, the others in order of first touch.
std::uint32_t best_community(const UndirectedGraph& g, VertexId v, const std::vector<std::uint32_t>& comm,
                             const std::vector<double>& tot, double kv, double m2, double gamma, NeighborWeights& to) {
  const std::uint32_t own = comm[v];
  for (std::uint64_t pos = g.offsets[v]; pos < g.offsets[v + 1]; ++pos)
    if (g.neighbors[pos] != v) to.add(comm[g.neighbors[pos]], g.weight(pos));
  const double scale = gamma * kv / m2;
  std::uint32_t best = own;
  double best_gain = to.weight[own] - scale * (tot[own] - kv);
  for (std::uint32_t c : to.touched) {
    if (c == own) continue;
    const double gain = to.weight[c] - scale * tot[c];
    if (gain > best_gain) {
      best_gain = gain;
      best = c;
    }
  }
  to.clear();
  return best;
}

struct LocalMoving {
  std::vector<std::uint32_t> comm;
  std::uint32_t sweeps = 0;
  std::uint64_t moves = 0;
  double modularity = 0;
};

LocalMoving move_vertices(const UndirectedGraph& g, const LouvainParams& p, std::uint32_t level) {
  const VertexId n = g.num_vertices();
  const std::vector<double> k = weighted_degrees(g);
  const double m2 = deterministic_sum(n, [&](VertexId v) { return k[v]; });
  LocalMoving r;
  r.comm.resize(n);
  std::iota(r.comm.begin(), r.comm.end(), 0u);
  std::vector<double> tot = k;
  r.modularity = level_modularity(g, r.comm, tot, m2, p.resolution);
  if (m2 == 0) return r;
  tbb::enumerable_thread_specific<NeighborWeights> scratch([n] { return NeighborWeights(n); });
  const std::size_t batch = std::clamp<std::size_t>(n / 64, 1, 2048);
  std::vector<VertexId> order(n);
  std::vector<std::uint32_t> choice(batch);
  for (std::uint32_t sweep = 0; sweep < p.max_sweeps; ++sweep) {
    const KeyedPermutation perm(n, mix64(p.seed) ^ mix64((std::uint64_t{level} << 32) | sweep));
    for (VertexId i = 0; i < n; ++i) order[i] = static_cast<VertexId>(perm(i));
    std::uint64_t moved = 0;
    for (std::size_t start = 0; start < n; start += batch) {
      const std::size_t size = std::min<std::size_t>(batch, n - start);
      for_each_index(
          size,
          [&](std::size_t i) {
            const VertexId v = order[start + i];
            choice[i] = best_community(g, v, r.comm, tot, k[v], m2, p.resolution, scratch.local());
          },
          16);
      for (std::size_t i = 0; i < size; ++i) {
        const VertexId v = order[start + i];
        if (choice[i] == r.comm[v]) continue;
        tot[r.comm[v]] -= k[v];
        tot[choice[i]] += k[v];
        r.comm[v] = choice[i];
        ++moved;
      }
    }
    ++r.sweeps;
    r.moves += moved;
    const double q = level_modularity(g, r.comm, tot, m2, p.resolution);
    const double gain = q - r.modularity;
    r.modularity = q;
    if (moved == 0 || gain < p.min_gain) break;
  }
  return r;
}

// Numbers communities 0.. in order of their lowest vertex; returns the count.
std::uint32_t renumber(std::vector<std::uint32_t>& comm) {
  std::vector<std::uint32_t> id(comm.size(), kNoLabel);
  std::uint32_t next = 0;
  for (std::uint32_t& c : comm) {
    if (id[c] == kNoLabel) id[c] = next++;
    c = id[c];
  }
  return next;
}

// The graph of communities: one vertex per community, the weight between two
// communities the sum of the weights between their members, and each
// community's inside weight on its own row.
UndirectedGraph aggregate(const UndirectedGraph& g, const std::vector<std::uint32_t>& comm, std::uint32_t count) {
  const VertexId n = g.num_vertices();
  std::vector<std::uint64_t> start(std::size_t{count} + 1, 0);
  for (VertexId v = 0; v < n; ++v) ++start[comm[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<VertexId> members(n);
  {
    std::vector<std::uint64_t> fill(start.begin(), start.end() - 1);
    for (VertexId v = 0; v < n; ++v) members[fill[comm[v]]++] = v;
  }
  std::vector<std::vector<std::pair<VertexId, double>>> rows(count);
  tbb::enumerable_thread_specific<NeighborWeights> scratch([count] { return NeighborWeights(count); });
  for_each_index(
      count,
      [&](std::uint32_t c) {
        NeighborWeights& to = scratch.local();
        for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) {
          const VertexId u = members[i];
          for (std::uint64_t pos = g.offsets[u]; pos < g.offsets[u + 1]; ++pos)
            to.add(comm[g.neighbors[pos]], g.weight(pos));
        }
        std::sort(to.touched.begin(), to.touched.end());
        for (std::uint32_t d : to.touched) rows[c].emplace_back(d, to.weight[d]);
        to.clear();
      },
      64);
  UndirectedGraph out;
  out.offsets.assign(std::size_t{count} + 1, 0);
  for (std::uint32_t c = 0; c < count; ++c) out.offsets[c + 1] = out.offsets[c] + rows[c].size();
  out.neighbors.resize(out.offsets[count]);
  out.weights.resize(out.offsets[count]);
  for_each_index(
      count,
      [&](std::uint32_t c) {
        std::uint64_t pos = out.offsets[c];
        for (const auto& [d, w] : rows[c]) {
          out.neighbors[pos] = d;
          out.weights[pos++] = w;
        }
      },
      256);
  return out;
}

// Communities numbered by decreasing size, then by lowest member.
void order_by_size(CommunityResult& r, std::uint32_t count) {
  std::vector<std::uint64_t> size(count, 0);
  for (std::uint32_t c : r.community) ++size[c];
  std::vector<std::uint32_t> by_size(count);
  std::iota(by_size.begin(), by_size.end(), 0u);
  // Communities are already numbered by lowest member, so a stable sort keeps that order on ties.
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
  std::vector<std::uint32_t> rank(count);
  r.size.resize(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    rank[by_size[i]] = i;
    r.size[i] = size[by_size[i]];
  }
  for (std::uint32_t& c : r.community) c = rank[c];
}

}  // namespace

void LouvainParams::validate() const {
  if (!(resolution > 0)) throw UsageError("Louvain resolution must be > 0");
  if (max_levels == 0 || max_sweeps == 0) throw UsageError("Louvain needs at least one level and one sweep");
  if (!(min_gain >= 0)) throw UsageError("Louvain min_gain must be >= 0");
}

CommunityResult louvain(const UndirectedGraph& g, const LouvainParams& params,
                        const Progress& progress) {
  params.validate();
  CommunityResult r;
  r.community.resize(g.num_vertices());
  std::iota(r.community.begin(), r.community.end(), 0u);
  UndirectedGraph coarse;
  const UndirectedGraph* level_graph = &g;
  for (std::uint32_t level = 0; level < params.max_levels; ++level) {
    LocalMoving moved = move_vertices(*level_graph, params, level);
    const std::uint32_t count = renumber(moved.comm);
    r.levels.push_back({level_graph->num_vertices(), count, moved.sweeps, moved.moves, moved.modularity});
    for (std::uint32_t& c : r.community) c = moved.comm[c];
    progress.advance(static_cast<double>(level + 1) / params.max_levels);
    if (moved.moves == 0 || count == level_graph->num_vertices()) break;
    coarse = aggregate(*level_graph, moved.comm, count);
    level_graph = &coarse;
  }
  const std::uint32_t count = renumber(r.community);
  order_by_size(r, count);
  r.modularity = modularity(g, r.community, params.resolution);
  progress.advance(1.0);
  return r;
}

CommunityResult louvain_reference(const UndirectedGraph& g, const LouvainParams& params) {
  params.validate();
  // Plain data per level: adjacency maps, moved one vertex at a time.
  using Adjacency = std::vector<std::map<std::uint32_t, double>>;
  Adjacency adj(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v)
    for (std::uint64_t pos = g.offsets[v]; pos < g.offsets[v + 1]; ++pos) adj[v][g.neighbors[pos]] += g.weight(pos);
  CommunityResult r;
  r.community.resize(g.num_vertices());
  std::iota(r.community.begin(), r.community.end(), 0u);
  const double gamma = params.resolution;
  for (std::uint32_t level = 0; level < params.max_levels; ++level) {
    const std::size_t n = adj.size();
    std::vector<double> k(n, 0.0);
    double m2 = 0;
    for (std::size_t v = 0; v < n; ++v)
      for (const auto& [u, w] : adj[v]) k[v] += w, m2 += w;
    std::vector<std::uint32_t> comm(n);
    std::iota(comm.begin(), comm.end(), 0u);
    std::vector<double> tot = k;
    std::uint64_t moves = 0;
    for (bool moved = m2 > 0; moved;) {
      moved = false;
      for (std::size_t v = 0; v < n; ++v) {
        std::map<std::uint32_t, double> to;
        for (const auto& [u, w] : adj[v])
          if (u != v) to[comm[u]] += w;
        tot[comm[v]] -= k[v];
        std::uint32_t best = comm[v];
        double best_gain = to[best] - gamma * tot[best] * k[v] / m2;
        for (const auto& [c, w] : to) {
          const double gain = w - gamma * tot[c] * k[v] / m2;
          if (gain > best_gain + 1e-12) best_gain = gain, best = c;
        }
        tot[best] += k[v];
        if (best != comm[v]) comm[v] = best, moved = true, ++moves;
      }
    }
    const std::uint32_t count = renumber(comm);
    for (std::uint32_t& c : r.community) c = comm[c];
    r.levels.push_back({static_cast<std::uint32_t>(n), count, 0, moves, 0});
    if (moves == 0) break;
    Adjacency next(count);
    for (std::size_t v = 0; v < n; ++v)
      for (const auto& [u, w] : adj[v]) next[comm[v]][comm[u]] += w;
    adj = std::move(next);
  }
  order_by_size(r, renumber(r.community));
  r.modularity = modularity(g, r.community, gamma);
  return r;
}

}  // namespace refnet
