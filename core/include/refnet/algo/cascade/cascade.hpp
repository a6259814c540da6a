// Cascades (DESIGN.md section 4): trees of adoption, who brought in whom, and
// how each one grew.
//
// A cascade forest has one node per adoption: a user acquired through a
// referral (the referral forest), a user who first heard through a share
// (`from_shares`: a retweet of b by a makes a a child of b), or an adopter
// listed in a cascade file, whose parent is inferred from a social graph.
// Each tree is a cascade. Per cascade: size, depth, maximum breadth (widest
// generation), structural virality (the mean shortest-path distance over all
// pairs of its nodes; Goel, Anderson, Hofman, Watts 2016), start, duration,
// generation sizes and each generation's reproduction number (children per
// member), and the time from a member's adoption to their first referral.
//
// Structural virality in linear time: in a tree, the path between two nodes
// crosses an edge (v, parent v) exactly when one end is in v's subtree, so the
// sum of all pairwise distances is sum over v of s_v (n - s_v), s_v the size of
// v's subtree; the mean over the n (n - 1) / 2 pairs follows. Everything here
// is O(nodes) after a counting sort of the nodes by tree and depth.
#pragma once

#include <refnet/algo/cascade/powerlaw.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/network.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace refnet {

struct CascadeForest {
  std::vector<std::uint32_t> parent;  // parent node, or kNoVertex for a root
  std::vector<double> time;           // adoption time of each node
  std::vector<double> link_time;      // time of the link to the parent (the referral); NaN for roots
  std::vector<VertexId> user;         // the user each node stands for
  std::size_t size() const { return parent.size(); }
};

// The acquisition forest: one node per user who joined (signed up or bought).
CascadeForest forest_from_referrals(const Network& net);
// Word-of-mouth cascades from share events: a user's first share received
// makes them a child of its sender; a sender not reached by anyone before
// becomes a root. Every user in a share event is a node.
CascadeForest forest_from_shares(const Network& net);

// How a cascade file's adopters get their parents.
enum class ParentRule : std::uint8_t {
  kLatestNeighbour,  // the latest earlier adopter who is a neighbour in the social graph, else the root
  kRoot,             // everyone hangs from the first adopter (a star)
  kPrevious,         // the adopter just before (a chain)
};
ParentRule parse_parent_rule(std::string_view s);  // "latest-neighbour", "root", "previous"
// `social` may be empty (then kLatestNeighbour falls back to the root for all).
// Neighbours are taken in both directions of the social graph's edges.
CascadeForest forest_from_cascade_lists(const std::vector<Cascade>& cascades, const Graph& social,
                                        ParentRule rule);

// The social graph's ties between the users of `users` (matched by id);
// ties to anyone else cannot matter to a cascade file's parents and are left out.
Graph graph_over_users(const Network& social, const IdTable& users);

// Where `refnet cascade` takes its forest from when not told: a cascade file's
// cascades, else the referral forest when it has acquisitions, else shares.
enum class CascadeSource : std::uint8_t { kAuto, kReferrals, kShares, kFile };
CascadeSource parse_cascade_source(std::string_view s);  // "auto", "referrals", "shares", "file"
CascadeSource resolve_source(const Network& net, CascadeSource requested);
std::string_view to_string(CascadeSource s);

// The forest of `source` (resolved, not kAuto).
CascadeForest build_cascade_forest(const Network& net, CascadeSource source, const Graph& social, ParentRule rule);

enum class Bucket : std::uint8_t { kDay, kWeek, kMonth };
Bucket parse_bucket(std::string_view s);  // "day", "week", "month"

struct CascadeParams {
  std::uint64_t min_size = 1;  // cascades below this size get no record (they still count in the summary)
  std::uint64_t top = 100;     // records kept, largest first
  std::uint64_t growth_top = 10;  // cascades that get their own growth curve
  Bucket bucket = Bucket::kDay;
  // Referrals sent, for the viral K-factor (invitations per member times
  // their conversion); 0 when unknown, and then K is the mean children per node.
  std::uint64_t invitations = 0;
  void validate() const;
};

struct CascadeRecord {
  std::uint32_t root = 0;  // root node
  std::uint64_t size = 0;
  std::uint32_t depth = 0;
  std::uint64_t max_breadth = 0;
  double virality = 0;  // mean pairwise distance; 0 for a single node
  double start = 0, duration = 0;
  std::vector<std::uint64_t> generations;   // members per depth
  std::vector<double> reproduction;         // generations[g+1] / generations[g]
  double median_time_to_first_referral = std::numeric_limits<double>::quiet_NaN();  // seconds
};

struct GrowthPoint {
  double bucket_start;    // unix seconds
  std::uint64_t new_members;
  std::uint64_t cumulative;
};

struct SizeBin {  // cascades with size in [lo, hi]
  std::uint64_t lo, hi, count;
  double mean_virality, mean_depth;
};

struct CascadeSummary {
  std::uint64_t nodes = 0;       // adoptions in all cascades
  std::uint64_t cascades = 0;    // trees, single nodes included
  std::uint64_t nontrivial = 0;  // trees of two or more
  std::uint64_t largest = 0;
  std::uint32_t deepest = 0;
  double mean_children = 0;      // non-root nodes per node: the reproduction number of the whole forest
  // Viral K-factor for referral cascades: invitations per customer times their conversion.
  double invitations_per_user = 0, conversion = 0, k_factor = 0;
  std::vector<std::pair<std::uint64_t, double>> size_ccdf;  // (size, share of cascades >= size)
  PowerLawFit size_tail;  // maximum-likelihood power law of the size tail (Clauset, Shalizi, Newman 2009)
  std::vector<std::pair<std::uint32_t, std::uint64_t>> depth_histogram;
  std::vector<double> virality_quantiles;  // 0, 10, 25, 50, 75, 90, 100th percentile, cascades of size >= 2
  std::vector<double> time_to_first_referral_quantiles;  // same percentiles, seconds
  std::vector<SizeBin> virality_by_size;   // log2 size bins
};

struct CascadeResult {
  CascadeSummary summary;
  std::vector<CascadeRecord> cascades;                 // largest first, at most params.top
  std::vector<GrowthPoint> growth;                     // all cascades together
  std::vector<std::vector<GrowthPoint>> top_growth;    // the first params.growth_top records
};

// Phases: layout, metrics, growth.
CascadeResult analyze_cascades(const CascadeForest& forest, const CascadeParams& params, const Progress& progress = {});

// Structural virality of one tree given by parent pointers (any order); the
// linear-time method, exposed for tests and benchmarks.
double structural_virality(const std::vector<std::uint32_t>& parent);
// The oracle: mean distance over all pairs by a BFS from every node. O(n^2).
double structural_virality_bfs(const std::vector<std::uint32_t>& parent);

}  // namespace refnet
