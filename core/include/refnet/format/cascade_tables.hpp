// cascade: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/cascade_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One CSV row per cascade record.
void write_cascades_csv(std::ostream& out, const Network& net, const CascadeForest& forest, const CascadeResult& r);

// The summary and the top cascades as text, from a cascades_json result.
std::string render_cascades(const nlohmann::json& result, std::size_t top);

}  // namespace refnet
