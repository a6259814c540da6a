#pragma once

#include <refnet/algo/tiers/tiers.hpp>

#include <refnet/algo/tiers/channels.hpp>
#include <refnet/json/stream.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace refnet {
nlohmann::json params_json(const TierParams& p);
// The result; `with_users` false leaves out the per-user list (funnel and cohorts only).
// With `stream`, the per-user list is written by it (json/stream.hpp), not
// held in the DOM; `net` and `r` must outlive the writing.
nlohmann::json tiers_json(const Network& net, const TierResult& r, bool with_users, StreamedDocument* stream = nullptr);
// [{channel, users, per_tier, reached, conversion}]: the funnel by acquisition channel.
nlohmann::json channel_funnels_json(const std::vector<ChannelFunnel>& funnels);
}  // namespace refnet
