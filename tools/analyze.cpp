// refnet analyze INPUT: the main job, every analysis that applies in one JSON
// report, plus a readable summary (on stderr, or as the output with --format table).
#include <common/cli.hpp>
#include <common/html_report.hpp>

#include <refnet/base/text.hpp>
#include <refnet/format/compare_tables.hpp>
#include <refnet/format/summary_tables.hpp>
#include <refnet/json/compare_json.hpp>
#include <refnet/json/report_json.hpp>
#include <refnet/report/analyze.hpp>
#include <refnet/report/compare.hpp>

#include <iostream>

namespace refnet::tools {

namespace {
// What changed from the analysis time to --vs, from the input's whole log.
nlohmann::json compare_section(const Cli& cli, double at) {
  const LoadOptions asked = cli.load_options();
  if (asked.window.active())
    throw UsageError("--vs compares two dates of the whole log: --from, --to, --channel and --product do not apply");
  const auto vs = parse_timestamp(cli.vm()["vs"].as<std::string>());
  if (!vs) throw UsageError("--vs: bad time '" + cli.vm()["vs"].as<std::string>() + "' (unix seconds or ISO-8601)");
  CompareParams p;
  p.at = at;
  p.vs = *vs;
  LoadOptions load = asked;
  load.given = {};
  load.need_wom = false;
  const LoadedInput base = cli.load(load);
  return compare_json(compare_dates(base.network, asked_params(base.network.info.params, asked), p, cli.phase("compare")));
}
}  // namespace

int analyze_main(int argc, char** argv) {
  return guarded_main("refnet analyze", [&] {
    Cli cli("refnet analyze", "refnet analyze INPUT... [-o REPORT.json]", {"json", "table"});
    cli.options().add_options()("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")(
        "top", po::value<unsigned>()->default_value(10), "rows in the summary's tables")(
        "influence-k", po::value<unsigned>()->default_value(10), "seeds chosen for the influence section (0 = skip it)")(
        "sections", po::value<std::string>()->default_value(""),
        "only these sections, e.g. tiers,cascades (top_referrers, cascades, super_users, reach, tiers, influence)")(
        "skip", po::value<std::string>()->default_value(""), "every section but these")(
        "vs", po::value<std::string>(), "add a `compare` section: what changed from the analysis time to this later date")(
        "html", po::value<std::string>(), "also write the HTML report (refnet report) to this file");
    cli.positional("input", -1);
    cli.add_input_options();
    add_html_report_options(cli);
    if (!cli.parse(argc, argv)) return kExitOk;
    const std::string html = html_report_path(cli);
    const LoadedInput in = cli.load();
    ReportParams params;
    params.top = cli.vm()["top"].as<unsigned>();
    params.influence_k = cli.vm()["influence-k"].as<unsigned>();
    params.seed = cli.common().seed;
    params.choose_sections(cli.vm()["sections"].as<std::string>(), cli.vm()["skip"].as<std::string>());
    const AnalysisReport report = analyze(in.network, params, cli.progress());
    nlohmann::json result = analysis_json(in.network, report, params);
    if (cli.vm().count("vs")) result["compare"] = compare_section(cli, in.network.info.analysis_time);
    // After --vs, whose errors must not leave a page behind.
    if (!html.empty()) write_html_report(cli, in, report, params, html_report_params(cli, in.network), html);
    const auto doc = cli.envelope(&in, params_json(params), std::move(result));
    const std::string summary = render_summary(doc);
    if (cli.common().format == "table") {
      cli.write(summary);
    } else {
      cli.write(doc.dump(2));
      if (!cli.common().quiet) std::cerr << summary;
    }
    return kExitOk;
  });
}

}  // namespace refnet::tools
