// Exact k-hop reach (DESIGN.md sections 2 and 4): for each chosen user u, the
// number of distinct other users reachable from u within 1, 2, ..., k hops
// along word-of-mouth edges (speaker -> listener). u itself is not counted
// (igraph's neighborhood_size counts it: that is reach + 1).
//
// Which ties a walk may use (TieFilter):
//   all ties; the Dunbar cap (each person's L strongest ties, L = 150 by
//   default); one Dunbar layer; optionally positive ties only. Layers are
//   cumulative, as DESIGN.md section 2 defines them ("the top 15 are the
//   sympathy layer"): layer 15 is ranks 1..15. `ring` keeps only the ranks a
//   layer adds to the one inside it (layer 15 ring: ranks 6..15).
//   The graph's out-edge rows must be ordered by strength (Network::wom is),
//   so that a tie's position in its row is its Dunbar rank.
//
// Method, one or two hops: a marking walk per source over its out-row and its
// out-neighbours' out-rows (a sparse union, as igraph's neighborhood_size),
// with per-worker stamps so nothing is cleared between sources; sources whose
// walks are long and many (hubs, as in R-MAT) go to MS-BFS instead, where one
// scan of a hub's row serves a whole batch (core/src/algo/reach/reach_two_hop.hpp).
// The filter applies alike: both kernels read only the kept ties.
//
// Method, three hops and more: multi-source bit-parallel BFS (MS-BFS; Then,
// Kaufmann, Chirigati, Hoang-Vu, Pham, Kemper, Neumann, Vo, "The More the
// Merrier: Efficient Multi-Source Graph Traversal", VLDB 2014). Sources are taken in batches of
// 64 per word, 128 per batch; each vertex holds three bit sets (seen,
// frontier, next) with one bit per source of the batch, so one pass over an
// edge advances up to 256 BFSs at once. Each step pushes along the frontier's
// out-edges while the frontier is small and pulls over in-edges (skipping
// vertices every source has already seen) once it is large (Beamer's
// direction optimisation). Per-source counts come from a bit-sliced counter
// (one word per bit of the count), so no bit is visited one by one. Batches
// run in parallel (oneTBB); the counts are exact, so any thread count gives
// the same result.
//
// Cost, two hops: d(u) + sum of d(v) over v in N(u) stamp reads per source u
// (40M in all for every user of soc-Epinions1), 4 bytes per vertex per
// worker. MS-BFS: O(k * m * ceil(s / 64)) word operations in the worst case
// for s sources, far less in practice (push steps touch only the frontier's edges);
// memory 24 bytes per vertex per 64 sources of a batch, per worker.
// `reach_reference` is the oracle: one plain BFS per source, checking every
// edge against the filter by its rank and sign.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/graph/csr_graph.hpp>
#include <refnet/events/network.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

// Which ties a walk may follow: ranks [rank_begin, rank_end) of each row
// (0-based: rank 0 is the strongest tie), and only positive ones if asked.
struct TieFilter {
  std::uint32_t rank_begin = 0;
  std::uint32_t rank_end = std::numeric_limits<std::uint32_t>::max();
  bool positive_only = false;
  std::string label = "all";  // for reports: "all", "dunbar 150", "layer 15", "layer 15 ring"
  // Why a cap that was asked for by default is not applied (ties_for); empty when it is.
  std::string cap_not_applied;

  bool keeps_rank(std::uint32_t rank) const { return rank >= rank_begin && rank < rank_end; }
  void validate() const;
};

inline constexpr std::uint32_t kDunbarNumber = 150;
// Dunbar's layer sizes (support, sympathy, affinity, active network).
inline const std::vector<std::uint32_t> kDunbarLayers = {5, 15, 50, 150};
std::string_view layer_name(std::uint32_t size, const std::vector<std::uint32_t>& sizes = kDunbarLayers);

TieFilter all_ties(bool positive_only = false);
TieFilter dunbar_ties(std::uint32_t cap, bool positive_only = false);
// Layer `size` (one of `sizes`, increasing): ranks 1..size, or with `ring`
// the ranks after the previous layer's. Throws UsageError for a size that is
// not a layer.
TieFilter layer_ties(std::uint32_t size, bool ring, const std::vector<std::uint32_t>& sizes = kDunbarLayers,
                     bool positive_only = false);
// Parses a comma-separated list of increasing layer sizes ("5,15,50,150").
std::vector<std::uint32_t> parse_layer_sizes(std::string_view list);

// Ties without strengths (an unweighted edge list, where every tie counts one
// row, or any graph file whose ties all weigh the same) give "each person's L
// strongest ties" no meaning: a cap would keep the first L in file order, an
// arbitrary choice that changes reach. On such inputs a default cap or layer is
// not applied: every tie is followed and `cap_not_applied` says why (reports
// show it). A cap the user asked for (`chosen`) is refused with a UsageError
// instead. Event logs and graphs whose weights differ get `requested` back
// unchanged.
bool ties_have_strengths(const Network& net);
TieFilter ties_for(const Network& net, TieFilter requested, bool chosen);

// The filter a command line asks for: at most one of a Dunbar cap, a layer
// or all ties (none: the Dunbar cap of 150). Throws UsageError otherwise.
struct TieChoice {
  std::optional<std::uint32_t> dunbar;
  std::optional<std::uint32_t> layer;
  bool ring = false;
  bool all = false;
  bool positive_only = false;
  std::string layer_sizes = "5,15,50,150";
  TieFilter filter() const;
};

struct ReachParams {
  std::uint32_t hops = 2;
  TieFilter ties = dunbar_ties(kDunbarNumber);
  std::vector<VertexId> sources;  // empty: every user (repeats allowed)
  void validate(VertexId num_vertices) const;
};

struct ReachResult {
  std::uint32_t hops = 0;
  TieFilter ties;
  std::vector<VertexId> users;       // the sources, in the order asked (all users: 0..n-1)
  std::vector<std::uint32_t> reach;  // users.size() rows of `hops` cumulative counts

  // Users reachable from users[i] within h hops (1 <= h <= hops), u excluded.
  std::uint32_t at(std::size_t i, std::uint32_t h) const { return reach[i * hops + h - 1]; }
};


ReachResult reach(const Graph& g, const ReachParams& params, const Progress& progress = {});
ReachResult reach_reference(const Graph& g, const ReachParams& params);

// The stamps an exact reach of every user within two hops reads through
// `ties`: each user's kept ties plus the kept ties of each of those (the
// walks of reach_two_hop.hpp, before MS-BFS takes over the longest). O(ties).
std::uint64_t two_hop_walk_work(const Graph& g, const TieFilter& ties);

// Whether analyze, rank and compare give every user's exact Dunbar-capped
// 2-hop reach rather than HyperANF's estimate: while the walks read at most
// `walk_limit` stamps, or users x ties is at most `work_limit` (MS-BFS's
// bound, the earlier rule). The 10M-user generated log walks 1.5e8 stamps:
// 16 s exact on 2 cores, where HyperANF took 26 s or more (PERFORMANCE.md).
inline constexpr std::uint64_t kExactReachWalks = 1'000'000'000;
inline constexpr double kExactReachWork = 2e11;
bool exact_reach_affordable(const Graph& g, const TieFilter& ties, std::uint64_t walk_limit = kExactReachWalks,
                            double work_limit = kExactReachWork);

// The spread of reach over users at each hop.
struct ReachQuantiles {
  double min = 0, p25 = 0, median = 0, p75 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};
struct ReachDistribution {
  std::uint64_t users = 0;
  std::vector<ReachQuantiles> per_hop;  // index h - 1
  // Users whose reach within min(2, hops) hops exceeds Dunbar's 150.
  std::uint32_t threshold_hops = 0;
  std::uint64_t over_threshold = 0;
  double over_threshold_share = 0;
};
// `values` holds users * hops values, row-major as ReachResult::reach.
ReachDistribution reach_distribution(const std::vector<double>& values, std::uint32_t hops,
                                     std::uint32_t threshold = kDunbarNumber);
ReachDistribution reach_distribution(const ReachResult& r, std::uint32_t threshold = kDunbarNumber);

// The indices (into the result's users) of the k users with the largest reach
// at hop h, ties by smaller index.
std::vector<std::size_t> top_by_reach(const std::vector<double>& values, std::uint32_t hops, std::uint32_t h,
                                      std::size_t k);

}  // namespace refnet
