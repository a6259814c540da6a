#pragma once

#include <refnet/algo/tiers.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const TierParams& p);
// The result; `with_users` false leaves out the per-user list (funnel and cohorts only).
nlohmann::json tiers_json(const Network& net, const TierResult& r, bool with_users);
// The funnel and the cohorts as text tables, from a tiers_json result.
std::string render_tiers(const nlohmann::json& result);
// One CSV row per user: id,tier,tier_name,since,since_iso.
void write_tiers_csv(std::ostream& out, const Network& net, const TierResult& r);
}  // namespace refnet
