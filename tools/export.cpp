// refnet export NET --to FORMAT: node-link JSON, Cytoscape.js, GEXF, GraphML or Gephi CSV.
#include <common/cli.hpp>

#include <refnet/io/export.hpp>


namespace refnet::tools {

int export_main(int argc, char** argv) {
  return guarded_main("refnet export", [&] {
    Cli cli("refnet export", "refnet export NET --to nodelink|cytoscape|gexf|graphml|csv [--network wom|referral|both] [-o FILE]");
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")
        ("to", po::value<std::string>()->required(), "nodelink|cytoscape|gexf|graphml|csv")
        ("network", po::value<std::string>()->default_value("both"), "which edges: wom|referral|both")
        ("nodelink-key", po::value<std::string>()->default_value("links"), "node-link edge key: links|edges");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = true, .tie_strength = true, .window_end = false});  // --to is the format
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    ExportParams params;
    params.format = parse_export_format(cli.vm()["to"].as<std::string>());
    params.network = parse_export_network(cli.vm()["network"].as<std::string>());
    params.nodelink_key = cli.vm()["nodelink-key"].as<std::string>();
    params.validate();
    const std::string& out = cli.common().output;
    if (params.format == ExportFormat::kCsv) {
      // Two tables: nodes in FILE, edges beside it (FILE.edges.csv), committed together.
      if (out == "-") throw UsageError("--to csv writes two files: give -o NODES.csv");
      const std::string edges_path = csv_edges_path(out);
      cli.declare_output(edges_path, "-o (its edges file)");
      const LoadedInput in = cli.load();
      cli.outputs().write(edges_path, [&](std::ostream& edges) {
        cli.outputs().write(out, [&](std::ostream& nodes) { export_csv(nodes, edges, in.network, params); });
      });
      cli.note("wrote " + out + " and " + edges_path);
      return kExitOk;
    }
    const LoadedInput in = cli.load();
    cli.write_stream([&](std::ostream& o) { export_network(o, in.network, params); });
    return kExitOk;
  });
}

}  // namespace refnet::tools
