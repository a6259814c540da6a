// centrality: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/centrality_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// The top list of a result above, as a text table.
std::string render_centrality(const nlohmann::json& result);

// One row per vertex: id,<column>.
void write_scores_csv(std::ostream& out, const IdTable& ids, const std::string& column, std::span<const double> value);

}  // namespace refnet
