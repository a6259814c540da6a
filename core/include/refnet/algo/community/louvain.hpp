// Louvain communities (Blondel, Guillaume, Lambiotte, Lefebvre 2008):
// maximise modularity (algo/partition.hpp) with resolution gamma by repeated
// local moving and aggregation.
//
// Graph: the undirected view of the WOM network (graph/undirected.hpp),
// weighted by w(u,v) + w(v,u), or every pair 1 when unweighted.
//
// Local moving, made deterministic and parallel: each sweep visits the vertices
// in a keyed pseudo-random order (from seed, level and sweep), cut into ordered
// batches. Within a batch every vertex picks, in parallel, the neighbouring
// community with the best gain
//   k_v,C  -  gamma * tot_C * k_v / 2m
// against a snapshot of the community totals (staying put when nothing beats
// it), then the batch's moves are applied in order. Batches are small next to
// the graph (n/64 vertices, at most 2048), so few decisions read stale totals,
// and the outcome depends on the seed only, never on thread scheduling. A level
// ends when a sweep moves nothing or gains less than `min_gain` in modularity;
// then communities become vertices (aggregation, in parallel per community)
// and the next level starts. Stops when a level moves no vertex.
// O(m) per sweep; O(n + m) memory per level.
//
// `louvain_reference` is the classic serial algorithm (vertices in id order,
// each move applied at once), the oracle in the tests.
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/algo/community/partition.hpp>
#include <refnet/graph/undirected.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace refnet {

struct LouvainParams {
  double resolution = 1.0;  // gamma; > 1 gives smaller communities
  std::uint32_t max_levels = 32;
  std::uint32_t max_sweeps = 64;  // local-moving sweeps per level
  double min_gain = 1e-6;         // a level ends when a sweep gains less modularity
  std::uint64_t seed = 1;         // the visiting order
  void validate() const;
};

struct LouvainLevel {
  std::uint32_t vertices = 0;     // of this level's graph
  std::uint32_t communities = 0;  // after its local moving
  std::uint32_t sweeps = 0;
  std::uint64_t moves = 0;
  double modularity = 0;
};

struct CommunityResult {
  std::vector<std::uint32_t> community;  // by vertex; 0 is the largest community
  std::vector<std::uint64_t> size;       // by community, non-increasing
  double modularity = 0;                 // of `community` on the input graph
  std::vector<LouvainLevel> levels;
  std::uint32_t count() const { return static_cast<std::uint32_t>(size.size()); }
};

// `progress` (optional) gets the fraction of levels done (of max_levels; it
// jumps to 1 at the end).
CommunityResult louvain(const UndirectedGraph& g, const LouvainParams& params,
                        const Progress& progress = {});

CommunityResult louvain_reference(const UndirectedGraph& g, const LouvainParams& params);

}  // namespace refnet
