// JSON forms of the network-building parameters and facts.
#pragma once

#include <refnet/graph/network.hpp>
#include <refnet/io/load.hpp>
#include <refnet/io/parse_report.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

void to_json(nlohmann::json& j, const NetworkParams& p);
void from_json(const nlohmann::json& j, NetworkParams& p);
void to_json(nlohmann::json& j, const BuildInfo& info);
void from_json(const nlohmann::json& j, BuildInfo& info);
void to_json(nlohmann::json& j, const ParseReport& r);
// The referral forest's counts and anomalies (user ids by name).
nlohmann::json forest_summary(const Network& net);
std::string_view to_string(InputKind k);

}  // namespace refnet
