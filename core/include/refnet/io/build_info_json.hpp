// The JSON form of how a network was built (NetworkParams, BuildInfo): the
// snapshot's info section stores it, and every report shows it as `build`.
#pragma once

#include <refnet/events/network.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

void to_json(nlohmann::json& j, const NetworkParams& p);
void from_json(const nlohmann::json& j, NetworkParams& p);
void to_json(nlohmann::json& j, const BuildInfo& info);
void from_json(const nlohmann::json& j, BuildInfo& info);

}  // namespace refnet
