#include <refnet/json/summary_json.hpp>

#include <refnet/json/network_json.hpp>

namespace refnet {

void to_json(nlohmann::json& j, const DegreeStats& s) {
  j = {{"min", s.min}, {"max", s.max}, {"mean", s.mean}, {"median", s.median}, {"p99", s.p99}, {"zeros", s.zeros}};
}

void to_json(nlohmann::json& j, const ComponentStats& s) {
  j = {{"count", s.count}, {"largest", s.largest}, {"isolated", s.isolated}};
}

void to_json(nlohmann::json& j, const NetworkSummary& s) {
  j = {{"users", s.users},
       {"ties", s.ties},
       {"negative_ties", s.negative_ties},
       {"events", s.events},
       {"total_strength", s.total_strength},
       {"out_degree", s.out_degree},
       {"in_degree", s.in_degree},
       {"components", s.components},
       {"referral_trees", s.referral_trees},
       {"largest_referral_tree", s.largest_referral_tree},
       {"deepest_referral_tree", s.deepest_referral_tree},
       {"cascades", s.cascades},
       {"graph_memory_bytes", s.memory_bytes},
       {"graph_bytes_per_edge", s.ties ? static_cast<double>(s.memory_bytes) / static_cast<double>(s.ties) : 0.0},
       {"edge_array_bytes_per_edge",
        s.ties ? static_cast<double>(s.edge_memory_bytes) / static_cast<double>(s.ties) : 0.0}};
}

nlohmann::json tie_decay_json(const TieDecay& d) {
  if (!d.applies) return {{"applies", false}};
  return {{"applies", true},
          {"half_life_days", d.half_life_days},
          {"analysis_time", d.analysis_time},
          {"wom_events", d.wom_events},
          {"total_strength", d.total_strength},
          {"kept_share", d.kept_share},
          {"most_decayed", d.kept_share < kMostDecayed}};
}

nlohmann::json info_json(const Network& net, const NetworkSummary& s) {
  return {{"summary", s}, {"build", net.info}, {"referral", forest_summary(net)}, {"tie_decay", tie_decay_json(tie_decay(net))}};
}

}  // namespace refnet
