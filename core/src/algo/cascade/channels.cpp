#include <refnet/algo/cascade/channels.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace refnet {

std::vector<ChannelReferrals> referrals_by_channel(const Network& net, std::uint64_t adopters) {
  const ReferralForest& f = net.referral;
  const auto& events = net.log.events;
  const double horizon = net.info.analysis_time;
  const std::size_t n = net.num_users();
  if (f.parent.size() != n) return {};
  // The attributed referral of each referee: the first (or last) referral
  // event src -> dst at the time the forest recorded.
  const bool last = net.info.params.attribution == Attribution::kLastTouch;
  std::vector<std::uint32_t> via(n, kNone - 1);  // kNone - 1: not found yet
  std::vector<char> bought(n, 0);
  std::map<std::uint32_t, ChannelReferrals> by;  // channel id (kNone: none)
  for (const Event& e : events) {
    if (e.ts > horizon) break;
    if (e.type == EventType::kPurchase) bought[e.src] = 1;
    if (e.type != EventType::kReferral) continue;
    ++by[e.channel].referrals;
    if (e.dst != kNone && f.parent[e.dst] == e.src && e.ts == f.referred_at[e.dst] && (last || via[e.dst] == kNone - 1))
      via[e.dst] = e.channel;
  }
  for (VertexId v = 0; v < n; ++v) {
    if (f.parent[v] == kNoVertex || via[v] == kNone - 1) continue;
    ChannelReferrals& c = by[via[v]];
    ++c.acquisitions;
    c.converted += bought[v];
  }
  std::vector<ChannelReferrals> out;
  for (auto& [id, c] : by) {
    c.channel = id == kNone ? std::string() : std::string(net.log.channels.name(id));
    c.conversion = c.referrals ? static_cast<double>(c.acquisitions) / static_cast<double>(c.referrals) : 0.0;
    c.k_factor = adopters ? static_cast<double>(c.acquisitions) / static_cast<double>(adopters) : 0.0;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const ChannelReferrals& a, const ChannelReferrals& b) {
    return a.referrals != b.referrals ? a.referrals > b.referrals : a.channel < b.channel;
  });
  return out;
}

}  // namespace refnet
