// refnet components NET: weakly and strongly connected components of the
// word-of-mouth graph.
#include <common/cli.hpp>

#include <refnet/algo/structure/components.hpp>
#include <refnet/json/components_json.hpp>

namespace refnet::tools {

int components_main(int argc, char** argv) {
  return guarded_main("refnet components", [&] {
    Cli cli("refnet components", "refnet components NET [--kind weak|strong|both] [--top N] [--users] [--format json|csv]",
            {"json", "csv"});
    ComponentsParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")
        ("kind", po::value<std::string>()->default_value("both"), "weak|strong|both")
        ("top", po::value(&p.top)->default_value(10), "how many of the largest components to list")
        ("users", po::bool_switch(), "json: also list every user's component (named by its smallest user)");
    cli.positional("input", -1);
    cli.add_input_options();
    cli.deterministic();  // nothing random: no --seed, and the envelope's seed is null
    if (!cli.parse(argc, argv)) return kExitOk;
    const std::string kind = cli.vm()["kind"].as<std::string>();
    if (kind != "weak" && kind != "strong" && kind != "both") throw UsageError("--kind must be weak, strong or both, not '" + kind + "'");
    p.weak = kind != "strong";
    p.strong = kind != "weak";
    const bool csv = cli.common().format == "csv";
    if (csv && cli.vm()["users"].as<bool>()) throw UsageError("--users is for json: csv always lists every user");
    const LoadedInput in = cli.load();
    const ComponentsResult r = components(in.network.wom, p, cli.phase("components"));
    const Progress::Phase write = cli.phase("report");
    if (csv) cli.write_stream([&](std::ostream& out) { write_components_csv(out, in.network, r); });
    else cli.write(cli.envelope(&in, params_json(p), components_json(in.network, r, cli.vm()["users"].as<bool>())).dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
