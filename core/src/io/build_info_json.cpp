#include <refnet/io/build_info_json.hpp>

#include <refnet/base/text.hpp>

#include <cmath>

namespace refnet {

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

}  // namespace refnet
