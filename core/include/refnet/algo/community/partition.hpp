// Measures of a partition of the vertices into communities: modularity (on the
// undirected view), the agreement of two partitions (normalised mutual
// information), and each community's leader.
#pragma once

#include <refnet/graph/undirected.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace refnet {

// Newman-Girvan modularity with resolution gamma (Reichardt and Bornholdt 2006):
//   Q = sum over communities C of  in_C / 2m  -  gamma (tot_C / 2m)^2,
// in_C = the weight of edges inside C counted from both ends, tot_C = the sum
// of C's members' weighted degrees, 2m = the sum of all weighted degrees.
// 0 for a graph without edges. `community` holds ids < n.
double modularity(const UndirectedGraph& g, std::span<const std::uint32_t> community, double resolution = 1.0);

// NMI(A, B) = 2 I(A; B) / (H(A) + H(B)) (Danon et al. 2005; igraph's
// compare_communities(method="nmi"), sklearn's default): 1 for the same
// partition up to renaming, 0 for independent ones. Vertices labelled
// kNoLabel in either are left out; 1 when both are a single block.
double normalized_mutual_information(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

// The leader of each community: its member with the highest score (ties: the
// lowest vertex id). `community` holds ids < count.
std::vector<VertexId> community_leaders(std::span<const std::uint32_t> community, std::uint32_t count,
                                        std::span<const double> score);

}  // namespace refnet
