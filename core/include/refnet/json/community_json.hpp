// JSON and CSV for Louvain communities (algo/louvain) and their comparison
// with ground truth.
#pragma once

#include <refnet/algo/community/louvain.hpp>
#include <refnet/events/network.hpp>
#include <refnet/io/labels.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <span>
#include <string>

namespace refnet {

nlohmann::json params_json(const LouvainParams& p);

// The partition's summary, the `top` largest communities with their leaders
// (leader[c], scored by `leader_score`, named by `leader_by`), and with `all`
// every vertex's community.
nlohmann::json community_json(const Network& net, const CommunityResult& r, std::span<const VertexId> leader,
                              std::span<const double> leader_score, const std::string& leader_by, std::size_t top,
                              bool all);

// How the communities match ground-truth labels: NMI over the labelled
// vertices, the ground truth's own modularity, counts.
nlohmann::json ground_truth_json(const UndirectedGraph& g, const CommunityResult& r, const NodeLabels& labels,
                                 const VertexLabels& by_vertex, double resolution);

}  // namespace refnet
