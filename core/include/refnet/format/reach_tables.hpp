// reach: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/reach_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

// One row per user: id,reach_1,...,reach_K.
void write_reach_csv(std::ostream& out, const Network& net, const ReachResult& r);

void write_reach_csv(std::ostream& out, const Network& net, const HyperAnfResult& r, const std::vector<VertexId>& users);

// The reach table (--format table, and the analyze summary), from a reach_json result.
std::string render_reach(const nlohmann::json& result);

}  // namespace refnet
