// JSON forms of the network-building parameters and facts.
#pragma once

#include <refnet/events/network.hpp>
#include <refnet/io/build_info_json.hpp>  // to_json of NetworkParams and BuildInfo
#include <refnet/io/load.hpp>
#include <refnet/io/parse_report.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

void to_json(nlohmann::json& j, const ParseReport& r);
// The referral forest's counts and anomalies (user ids by name).
nlohmann::json forest_summary(const Network& net);

}  // namespace refnet
