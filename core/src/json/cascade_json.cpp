#include <refnet/json/cascade_json.hpp>

#include <refnet/base/escape.hpp>
#include <refnet/base/text.hpp>

#include <cmath>
#include <cstdio>

namespace refnet {

namespace {
nlohmann::json number_or_null(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

std::string_view bucket_name(Bucket b) {
  return b == Bucket::kDay ? "day" : b == Bucket::kWeek ? "week" : "month";
}

nlohmann::json growth_json(const std::vector<GrowthPoint>& g) {
  nlohmann::json out = nlohmann::json::array();
  for (const GrowthPoint& p : g)
    out.push_back({{"bucket_start", p.bucket_start}, {"bucket_iso", format_iso8601(p.bucket_start)},
                   {"new", p.new_members}, {"cumulative", p.cumulative}});
  return out;
}

std::string root_name(const Network& net, const CascadeForest& f, std::uint32_t root) {
  return std::string(net.log.users.name(f.user[root]));
}
}  // namespace

nlohmann::json params_json(const CascadeParams& p) {
  return {{"min_size", p.min_size}, {"top", p.top}, {"growth_top", p.growth_top}, {"bucket", bucket_name(p.bucket)}};
}

nlohmann::json cascades_json(const Network& net, const CascadeForest& forest, const CascadeResult& r,
                             const std::string& source, const std::vector<ChannelReferrals>& channels) {
  const CascadeSummary& s = r.summary;
  nlohmann::json ccdf = nlohmann::json::array();
  for (const auto& [size, share] : s.size_ccdf) ccdf.push_back({size, share});
  nlohmann::json depths = nlohmann::json::array();
  for (const auto& [d, c] : s.depth_histogram) depths.push_back({{"depth", d}, {"cascades", c}});
  nlohmann::json by_size = nlohmann::json::array();
  for (const SizeBin& b : s.virality_by_size)
    by_size.push_back({{"size_from", b.lo}, {"size_to", b.hi}, {"cascades", b.count},
                       {"mean_virality", b.mean_virality}, {"mean_depth", b.mean_depth}});
  const nlohmann::json percentiles = {0, 10, 25, 50, 75, 90, 100};
  nlohmann::json records = nlohmann::json::array();
  for (std::size_t i = 0; i < r.cascades.size(); ++i) {
    const CascadeRecord& c = r.cascades[i];
    nlohmann::json rec = {{"root", root_name(net, forest, c.root)},
                          {"size", c.size},
                          {"depth", c.depth},
                          {"max_breadth", c.max_breadth},
                          {"structural_virality", c.virality},
                          {"start", number_or_null(c.start)},
                          {"duration_seconds", number_or_null(c.duration)},
                          {"generations", c.generations},
                          {"reproduction", c.reproduction},
                          {"median_time_to_first_referral_seconds", number_or_null(c.median_time_to_first_referral)}};
    if (!std::isnan(c.start)) rec["start_iso"] = format_iso8601(c.start);
    if (i < r.top_growth.size()) rec["growth"] = growth_json(r.top_growth[i]);
    records.push_back(std::move(rec));
  }
  nlohmann::json out = {{"source", source},
          {"summary",
           {{"adoptions", s.nodes},
            {"cascades", s.cascades},
            {"cascades_of_two_or_more", s.nontrivial},
            {"largest", s.largest},
            {"deepest", s.deepest},
            {"mean_children", s.mean_children},
            {"invitations_per_user", s.invitations_per_user},
            {"conversion", s.conversion},
            {"k_factor", s.k_factor},
            {"size_ccdf", ccdf},
            {"power_law",
             {{"valid", s.size_tail.valid},
              {"alpha", s.size_tail.alpha},
              {"alpha_stderr", s.size_tail.alpha_stderr},
              {"x_min", s.size_tail.x_min},
              {"ks", s.size_tail.ks},
              {"tail_cascades", s.size_tail.n_tail}}},
            {"depth_histogram", depths},
            {"percentiles", percentiles},
            {"virality_percentiles", s.virality_quantiles},
            {"time_to_first_referral_percentiles_seconds", s.time_to_first_referral_quantiles},
            {"virality_by_size", by_size}}},
          {"cascades", records},
          {"growth", growth_json(r.growth)}};
  if (!channels.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ChannelReferrals& c : channels)
      rows.push_back({{"channel", c.channel}, {"referrals", c.referrals}, {"acquisitions", c.acquisitions},
                      {"converted", c.converted}, {"conversion", c.conversion}, {"k_factor", c.k_factor}});
    out["channels"] = std::move(rows);
  }
  return out;
}

}  // namespace refnet
