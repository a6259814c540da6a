#include <refnet/json/community_json.hpp>

#include <refnet/base/escape.hpp>

#include <cstdio>
#include <vector>

namespace refnet {

nlohmann::json params_json(const LouvainParams& p) {
  return {{"resolution", p.resolution},
          {"max_levels", p.max_levels},
          {"max_sweeps", p.max_sweeps},
          {"min_gain", p.min_gain},
          {"seed", p.seed}};
}

nlohmann::json community_json(const Network& net, const CommunityResult& r, std::span<const VertexId> leader,
                              std::span<const double> leader_score, const std::string& leader_by, std::size_t top,
                              bool all) {
  const IdTable& ids = net.log.users;
  nlohmann::json levels = nlohmann::json::array();
  for (const LouvainLevel& l : r.levels)
    levels.push_back({{"vertices", l.vertices},
                      {"communities", l.communities},
                      {"sweeps", l.sweeps},
                      {"moves", l.moves},
                      {"modularity", l.modularity}});
  std::uint64_t singletons = 0;
  for (std::uint64_t s : r.size) singletons += s == 1;
  nlohmann::json list = nlohmann::json::array();
  for (std::uint32_t c = 0; c < r.count() && c < top; ++c)
    list.push_back({{"community", c},
                    {"size", r.size[c]},
                    {"leader", ids.name(leader[c])},
                    {"leader_score", leader_score[leader[c]]}});
  nlohmann::json j = {
      {"communities", r.count()}, {"modularity", r.modularity}, {"largest", r.size.empty() ? 0 : r.size.front()},
      {"singletons", singletons}, {"leader_by", leader_by},     {"levels", std::move(levels)},
      {"top", std::move(list)}};
  if (all) {
    nlohmann::json vertices = nlohmann::json::array();
    for (VertexId v = 0; v < r.community.size(); ++v)
      vertices.push_back({{"id", ids.name(v)}, {"community", r.community[v]}});
    j["vertices"] = std::move(vertices);
  }
  return j;
}

nlohmann::json ground_truth_json(const UndirectedGraph& g, const CommunityResult& r, const NodeLabels& labels,
                                 const VertexLabels& by_vertex, double resolution) {
  // The ground truth's modularity, with unlabelled vertices as singletons.
  std::vector<std::uint32_t> truth(by_vertex.label.size());
  std::uint32_t next = static_cast<std::uint32_t>(by_vertex.names.size());
  for (VertexId v = 0; v < truth.size(); ++v) truth[v] = by_vertex.label[v] == kNoLabel ? next++ : by_vertex.label[v];
  return {{"source", labels.source},
          {"labels", by_vertex.names.size()},
          {"labelled_vertices", by_vertex.labelled},
          {"rows_naming_unknown_nodes", by_vertex.unknown_nodes},
          {"nmi", normalized_mutual_information(r.community, by_vertex.label)},
          {"modularity", modularity(g, truth, resolution)}};
}

}  // namespace refnet
