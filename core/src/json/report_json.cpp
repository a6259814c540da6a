#include <refnet/json/report_json.hpp>

#include <refnet/json/cascade_json.hpp>
#include <refnet/json/influence_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/json/reach_json.hpp>
#include <refnet/json/summary_json.hpp>
#include <refnet/json/tiers_json.hpp>

namespace refnet {

nlohmann::json params_json(const ReportParams& params) {
  return {{"top", params.top}, {"influence_k", params.influence_k}};
}

nlohmann::json analysis_json(const Network& net, const AnalysisReport& report, const ReportParams& params) {
  nlohmann::json result;
  result["network"] = info_json(net, report.summary);
  nlohmann::json referrers = nlohmann::json::array();
  for (const ReferrerRow& r : report.top_referrers)
    referrers.push_back({{"id", net.log.users.name(r.user)}, {"acquisitions", r.acquisitions}, {"descendants", r.descendants}});
  result["top_referrers"] = referrers;
  if (report.cascades)
    result["cascades"] = cascades_json(net, report.cascades->forest, report.cascades->result, report.cascades->source);
  if (report.super_users) result["super_users"] = super_users_json(net, *report.super_users, params.top);
  const ReachReportOptions reach_options{false, params.top};
  if (const ReachResult* r = report.reach()) result["reach"] = reach_json(net, *r, reach_options);
  else if (const HyperAnfResult* e = report.reach_estimate()) result["reach"] = reach_json(net, *e, {}, reach_options);
  // The funnel and cohorts; the per-user list is `refnet tiers`'s job.
  if (const TierResult* t = report.tiers()) result["tiers"] = tiers_json(net, *t, false);
  if (report.influence) {
    const InfluenceSection& s = *report.influence;
    result["influence"] = seeds_json(net, s.graph, s.model.ties, s.params, s.seeds);
  }
  return result;
}

}  // namespace refnet
