// The reach kernel for one or two hops: one plain marking walk per source.
// Private to core/src/algo (reach.cpp dispatches to it).
//
// Within two hops a source's ball is N(u) ∪ N(N(u)): no frontier needs
// keeping, so each source is a walk over its out-row and its out-neighbours'
// out-rows, marking each target with the source's stamp in an array of n
// stamps and counting the targets not stamped yet (the sparse union igraph's
// neighborhood_size does, without its queue). Stamps are per worker, a new
// one per source, so nothing is cleared between sources. Sources run in
// parallel (oneTBB); each count is exact, so the thread count changes nothing.
//
// Cost: for a source u, d(u) + sum of d(v) over v in N(u) random reads of the
// stamp array (4 bytes per vertex per worker). On soc-Epinions1 that is 40M
// reads in all, about 0.7 ns each from L2: 3 to 4 times less time than 2-hop
// MS-BFS with its bit-sliced counters. MS-BFS wins back where many sources
// walk the same long rows (R-MAT hubs): one scan of a hub's row serves 128
// sources of a batch. So `plan_two_hop` sends the sources with the longest
// walks to MS-BFS, when there are enough of them to repay building its
// adjacency; on soc-Epinions1 there are none.
#pragma once

#include "tie_adjacency.hpp"

#include <refnet/algo/reach/reach.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace refnet::detail {

// Indices into the sources: those to walk one by one, and those for MS-BFS.
struct TwoHopPlan {
  std::vector<std::size_t> walked;
  std::vector<std::size_t> shared;
};
TwoHopPlan plan_two_hop(const KeptRows& rows, const std::vector<VertexId>& sources);

// The walk lengths of every user, summed (two_hop_walk_work).
std::uint64_t total_walk_length(const KeptRows& rows);

// Fills row i of `out` (`hops` counts, hops 1 or 2) for each i in `which`,
// the reach of sources[i]; `progress` gets the fraction of `which` done.
void two_hop_reach(const KeptRows& rows, const std::vector<VertexId>& sources, const std::vector<std::size_t>& which,
                   std::uint32_t hops, std::vector<std::uint32_t>& out, const Progress& progress);

}  // namespace refnet::detail
