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

// Weakly connected component label of each vertex (the smallest vertex id in it).
std::vector<VertexId> weak_components(const Graph& g);

DegreeStats degree_stats(std::vector<std::uint64_t> degrees);

}  // namespace refnet
