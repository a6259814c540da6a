// prospects: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/prospects_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One row per (anchor, prospect): anchor,prospect,position,rank,strength,tier,reach,score.
void write_prospects_csv(std::ostream& out, const Network& net, const ProspectResult& r);

// --format table, from a prospects_json result: per anchor, its first `per_anchor` prospects.
std::string render_prospects(const nlohmann::json& result, std::size_t per_anchor = 10);

}  // namespace refnet
