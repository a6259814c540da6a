// community: tables for people (--format table) and CSV for spreadsheets (--format csv).
#pragma once

#include <refnet/json/community_json.hpp>

#include <iosfwd>
#include <string>

namespace refnet {

std::string render_communities(const nlohmann::json& result);

// One row per vertex: id,community,leader (1 for the community's leader).
void write_communities_csv(std::ostream& out, const Network& net, const CommunityResult& r,
                           std::span<const VertexId> leader);

}  // namespace refnet
