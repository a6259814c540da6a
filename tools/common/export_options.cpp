#include <common/export_options.hpp>

namespace refnet::tools {

void add_export_options(Cli& cli, bool bom) {
  cli.options().add_options()
      ("network", po::value<std::string>()->default_value("both"), "which edges: wom|referral|both")
      ("nodelink-key", po::value<std::string>()->default_value("links"),
       "node-link edge key: links|edges|both (both: readable by every networkx version without arguments)")
      ("gexf-version", po::value<std::string>()->default_value("1.3"), "GEXF 1.3 or 1.2 (1.2draft: networkx 2.x, older Gephi)");
  if (bom) cli.options().add_options()("bom", po::bool_switch(), "CSV: start each table with a UTF-8 byte-order mark (for Excel)");
}

ExportParams export_params(const Cli& cli, const std::string& format_option) {
  const auto& vm = cli.vm();
  ExportParams params;
  params.format = parse_export_format(vm[format_option].as<std::string>());
  params.network = parse_export_network(vm["network"].as<std::string>());
  params.nodelink_key = vm["nodelink-key"].as<std::string>();
  params.gexf_version = vm["gexf-version"].as<std::string>();
  params.bom = vm.count("bom") && vm["bom"].as<bool>();
  params.validate();
  // Options of one format are refused with another, never ignored.
  const std::string with = "--" + format_option + " ";
  if (!vm["nodelink-key"].defaulted() && params.format != ExportFormat::kNodeLink)
    throw UsageError("--nodelink-key applies to " + with + "nodelink only");
  if (!vm["gexf-version"].defaulted() && params.format != ExportFormat::kGexf)
    throw UsageError("--gexf-version applies to " + with + "gexf only");
  if (params.bom && params.format != ExportFormat::kCsv) throw UsageError("--bom applies to " + with + "csv only");
  if (params.format == ExportFormat::kCsv) {
    if (cli.common().output == "-") throw UsageError(with + "csv writes two files: give -o NODES.csv");
    cli.declare_output(csv_edges_path(cli.common().output), "-o (its edges file)");
  }
  return params;
}

void write_export(const Cli& cli, const Network& net, const ExportParams& params) {
  const std::string& out = cli.common().output;
  if (params.format != ExportFormat::kCsv) {
    cli.write_stream([&](std::ostream& o) { export_network(o, net, params); });
    return;
  }
  // Two tables: nodes in FILE, edges beside it (FILE.edges.csv), committed together.
  const std::string edges_path = csv_edges_path(out);
  cli.outputs().write(edges_path, [&](std::ostream& edges) {
    cli.outputs().write(out, [&](std::ostream& nodes) { export_csv(nodes, edges, net, params); });
  });
  cli.note("wrote " + out + " and " + edges_path);
}

}  // namespace refnet::tools
