#pragma once

#include <refnet/algo/reach/prospects.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace refnet {
nlohmann::json params_json(const ProspectParams& p);
// Each anchor with its prospects, each prospect with its reasons in words.
nlohmann::json prospects_json(const Network& net, const ProspectResult& r);
}  // namespace refnet
