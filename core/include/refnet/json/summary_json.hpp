#pragma once

#include <refnet/algo/structure/summary.hpp>

#include <nlohmann/json.hpp>

namespace refnet {
void to_json(nlohmann::json& j, const DegreeStats& s);
void to_json(nlohmann::json& j, const ComponentStats& s);
void to_json(nlohmann::json& j, const NetworkSummary& s);
// The whole `refnet info` result: summary, build facts and referral counts.
// {applies, half_life_days, analysis_time, wom_events, total_strength, kept_share, most_decayed}.
nlohmann::json tie_decay_json(const TieDecay& d);
nlohmann::json info_json(const Network& net, const NetworkSummary& s);
}  // namespace refnet
