#pragma once

#include <refnet/algo/cascade/cascade.hpp>

#include <refnet/algo/cascade/channels.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const CascadeParams& p);
// `source` says where the forest came from ("referrals", "shares", "file");
// `channels` (referral cascades) becomes the per-channel breakdown.
nlohmann::json cascades_json(const Network& net, const CascadeForest& forest, const CascadeResult& r,
                             const std::string& source, const std::vector<ChannelReferrals>& channels = {});
}  // namespace refnet
