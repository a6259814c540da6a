// What changed between two dates, for people (--format table) and
// spreadsheets (--format csv: one row per user whose tier changed).
#pragma once

#include <refnet/json/compare_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

std::string render_compare(const nlohmann::json& result);
void write_moves_csv(std::ostream& out, const CompareReport& r);

}  // namespace refnet
