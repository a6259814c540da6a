// refnet export NET --to FORMAT: node-link JSON, graphology, Cytoscape.js, GEXF, GraphML or Gephi CSV.
#include <common/export_options.hpp>

namespace refnet::tools {

int export_main(int argc, char** argv) {
  return guarded_main("refnet export", [&] {
    Cli cli("refnet export",
            "refnet export NET --to nodelink|graphology|cytoscape|gexf|graphml|csv [--network wom|referral|both] [-o FILE]");
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")
        ("to", po::value<std::string>()->required(), "nodelink|graphology|cytoscape|gexf|graphml|csv");
    add_export_options(cli, true);
    cli.positional("input", -1);
    cli.add_input_options({.referrals = true, .tie_strength = true, .window_end = false});  // --to is the format
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    const ExportParams params = export_params(cli, "to");
    const LoadedInput in = cli.load();
    write_export(cli, in.network, params);
    return kExitOk;
  });
}

}  // namespace refnet::tools
