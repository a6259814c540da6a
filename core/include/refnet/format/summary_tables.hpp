// The readable summary of `refnet info` and `refnet analyze`: the network,
// events, referrals and top referrers, then a block per analyze section.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace refnet {

// A readable summary of an envelope whose result is an info or analyze result.
std::string render_summary(const nlohmann::json& envelope);

}  // namespace refnet
