// rank: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/rank_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One row per user, best first: rank, id, score, then value, percentile and
// contribution of each component the input has.
void write_super_users_csv(std::ostream& out, const Network& net, const SuperUserReport& r);

// The top list with explanations, then the Pareto and homophily checks.
std::string render_super_users(const nlohmann::json& result, std::size_t top);

}  // namespace refnet
