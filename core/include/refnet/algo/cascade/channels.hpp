// Referrals by channel: which channels bring customers. For each channel of
// the referral events up to the analysis time: referrals sent, acquisitions
// attributed to them (the forest's chosen referral of each referee: first or
// last touch), those referees who went on to buy, conversion (acquisitions /
// referrals) and the channel's part of the viral K-factor (acquisitions /
// `adopters`, the nodes of the referral cascades), so the parts add up to the
// cascades' whole K-factor. Referrals without a channel are the channel "".
// O(events).
#pragma once

#include <refnet/events/network.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace refnet {

struct ChannelReferrals {
  std::string channel;            // "" for referrals without one
  std::uint64_t referrals = 0;
  std::uint64_t acquisitions = 0;
  std::uint64_t converted = 0;    // acquired referees with a purchase up to T
  double conversion = 0;          // acquisitions / referrals
  double k_factor = 0;            // acquisitions / adopters
};

// Channels by referrals, most first (ties: by name).
std::vector<ChannelReferrals> referrals_by_channel(const Network& net, std::uint64_t adopters);

}  // namespace refnet
