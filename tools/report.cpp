// refnet report INPUT -o report.html: the analysis of `refnet analyze` as one
// self-contained HTML page (web/DATA.md), with the cascade trees, the network
// view and a page per sampled user.
#include <common/cli.hpp>
#include <common/html_report.hpp>

#include <refnet/report/analyze.hpp>

namespace refnet::tools {

int report_main(int argc, char** argv) {
  return guarded_main("refnet report", [&] {
    Cli cli("refnet report", "refnet report INPUT... [-o REPORT.html] [--pages N] [--users ID,...] [--title T]",
            {"html"});
    cli.options().add_options()("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")(
        "influence-k", po::value<unsigned>()->default_value(10),
        "seeds chosen for the influence section (0 = skip it)");
    cli.positional("input", -1);
    cli.add_input_options();
    add_html_report_options(cli);
    if (!cli.parse(argc, argv)) return kExitOk;
    require_web_bundle();  // before any work
    const LoadedInput in = cli.load();
    const HtmlReportParams html = html_report_params(cli, in.network);
    ReportParams params;
    params.top = html.top;
    params.influence_k = cli.vm()["influence-k"].as<unsigned>();
    params.seed = cli.common().seed;
    const AnalysisReport report = analyze(in.network, params, cli.phase("analyze"));
    write_html_report(cli, in, report, params, html, cli.common().output);
    return kExitOk;
  });
}

}  // namespace refnet::tools
