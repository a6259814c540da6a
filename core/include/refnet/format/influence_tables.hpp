// influence: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/influence_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One row per seed: rank, id, marginal spread, cumulative spread.
void write_seeds_csv(std::ostream& out, const nlohmann::json& seeds_result);

std::string render_seeds(const nlohmann::json& seeds_result);

std::string render_spread(const nlohmann::json& spread_result);

}  // namespace refnet
