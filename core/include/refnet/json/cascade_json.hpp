#pragma once

#include <refnet/algo/cascade.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const CascadeParams& p);
// `source` says where the forest came from ("referrals", "shares", "file").
nlohmann::json cascades_json(const Network& net, const CascadeForest& forest, const CascadeResult& r,
                             const std::string& source);
// One CSV row per cascade record.
void write_cascades_csv(std::ostream& out, const Network& net, const CascadeForest& forest, const CascadeResult& r);
// The summary and the top cascades as text, from a cascades_json result.
std::string render_cascades(const nlohmann::json& result, std::size_t top);
}  // namespace refnet
