// tiers: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/tiers_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// The funnel and the cohorts as text tables, from a tiers_json result.
std::string render_tiers(const nlohmann::json& result);

// One CSV row per user: id,tier,tier_name,since,since_iso.
void write_tiers_csv(std::ostream& out, const Network& net, const TierResult& r);

}  // namespace refnet
