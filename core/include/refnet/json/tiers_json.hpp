#pragma once

#include <refnet/algo/tiers/tiers.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const TierParams& p);
// The result; `with_users` false leaves out the per-user list (funnel and cohorts only).
nlohmann::json tiers_json(const Network& net, const TierResult& r, bool with_users);
}  // namespace refnet
