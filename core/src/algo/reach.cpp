#include <refnet/algo/reach.hpp>

#include <refnet/error.hpp>

#include "tie_adjacency.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>

namespace refnet {

void TieFilter::validate() const {
  if (rank_begin >= rank_end) throw UsageError("tie filter: no rank is kept (rank_begin >= rank_end)");
}

std::string_view layer_name(std::uint32_t size, const std::vector<std::uint32_t>& sizes) {
  static constexpr std::array<std::string_view, 4> kNames = {"support", "sympathy", "affinity", "active"};
  for (std::size_t i = 0; i < sizes.size() && i < kNames.size(); ++i)
    if (size <= sizes[i]) return kNames[i];
  return "acquaintance";
}

TieFilter all_ties(bool positive_only) {
  TieFilter f;
  f.positive_only = positive_only;
  f.label = positive_only ? "all positive" : "all";
  return f;
}

TieFilter dunbar_ties(std::uint32_t cap, bool positive_only) {
  if (cap == 0) throw UsageError("--dunbar must be at least 1");
  TieFilter f;
  f.rank_end = cap;
  f.positive_only = positive_only;
  f.label = "dunbar " + std::to_string(cap) + (positive_only ? " positive" : "");
  return f;
}

TieFilter layer_ties(std::uint32_t size, bool ring, const std::vector<std::uint32_t>& sizes, bool positive_only) {
  const auto it = std::find(sizes.begin(), sizes.end(), size);
  if (it == sizes.end()) {
    std::string list;
    for (auto s : sizes) list += (list.empty() ? "" : ", ") + std::to_string(s);
    throw UsageError("--layer must be one of the layer sizes (" + list + "), not " + std::to_string(size));
  }
  TieFilter f;
  f.rank_begin = ring && it != sizes.begin() ? *(it - 1) : 0;
  f.rank_end = size;
  f.positive_only = positive_only;
  f.label = "layer " + std::to_string(size) + (ring ? " ring" : "") + (positive_only ? " positive" : "");
  return f;
}

std::vector<std::uint32_t> parse_layer_sizes(std::string_view list) {
  std::vector<std::uint32_t> sizes;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || end != item.data() + item.size() || v == 0 || (!sizes.empty() && v <= sizes.back()))
      throw UsageError("--layer-sizes must be increasing positive integers separated by commas, like 5,15,50,150");
    sizes.push_back(v);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  if (sizes.empty()) throw UsageError("--layer-sizes is empty");
  return sizes;
}

void ReachParams::validate(VertexId num_vertices) const {
  if (hops == 0) throw UsageError("--hops must be at least 1");
  if (hops > 64) throw UsageError("--hops must be at most 64");
  ties.validate();
  for (VertexId s : sources)
    if (s >= num_vertices) throw UsageError("reach: source " + std::to_string(s) + " is not a user");
}

namespace {

// Beamer's switch: pull once the frontier's out-edges exceed this share of all edges.
constexpr double kPullShare = 0.25;
constexpr std::uint32_t kCountBits = 33;  // a count of up to 2^33 - 1 per source

// One worker's MS-BFS state for batches of up to 64 * W sources: three bit
// sets per vertex (W words each), the lists of frontier vertices, and the
// bit-sliced per-source counters.
template <int W>
class MsBfs {
 public:
  using Lanes = std::array<std::uint64_t, W>;

  explicit MsBfs(const detail::TieAdjacency& adj)
      : adj_(adj), seen_(adj.num_vertices()), cur_(adj.num_vertices()), next_(adj.num_vertices()) {}

  // BFS from sources[0..count) (count <= 64 * W); row i of `out` (hops
  // counts) receives source i's cumulative reach.
  void run(const VertexId* sources, std::uint32_t count, std::uint32_t hops, std::uint32_t* out) {
    Lanes full{};
    for (std::uint32_t i = 0; i < count; ++i) full[i / 64] |= std::uint64_t{1} << (i % 64);
    frontier_.clear();
    visited_.clear();
    for (std::uint32_t i = 0; i < count; ++i) {
      const VertexId v = sources[i];
      if (is_zero(cur_[v])) frontier_.push_back(v);
      cur_[v][i / 64] |= std::uint64_t{1} << (i % 64);
      seen_[v][i / 64] |= std::uint64_t{1} << (i % 64);
    }
    visited_ = frontier_;
    std::vector<std::uint64_t> total(count, 0);
    for (std::uint32_t h = 1; h <= hops; ++h) {
      if (!frontier_.empty()) {
        next_list_.clear();
        clear_counter();
        if (push_edges() > kPullShare * static_cast<double>(adj_.num_edges())) pull(full);
        else push();
        for (VertexId u : frontier_) cur_[u] = Lanes{};
        std::swap(cur_, next_);
        std::swap(frontier_, next_list_);
        visited_.insert(visited_.end(), frontier_.begin(), frontier_.end());
        for (std::uint32_t i = 0; i < count; ++i) total[i] += counted(i);
      }
      for (std::uint32_t i = 0; i < count; ++i) out[std::size_t{i} * hops + h - 1] = static_cast<std::uint32_t>(total[i]);
    }
    for (VertexId v : visited_) seen_[v] = Lanes{};
    for (VertexId v : frontier_) cur_[v] = Lanes{};
  }

 private:
  static bool is_zero(const Lanes& x) {
    std::uint64_t any = 0;
    for (int j = 0; j < W; ++j) any |= x[j];
    return any == 0;
  }

  double push_edges() const {
    double sum = 0;
    for (VertexId u : frontier_) sum += adj_.out_degree(u);
    return sum;
  }

  // Top-down: each frontier vertex ORs its sources into its out-neighbours
  // that have not seen them.
  void push() {
    for (VertexId u : frontier_) {
      const Lanes f = cur_[u];
      for (VertexId w : adj_.out(u)) {
        Lanes fresh;
        std::uint64_t any = 0;
        for (int j = 0; j < W; ++j) any |= fresh[j] = f[j] & ~seen_[w][j];
        if (any == 0) continue;
        if (is_zero(next_[w])) next_list_.push_back(w);
        for (int j = 0; j < W; ++j) next_[w][j] |= fresh[j];
      }
    }
    for (VertexId w : next_list_) {
      for (int j = 0; j < W; ++j) seen_[w][j] |= next_[w][j];
      count(next_[w]);
    }
  }

  // Bottom-up: each vertex not yet seen by every source gathers the frontier
  // bits of its in-neighbours, stopping once nothing more can be found.
  void pull(const Lanes& full) {
    const VertexId n = adj_.num_vertices();
    for (VertexId v = 0; v < n; ++v) {
      Lanes missing;
      std::uint64_t any = 0;
      for (int j = 0; j < W; ++j) any |= missing[j] = full[j] & ~seen_[v][j];
      if (any == 0) continue;
      Lanes got{};
      for (VertexId u : adj_.in(v)) {
        std::uint64_t left = 0;
        for (int j = 0; j < W; ++j) {
          got[j] |= cur_[u][j] & missing[j];
          left |= missing[j] & ~got[j];
        }
        if (left == 0) break;
      }
      if (is_zero(got)) continue;
      next_[v] = got;
      for (int j = 0; j < W; ++j) seen_[v][j] |= got[j];
      next_list_.push_back(v);
      count(got);
    }
  }

  // Bit-sliced counters: plane p of lane j holds bit p of each source's count.
  void count(const Lanes& x) {
    for (int j = 0; j < W; ++j) {
      std::uint64_t carry = x[j];
      for (std::uint32_t p = 0; carry != 0; ++p) {
        const std::uint64_t t = planes_[j][p] & carry;
        planes_[j][p] ^= carry;
        carry = t;
      }
    }
  }
  std::uint64_t counted(std::uint32_t i) const {
    std::uint64_t c = 0;
    for (std::uint32_t p = 0; p < kCountBits; ++p) c |= ((planes_[i / 64][p] >> (i % 64)) & 1u) << p;
    return c;
  }
  void clear_counter() { planes_ = {}; }

  const detail::TieAdjacency& adj_;
  std::vector<Lanes> seen_, cur_, next_;
  std::vector<VertexId> frontier_, next_list_, visited_;
  std::array<std::array<std::uint64_t, kCountBits>, W> planes_{};
};

template <int W>
void run_batches(const detail::TieAdjacency& adj, const std::vector<VertexId>& sources, std::uint32_t hops,
                 std::vector<std::uint32_t>& out, const ProgressCallback& progress) {
  constexpr std::size_t kBatch = 64 * W;
  const std::size_t batches = (sources.size() + kBatch - 1) / kBatch;
  tbb::enumerable_thread_specific<MsBfs<W>> workers([&] { return MsBfs<W>(adj); });
  // Chunks of batches, so that progress is reported from this thread only.
  constexpr std::size_t kChunk = 64;
  for (std::size_t c = 0; c < batches; c += kChunk) {
    tbb::parallel_for(c, std::min(batches, c + kChunk), [&](std::size_t b) {
      const std::size_t first = b * kBatch;
      const auto count = static_cast<std::uint32_t>(std::min(kBatch, sources.size() - first));
      workers.local().run(sources.data() + first, count, hops, out.data() + first * hops);
    });
    if (progress) progress(static_cast<double>(std::min(batches, c + kChunk)) / static_cast<double>(batches));
  }
}

std::vector<VertexId> sources_of(const Graph& g, const ReachParams& p) {
  if (!p.sources.empty()) return p.sources;
  std::vector<VertexId> all(g.num_vertices());
  for (VertexId v = 0; v < all.size(); ++v) all[v] = v;
  return all;
}

}  // namespace

ReachResult reach(const Graph& g, const ReachParams& params, const ProgressCallback& progress) {
  params.validate(g.num_vertices());
  ReachResult r;
  r.hops = params.hops;
  r.users = sources_of(g, params);
  r.reach.assign(r.users.size() * r.hops, 0);
  if (r.users.empty()) return r;
  const detail::TieAdjacency adj(g, params.ties);
  // Narrow batches for a few sources, so that memory and work follow the ask.
  if (r.users.size() <= 64) run_batches<1>(adj, r.users, r.hops, r.reach, progress);
  else if (r.users.size() <= 128) run_batches<2>(adj, r.users, r.hops, r.reach, progress);
  else run_batches<4>(adj, r.users, r.hops, r.reach, progress);
  return r;
}

ReachResult reach_reference(const Graph& g, const ReachParams& params) {
  params.validate(g.num_vertices());
  ReachResult r;
  r.hops = params.hops;
  r.users = sources_of(g, params);
  r.reach.assign(r.users.size() * r.hops, 0);
  std::vector<std::uint32_t> dist(g.num_vertices(), ~0u);
  for (std::size_t i = 0; i < r.users.size(); ++i) {
    std::vector<VertexId> order = {r.users[i]};
    dist[r.users[i]] = 0;
    std::vector<std::uint32_t> per_level(r.hops + 1, 0);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const VertexId u = order[head];
      if (dist[u] == r.hops) continue;
      for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
        const VertexId w = g.target(e);
        const bool kept = params.ties.keeps_rank(e - g.out_begin(u)) && (!params.ties.positive_only || g.sign(e) > 0);
        if (!kept || dist[w] != ~0u) continue;
        dist[w] = dist[u] + 1;
        ++per_level[dist[w]];
        order.push_back(w);
      }
    }
    std::uint32_t sum = 0;
    for (std::uint32_t h = 1; h <= r.hops; ++h) r.reach[i * r.hops + h - 1] = sum += per_level[h];
    for (VertexId v : order) dist[v] = ~0u;
  }
  return r;
}

}  // namespace refnet
