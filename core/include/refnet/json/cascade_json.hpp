#pragma once

#include <refnet/algo/cascade/cascade.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const CascadeParams& p);
// `source` says where the forest came from ("referrals", "shares", "file").
nlohmann::json cascades_json(const Network& net, const CascadeForest& forest, const CascadeResult& r,
                             const std::string& source);
}  // namespace refnet
