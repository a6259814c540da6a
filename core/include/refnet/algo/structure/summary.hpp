// `refnet info`: sizes, degree statistics, weakly connected components, counts
// per event type, and the referral forest's shape.
//
// Components are algo/structure/components.hpp's weak components (Afforest);
// the tests check them against boost::connected_components.
#pragma once

#include <refnet/events/network.hpp>

#include <cstdint>
#include <vector>

namespace refnet {

struct DegreeStats {
  std::uint64_t min = 0, max = 0;
  double mean = 0;
  double median = 0;
  std::uint64_t p99 = 0;
  std::uint64_t zeros = 0;  // vertices with degree 0
};

struct ComponentStats {
  std::uint64_t count = 0;     // weakly connected components, isolated users included
  std::uint64_t largest = 0;   // size of the largest
  std::uint64_t isolated = 0;  // users with no tie at all
};

struct NetworkSummary {
  std::uint64_t users = 0;
  std::uint64_t ties = 0;
  std::uint64_t negative_ties = 0;
  std::uint64_t events = 0;
  DegreeStats out_degree, in_degree;
  ComponentStats components;
  double total_strength = 0;
  // Referral forest: cascades (trees with at least one edge), the largest
  // tree, and the deepest.
  std::uint64_t referral_trees = 0;
  std::uint64_t largest_referral_tree = 0;
  std::uint64_t deepest_referral_tree = 0;
  std::uint64_t cascades = 0;  // from cascade files
  std::size_t memory_bytes = 0;
  std::size_t edge_memory_bytes = 0;  // the per-edge arrays alone
};

NetworkSummary summarize(const Network& net);

// How much of the word-of-mouth events' weight the tie-strength decay left
// (DESIGN.md section 2: each event weighs exp(-(T - t) / tau), 1 at T). On an
// event log spanning years most of it can be gone, so that old ties count for
// almost nothing: summaries say so (kMostDecayed).
struct TieDecay {
  bool applies = false;          // an event log built with decay
  double half_life_days = 0;
  double analysis_time = 0;      // T
  std::uint64_t wom_events = 0;  // the events behind the ties (each would weigh 1 without decay)
  double total_strength = 0;     // what they weigh at T
  double kept_share = 1;         // total_strength / wom_events
};
inline constexpr double kMostDecayed = 0.5;  // warn when less than this share is kept
TieDecay tie_decay(const Network& net);

// Weakly connected component label of each vertex (the smallest vertex id in it).
std::vector<VertexId> weak_components(const Graph& g);

DegreeStats degree_stats(std::vector<std::uint64_t> degrees);

}  // namespace refnet
