#include <refnet/json/report_json.hpp>

#include <refnet/json/cascade_json.hpp>
#include <refnet/json/influence_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/json/reach_json.hpp>
#include <refnet/json/summary_json.hpp>
#include <refnet/json/tiers_json.hpp>

namespace refnet {

nlohmann::json params_json(const ReportParams& params) {
  nlohmann::json sections = nlohmann::json::array();
  for (std::size_t i = 0; i < kNumSections; ++i)
    if (params.sections[i]) sections.push_back(kSectionNames[i]);
  return {{"top", params.top}, {"influence_k", params.influence_k}, {"sections", sections}};
}

nlohmann::json analysis_json(const Network& net, const AnalysisReport& report, const ReportParams& params) {
  nlohmann::json result;
  nlohmann::json skipped = nlohmann::json::array();
  for (const SkippedSection& s : report.skipped) skipped.push_back({{"name", s.name}, {"reason", s.reason}});
  result["sections"] = {{"included", report.included}, {"skipped", skipped}};
  result["network"] = info_json(net, report.summary);
  if (report.top_referrers) {
    nlohmann::json referrers = nlohmann::json::array();
    for (const ReferrerRow& r : *report.top_referrers)
      referrers.push_back(
          {{"id", net.log.users.name(r.user)}, {"acquisitions", r.acquisitions}, {"descendants", r.descendants}});
    result["top_referrers"] = referrers;
  }
  if (report.cascades)
    result["cascades"] = cascades_json(net, report.cascades->forest, report.cascades->result, report.cascades->source,
                                       report.cascades->channels);
  if (report.super_users) result["super_users"] = super_users_json(net, *report.super_users, params.top);
  const ReachReportOptions reach_options{false, params.top};
  if (const ReachResult* r = report.reach()) result["reach"] = reach_json(net, *r, reach_options);
  else if (const HyperAnfResult* e = report.reach_estimate()) result["reach"] = reach_json(net, *e, {}, reach_options);
  // The funnel and cohorts; the per-user list is `refnet tiers`'s job.
  if (const TierResult* t = report.tiers()) {
    result["tiers"] = tiers_json(net, *t, false);
    result["tiers"]["channels"] = channel_funnels_json(report.tier_channels);
  }
  if (report.influence) {
    const InfluenceSection& s = *report.influence;
    result["influence"] = seeds_json(net, s.graph, s.model.ties, s.params, s.seeds);
  }
  return result;
}

}  // namespace refnet
