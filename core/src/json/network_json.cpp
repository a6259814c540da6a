#include <refnet/json/network_json.hpp>

#include <refnet/io/build_info_json.hpp>

#include <refnet/base/text.hpp>

#include <cmath>

namespace refnet {

void to_json(nlohmann::json& j, const ParseReport& r) {
  j = {{"rows", r.rows}, {"skipped", r.skipped}, {"first_skipped", r.first_skipped}, {"warnings", r.warnings},
       {"ignored_types", r.ignored_types}};
}

nlohmann::json forest_summary(const Network& net) {
  const ReferralForest& f = net.referral;
  std::uint64_t roots = 0;
  for (VertexId v = 0; v < f.parent.size(); ++v)
    if (f.parent[v] == kNoVertex && !std::isnan(f.acquired_at[v])) ++roots;
  nlohmann::json anomalies = nlohmann::json::array();
  for (const Anomaly& a : f.anomalies) {
    if (anomalies.size() >= 100) break;
    anomalies.push_back({{"kind", to_string(a.kind)},
                         {"referrer", net.log.users.name(a.referrer)},
                         {"referee", net.log.users.name(a.referee)},
                         {"ts", a.ts}});
  }
  return {{"referrals", f.referrals},
          {"acquisitions", f.acquisitions},
          {"organic_users", roots},
          {"re_referrals", f.re_referrals},
          {"competing_referrals", f.competing_referrals},
          {"unconverted_referrals", f.unconverted_referrals},
          {"self_referrals", f.self_referrals},
          {"anomaly_count", f.anomalies.size()},
          {"anomalies", anomalies}};
}

}  // namespace refnet
