#include <refnet/algo/reach/reach.hpp>

#include <refnet/base/error.hpp>
#include <refnet/parallel/loops.hpp>

#include "reach_two_hop.hpp"
#include "tie_adjacency.hpp"

#include <tbb/enumerable_thread_specific.h>

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

TieFilter TieChoice::filter() const {
  if (dunbar.has_value() + layer.has_value() + all > 1)
    throw UsageError("give at most one of --dunbar, --layer and --all-ties");
  if (ring && !layer) throw UsageError("--ring needs --layer");
  if (all) return all_ties(positive_only);
  if (layer) return layer_ties(*layer, ring, parse_layer_sizes(layer_sizes), positive_only);
  return dunbar_ties(dunbar.value_or(kDunbarNumber), positive_only);
}

void ReachParams::validate(VertexId num_vertices) const {
  if (hops == 0) throw UsageError("--hops must be at least 1");
  if (hops > 64) throw UsageError("--hops must be at most 64");
  ties.validate();
  for (VertexId s : sources)
    if (s >= num_vertices) throw UsageError("reach: source " + std::to_string(s) + " is not a user");
}

namespace {

// Beamer's switch: pull once the frontier's out-edges outnumber all edges
// (a pull step reads at most every in-edge once, and stops early per vertex).
constexpr double kPullShare = 1.0;
constexpr std::uint32_t kCountBits = 33;  // a count of up to 2^33 - 1 per source
constexpr std::size_t kPrefetchAhead = 8;  // out-neighbours ahead whose state is fetched early

// Per-source counts of newly reached vertices, bit-sliced: plane p of lane j
// holds bit p of each source's count. Words are buffered 16 at a time and
// summed by a tree of carry-save adders (Harley and Seal's method, position by
// position) into a 5-plane number, which is then added into the planes: a few
// operations per word and no branch.
template <int W>
class SlicedCounts {
 public:
  using Lanes = std::array<std::uint64_t, W>;

  void reset() { planes_ = {}; }
  // Adds 1 to the count of every source whose bit is set in x.
  void add(const Lanes& x) {
    pending_[pending_count_++] = x;
    if (pending_count_ == kPending) flush();
  }
  void flush() {
    if (pending_count_ == 0) return;
    for (std::uint32_t k = pending_count_; k < kPending; ++k) pending_[k] = Lanes{};
    pending_count_ = 0;
    for (int j = 0; j < W; ++j) add_lane(j);
  }
  std::uint64_t of(std::uint32_t i) const {
    std::uint64_t c = 0;
    for (std::uint32_t p = 0; p < kCountBits; ++p) c |= ((planes_[i / 64][p] >> (i % 64)) & 1u) << p;
    return c;
  }

 private:
  static constexpr std::uint32_t kPending = 16;

  void add_lane(int j) {
    const auto word = [&](std::uint32_t k) { return pending_[k][j]; };
    std::uint64_t ones = 0, twos = 0, fours = 0, eights = 0, sixteens = 0;
    std::uint64_t twos_a, twos_b, fours_a, fours_b, eights_a, eights_b;
    csa(twos_a, ones, ones, word(0), word(1));
    csa(twos_b, ones, ones, word(2), word(3));
    csa(fours_a, twos, twos, twos_a, twos_b);
    csa(twos_a, ones, ones, word(4), word(5));
    csa(twos_b, ones, ones, word(6), word(7));
    csa(fours_b, twos, twos, twos_a, twos_b);
    csa(eights_a, fours, fours, fours_a, fours_b);
    csa(twos_a, ones, ones, word(8), word(9));
    csa(twos_b, ones, ones, word(10), word(11));
    csa(fours_a, twos, twos, twos_a, twos_b);
    csa(twos_a, ones, ones, word(12), word(13));
    csa(twos_b, ones, ones, word(14), word(15));
    csa(fours_b, twos, twos, twos_a, twos_b);
    csa(eights_b, fours, fours, fours_a, fours_b);
    csa(sixteens, eights, eights, eights_a, eights_b);
    // Ripple-add the 5-plane sum into the counter planes.
    const std::array<std::uint64_t, 5> sum = {ones, twos, fours, eights, sixteens};
    std::uint64_t carry = 0;
    for (std::uint32_t p = 0; p < kCountBits && (p < sum.size() || carry != 0); ++p) {
      const std::uint64_t add = p < sum.size() ? sum[p] : 0;
      const std::uint64_t plane = planes_[j][p];
      planes_[j][p] = plane ^ add ^ carry;
      carry = (plane & add) | (carry & (plane ^ add));
    }
  }
  // Carry-save adder: high and low bits of a + b + c, per position.
  static void csa(std::uint64_t& high, std::uint64_t& low, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    const std::uint64_t u = a ^ b;
    high = (a & b) | (u & c);
    low = u ^ c;
  }

  std::array<std::array<std::uint64_t, kCountBits>, W> planes_{};
  std::array<Lanes, kPending> pending_{};
  std::uint32_t pending_count_ = 0;
};

// One worker's MS-BFS state for batches of up to 64 * W sources: three bit
// sets per vertex (W words each), the lists of frontier vertices, and the
// per-source counters. `seen` and `next` of a vertex sit side by side, as a
// push step reads both.
template <int W>
class MsBfs {
 public:
  using Lanes = std::array<std::uint64_t, W>;

  explicit MsBfs(const detail::TieAdjacency& adj)
      : adj_(adj), state_(adj.num_vertices()), cur_(adj.num_vertices()) {}

  // BFS from sources[0..count) (count <= 64 * W, renumbered vertices); row
  // rows[i] of `out` (hops counts each) receives source i's cumulative reach.
  void run(const VertexId* sources, const std::size_t* rows, std::uint32_t count, std::uint32_t hops,
           std::uint32_t* out) {
    const Lanes full = start(sources, count);
    total_.assign(count, 0);
    for (std::uint32_t h = 1; h <= hops; ++h) {
      if (!frontier_.empty()) {
        hop(full);
        for (std::uint32_t i = 0; i < count; ++i) total_[i] += counts_.of(i);
      }
      for (std::uint32_t i = 0; i < count; ++i) out[rows[i] * hops + h - 1] = static_cast<std::uint32_t>(total_[i]);
    }
    clear();
  }

 private:
  struct State {
    Lanes seen;
    Lanes next;
  };

  // Each source sees itself; the sources are the first frontier. Returns the
  // lanes in use.
  Lanes start(const VertexId* sources, std::uint32_t count) {
    Lanes full{};
    for (std::uint32_t i = 0; i < count; ++i) full[i / 64] |= std::uint64_t{1} << (i % 64);
    frontier_.clear();
    for (std::uint32_t i = 0; i < count; ++i) {
      const VertexId v = sources[i];
      if (is_zero(cur_[v])) frontier_.push_back(v);
      cur_[v][i / 64] |= std::uint64_t{1} << (i % 64);
      state_[v].seen[i / 64] |= std::uint64_t{1} << (i % 64);
    }
    visited_ = frontier_;
    return full;
  }

  // One hop, top-down or bottom-up (Beamer), counting what each source newly reached.
  void hop(const Lanes& full) {
    next_list_.clear();
    counts_.reset();
    if (push_edges() > kPullShare * static_cast<double>(adj_.num_edges())) pull(full);
    else push();
    for (VertexId u : frontier_) cur_[u] = Lanes{};
    for (VertexId w : next_list_) {
      cur_[w] = state_[w].next;
      state_[w].next = Lanes{};
    }
    std::swap(frontier_, next_list_);
    visited_.insert(visited_.end(), frontier_.begin(), frontier_.end());
    counts_.flush();
  }

  // Leaves the state all zero for the next batch, touching only what was set.
  void clear() {
    for (VertexId v : visited_) state_[v].seen = Lanes{};
    for (VertexId v : frontier_) cur_[v] = Lanes{};
  }

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
  // that have not seen them. Branch-free: whether a neighbour is seen is
  // unpredictable, so the list append is done always and kept or not.
  void push() {
    next_list_.resize(std::size_t{adj_.num_vertices()} + 1);  // + 1: the slot written and not kept
    std::size_t listed = 0;
    VertexId* list = next_list_.data();
    for (VertexId u : frontier_) {
      const Lanes f = cur_[u];
      const auto out = adj_.out(u);
      for (std::size_t k = 0; k < out.size(); ++k) {
        if (k + kPrefetchAhead < out.size()) __builtin_prefetch(&state_[out[k + kPrefetchAhead]]);
        State& s = state_[out[k]];
        std::uint64_t fresh_any = 0, next_any = 0;
        for (int j = 0; j < W; ++j) {
          const std::uint64_t fresh = f[j] & ~s.seen[j];
          next_any |= s.next[j];
          fresh_any |= fresh;
          s.next[j] |= fresh;
          s.seen[j] |= fresh;
        }
        list[listed] = out[k];
        listed += (fresh_any != 0) & (next_any == 0);
      }
    }
    next_list_.resize(listed);
    for (VertexId w : next_list_) counts_.add(state_[w].next);
  }

  // Bottom-up: each vertex not yet seen by every source gathers the frontier
  // bits of its in-neighbours, stopping once nothing more can be found.
  void pull(const Lanes& full) {
    const VertexId n = adj_.num_vertices();
    for (VertexId v = 0; v < n; ++v) {
      State& s = state_[v];
      Lanes missing;
      std::uint64_t any = 0;
      for (int j = 0; j < W; ++j) any |= missing[j] = full[j] & ~s.seen[j];
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
      s.next = got;
      for (int j = 0; j < W; ++j) s.seen[j] |= got[j];
      next_list_.push_back(v);
      counts_.add(got);
    }
  }

  const detail::TieAdjacency& adj_;
  std::vector<State> state_;
  std::vector<Lanes> cur_;
  std::vector<VertexId> frontier_, next_list_, visited_;
  std::vector<std::uint64_t> total_;
  SlicedCounts<W> counts_;
};

// Sources are grouped by their busiest out-neighbour (the one with the most
// out-ties), so that a batch's sources tend to share the expensive part of
// their second hop; results go back to their rows. `which` names the sources
// to run (indices into `sources`, which are also their rows of `out`).
template <int W>
void run_batches(const detail::TieAdjacency& adj, const std::vector<VertexId>& sources,
                 const std::vector<std::size_t>& which, std::uint32_t hops, std::vector<std::uint32_t>& out,
                 const Progress& progress) {
  constexpr std::size_t kBatch = 64 * W;
  std::vector<std::uint64_t> key(sources.size());
  for_each_index<std::size_t>(which.size(), [&](std::size_t k) {
    const VertexId v = adj.renumbered(sources[which[k]]);
    VertexId busiest = v;
    EdgeId most = 0;
    for (VertexId w : adj.out(v))
      if (adj.out_degree(w) > most) {
        most = adj.out_degree(w);
        busiest = w;
      }
    key[which[k]] = (std::uint64_t{busiest} << 32) | v;
  }, 1);
  std::vector<std::size_t> rows = which;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  std::vector<VertexId> renumbered(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) renumbered[k] = adj.renumbered(sources[rows[k]]);
  const std::size_t batches = (rows.size() + kBatch - 1) / kBatch;
  tbb::enumerable_thread_specific<MsBfs<W>> workers([&] { return MsBfs<W>(adj); });
  // Chunks of batches, so that progress is reported from this thread only.
  constexpr std::size_t kChunk = 64;
  for (std::size_t c = 0; c < batches; c += kChunk) {
    for_each_block_in(c, std::min(batches, c + kChunk), [&](std::size_t begin, std::size_t end) {
      for (std::size_t b = begin; b != end; ++b) {
        const std::size_t first = b * kBatch;
        const auto count = static_cast<std::uint32_t>(std::min(kBatch, rows.size() - first));
        workers.local().run(renumbered.data() + first, rows.data() + first, count, hops, out.data());
      }
    }, 1);
    progress.advance(static_cast<double>(std::min(batches, c + kChunk)) / static_cast<double>(batches));
  }
}

void run_ms_bfs(const Graph& g, const TieFilter& ties, const std::vector<VertexId>& sources,
                const std::vector<std::size_t>& which, std::uint32_t hops, std::vector<std::uint32_t>& out,
                const Progress& progress) {
  if (which.empty()) return;
  const detail::TieAdjacency adj(g, ties);
  // 128 sources per batch: on soc-Epinions1 wider batches share more edge
  // scans but pay more per scan (without AVX); a few sources take one word.
  if (which.size() <= 64) run_batches<1>(adj, sources, which, hops, out, progress);
  else run_batches<2>(adj, sources, which, hops, out, progress);
}

// Few sources: one breadth-first search per source straight over the graph's
// rows, the filter applied to each row as it is read (no copy of the kept
// ties, no per-vertex state beyond one visited bitmap, cleared through the
// list of what was visited). Work per source is the number of kept ties of the
// users it reaches, so one user's reach on a large graph touches only its ball.
constexpr std::size_t kFewSources = 16;

void reach_by_bfs(const Graph& g, const TieFilter& f, const std::vector<VertexId>& sources, std::uint32_t hops,
                  std::vector<std::uint32_t>& out) {
  const VertexId n = g.num_vertices();
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> bitmaps(
      [&] { return std::vector<std::uint64_t>((std::size_t{n} + 63) / 64, 0); });
  const auto signed_weights = g.signed_weights();
  const bool check_sign = f.positive_only && !signed_weights.empty();
  for_each_index<std::size_t>(sources.size(), [&](std::size_t i) {
    std::vector<std::uint64_t>& seen = bitmaps.local();
    auto mark = [&](VertexId v) {
      std::uint64_t& word = seen[v / 64];
      const std::uint64_t bit = std::uint64_t{1} << (v % 64);
      if (word & bit) return false;
      word |= bit;
      return true;
    };
    std::vector<VertexId> visited{sources[i]};
    mark(sources[i]);
    std::size_t level_begin = 0;
    std::uint32_t total = 0;
    for (std::uint32_t h = 1; h <= hops; ++h) {
      const std::size_t level_end = visited.size();
      for (std::size_t k = level_begin; k < level_end; ++k) {
        const auto [first, last] = detail::kept_rank_window(g, f, visited[k]);
        for (EdgeId e = first; e < last; ++e) {
          if (check_sign && std::signbit(signed_weights[e])) continue;
          const VertexId w = g.target(e);
          if (mark(w)) visited.push_back(w);
        }
      }
      total += static_cast<std::uint32_t>(visited.size() - level_end);
      out[i * hops + h - 1] = total;
      level_begin = level_end;
      if (level_begin == visited.size()) {  // nothing new: the counts stay
        for (std::uint32_t rest = h + 1; rest <= hops; ++rest) out[i * hops + rest - 1] = total;
        break;
      }
    }
    for (VertexId v : visited) seen[v / 64] = 0;
  }, 1);
}

std::vector<VertexId> sources_of(const Graph& g, const ReachParams& p) {
  if (!p.sources.empty()) return p.sources;
  std::vector<VertexId> all(g.num_vertices());
  for (VertexId v = 0; v < all.size(); ++v) all[v] = v;
  return all;
}

}  // namespace

ReachResult reach(const Graph& g, const ReachParams& params, const Progress& progress) {
  params.validate(g.num_vertices());
  ReachResult r;
  r.hops = params.hops;
  r.ties = params.ties;
  r.users = sources_of(g, params);
  r.reach.assign(r.users.size() * r.hops, 0);
  if (r.users.empty()) return r;
  if (r.users.size() <= kFewSources) {
    reach_by_bfs(g, params.ties, r.users, r.hops, r.reach);
    return r;
  }
  std::vector<std::size_t> everyone(r.users.size());
  for (std::size_t i = 0; i < everyone.size(); ++i) everyone[i] = i;
  if (r.hops > 2) {
    run_ms_bfs(g, params.ties, r.users, everyone, r.hops, r.reach, progress);
    return r;
  }
  // Within two hops, walking each source's ball alone does less work than
  // MS-BFS, except for sources that walk long rows many others walk too
  // (reach_two_hop.hpp).
  const detail::KeptRows rows(g, params.ties);
  detail::TwoHopPlan plan;
  if (r.hops == 2) plan = detail::plan_two_hop(rows, r.users);
  else plan.walked = std::move(everyone);
  detail::two_hop_reach(rows, r.users, plan.walked, r.hops, r.reach, progress.phase("walks"));
  run_ms_bfs(g, params.ties, r.users, plan.shared, r.hops, r.reach, progress.phase("ms_bfs"));
  return r;
}

ReachResult reach_reference(const Graph& g, const ReachParams& params) {
  params.validate(g.num_vertices());
  ReachResult r;
  r.hops = params.hops;
  r.ties = params.ties;
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
