#include <common/html_report.hpp>

#include <refnet/base/text.hpp>
#include <refnet/json/html_report_json.hpp>
#include <refnet/json/report_json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace refnet::tools {

void add_html_report_options(Cli& cli) {
  const HtmlReportParams d;
  cli.options().add_options()("title", po::value<std::string>(), "the page's title (default: refnet report: INPUT)")(
      "pages", po::value<std::uint32_t>()->default_value(d.user_pages), "user pages in the report, at most")(
      "users", po::value<std::string>(), "comma-separated user ids that must have a page")(
      "trees", po::value<unsigned>()->default_value(d.trees), "largest cascades drawn as trees")(
      "tree-nodes", po::value<std::uint64_t>()->default_value(d.tree_max_nodes), "members drawn per tree, at most")(
      "network-nodes", po::value<std::uint32_t>()->default_value(d.network_nodes),
      "users in the network view, at most")("network-edges", po::value<std::uint32_t>()->default_value(d.network_edges),
                                            "ties in the network view, at most");
}

HtmlReportParams html_report_params(const Cli& cli, const Network& net) {
  HtmlReportParams p;
  const auto& vm = cli.vm();
  p.user_pages = vm["pages"].as<std::uint32_t>();
  p.trees = vm["trees"].as<unsigned>();
  p.tree_max_nodes = vm["tree-nodes"].as<std::uint64_t>();
  p.network_nodes = vm["network-nodes"].as<std::uint32_t>();
  p.network_edges = vm["network-edges"].as<std::uint32_t>();
  if (vm.count("users")) {
    p.requested = ids_from_list(net.log.users, vm["users"].as<std::string>(), "--users", true);
    if (p.requested.size() > p.user_pages)
      throw UsageError("--users names " + std::to_string(p.requested.size()) + " users but --pages allows " +
                       std::to_string(p.user_pages));
  }
  p.seed = cli.common().seed;
  p.validate();
  return p;
}

std::string html_report_path(const Cli& cli) {
  const auto& vm = cli.vm();
  if (!vm.count("html")) {
    for (const char* name : {"title", "pages", "users", "trees", "tree-nodes", "network-nodes", "network-edges"})
      if (vm.count(name) && !vm[name].defaulted()) throw UsageError(std::string("--") + name + " needs --html FILE");
    return {};
  }
  const std::string path = vm["html"].as<std::string>();
  if (path.empty()) throw UsageError("--html needs a file name");
  if (path == "-" && cli.common().output == "-")
    throw UsageError("--html - and the JSON report cannot both go to stdout: give -o REPORT.json");
  cli.declare_output(path, "--html");  // a clash with -o or a missing folder shows before any work
  require_web_bundle();
  return path;
}

WebBundle require_web_bundle() {
  const std::optional<WebBundle> bundle = embedded_web_bundle();
  if (!bundle)
    throw std::runtime_error("this refnet was built without the HTML report's front-end: " +
                             std::string(web_bundle_missing()));
  return *bundle;
}

namespace {

// Now, or SOURCE_DATE_EPOCH when set (reproducible files, as reproducible builds do it).
std::string generated_time() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    if (const auto t = parse_timestamp(epoch)) return format_iso8601(*t);
    throw UsageError(std::string("SOURCE_DATE_EPOCH is not a time: '") + epoch + "'");
  }
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return format_iso8601(static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
}

}  // namespace

void write_html_report(const Cli& cli, const LoadedInput& in, const AnalysisReport& report,
                       const ReportParams& analysis_params, const HtmlReportParams& params, const std::string& path) {
  const WebBundle bundle = require_web_bundle();
  const ReportData data = build_report_data(in.network, report, params, cli.phase("report"));
  std::string title;
  if (cli.vm().count("title")) {
    title = cli.vm()["title"].as<std::string>();
  } else {
    std::string name = in.files.size() == 1 ? std::filesystem::path(in.files.front().path).filename().string()
                                            : std::to_string(in.files.size()) + " inputs";
    title = "refnet report: " + name;
  }
  nlohmann::json params_doc = params_json(analysis_params);
  params_doc["top"] = params.top;
  params_doc["user_pages"] = params.user_pages;
  params_doc["network_nodes"] = params.network_nodes;
  params_doc["network_edges"] = params.network_edges;
  params_doc["trees"] = params.trees;
  params_doc["tree_nodes"] = params.tree_max_nodes;
  const ReportHeader header{title, generated_time(), report_envelope(cli.envelope(&in, params_doc, nullptr))};
  const nlohmann::json doc =
      cli.timed("html.data", [&] { return report_data_json(in.network, report, analysis_params, data, header); });
  const std::string json =
      cli.timed("html.dump", [&] { return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); });
  const std::string html = cli.timed("html.page", [&] { return assemble_html(bundle, title, json); });
  cli.outputs().write(path, html);  // committed with the run's other outputs
}

}  // namespace refnet::tools
