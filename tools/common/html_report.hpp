// The HTML report, shared by `refnet report` and `refnet analyze --html`: the
// options that bound it, the check that this build carries the front-end, and
// writing the page.
#pragma once

#include <common/cli.hpp>

#include <refnet/format/html.hpp>
#include <refnet/report/analyze.hpp>
#include <refnet/report/html_report.hpp>

#include <string>

namespace refnet::tools {

// --title, --pages, --users, --trees, --tree-nodes, --network-nodes, --network-edges.
void add_html_report_options(Cli& cli);
// The parsed options (--users is resolved against the loaded network).
HtmlReportParams html_report_params(const Cli& cli, const Network& net);

// refnet analyze: the --html file, or "" without --html (then any report
// option given is a usage error); checks the front-end is built in.
std::string html_report_path(const Cli& cli);

// The front-end compiled into this binary; a runtime error saying what was
// missing when it was built without one.
WebBundle require_web_bundle();

// Builds the report's data from `report` (the analysis run with
// `analysis_params`) and writes the page to `path` ("-": stdout), atomically.
void write_html_report(const Cli& cli, const LoadedInput& in, const AnalysisReport& report,
                       const ReportParams& analysis_params, const HtmlReportParams& params, const std::string& path);

}  // namespace refnet::tools
