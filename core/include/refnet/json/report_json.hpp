// The `refnet analyze` report as JSON: one object with a member per section
// (network, top_referrers, cascades, super_users, reach, tiers, influence);
// sections that do not apply to the input are absent.
#pragma once

#include <refnet/report/analyze.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

nlohmann::json params_json(const ReportParams& params);
nlohmann::json analysis_json(const Network& net, const AnalysisReport& report, const ReportParams& params);

}  // namespace refnet
