#include <refnet/json/network_json.hpp>

#include <refnet/io/text.hpp>

#include <cmath>

namespace refnet {

std::string_view to_string(InputKind k) {
  switch (k) {
    case InputKind::kEvents: return "events";
    case InputKind::kGraph: return "graph";
    case InputKind::kCascades: return "cascades";
  }
  return "unknown";
}

void to_json(nlohmann::json& j, const NetworkParams& p) {
  j = {{"attribution", p.attribution == Attribution::kFirstTouch ? "first" : "last"},
       {"half_life_days", p.half_life_days},
       {"decay", p.decay},
       {"analysis_time", std::isnan(p.analysis_time) ? nlohmann::json(nullptr) : nlohmann::json(p.analysis_time)}};
}

void from_json(const nlohmann::json& j, NetworkParams& p) {
  p.attribution = j.at("attribution") == "last" ? Attribution::kLastTouch : Attribution::kFirstTouch;
  p.half_life_days = j.at("half_life_days");
  p.decay = j.at("decay");
  p.analysis_time = j.at("analysis_time").is_null() ? std::nan("") : j.at("analysis_time").get<double>();
}

void to_json(nlohmann::json& j, const BuildInfo& info) {
  nlohmann::json per_type = nlohmann::json::object();
  for (std::size_t t = 0; t < kNumEventTypes; ++t) per_type[std::string(kEventTypeNames[t])] = info.events_per_type[t];
  j = {{"kind", to_string(info.kind)},
       {"analysis_time", info.analysis_time},
       {"analysis_time_iso", format_iso8601(info.analysis_time)},
       {"params", info.params},
       {"events_per_type", per_type},
       {"self_ties_ignored", info.self_ties_ignored},
       {"parallel_edges_merged", info.parallel_edges_merged},
       {"events_after_analysis_time", info.events_after_analysis_time},
       {"weight_meaning", info.weight_meaning}};
}

void from_json(const nlohmann::json& j, BuildInfo& info) {
  const std::string kind = j.at("kind");
  info.kind = kind == "graph" ? InputKind::kGraph : kind == "cascades" ? InputKind::kCascades : InputKind::kEvents;
  info.analysis_time = j.at("analysis_time");
  info.params = j.at("params").get<NetworkParams>();
  for (std::size_t t = 0; t < kNumEventTypes; ++t)
    info.events_per_type[t] = j.at("events_per_type").at(std::string(kEventTypeNames[t]));
  info.self_ties_ignored = j.at("self_ties_ignored");
  info.parallel_edges_merged = j.at("parallel_edges_merged");
  info.events_after_analysis_time = j.at("events_after_analysis_time");
  info.weight_meaning = j.at("weight_meaning");
}

void to_json(nlohmann::json& j, const ParseReport& r) {
  j = {{"rows", r.rows}, {"skipped", r.skipped}, {"first_skipped", r.first_skipped}, {"warnings", r.warnings}};
}

nlohmann::json forest_summary(const Network& net) {
  const ReferralForest& f = net.referral;
  std::uint64_t roots = 0;
  for (VertexId v = 0; v < f.parent.size(); ++v)
    if (f.parent[v] == kNoVertex && !std::isnan(f.acquired_at[v])) ++roots;
  nlohmann::json anomalies = nlohmann::json::array();
  for (const Anomaly& a : f.anomalies) {
    if (anomalies.size() >= 100) break;
    anomalies.push_back({{"kind", to_string(a.kind)},
                         {"referrer", net.log.users.name(a.referrer)},
                         {"referee", net.log.users.name(a.referee)},
                         {"ts", a.ts}});
  }
  return {{"referrals", f.referrals},
          {"acquisitions", f.acquisitions},
          {"organic_users", roots},
          {"re_referrals", f.re_referrals},
          {"competing_referrals", f.competing_referrals},
          {"unconverted_referrals", f.unconverted_referrals},
          {"self_referrals", f.self_referrals},
          {"anomaly_count", f.anomalies.size()},
          {"anomalies", anomalies}};
}

}  // namespace refnet
