// refnet spread NET --seeds a,b,c: Monte Carlo expected spread under IC or LT, with a 95% interval.
#include <common/influence.hpp>

#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/algo/influence/spread.hpp>
#include <refnet/events/id_table.hpp>
#include <refnet/format/influence_tables.hpp>
#include <refnet/json/influence_json.hpp>
#include <refnet/parallel/cluster.hpp>

namespace refnet::tools {

int spread_main(int argc, char** argv) {
  return guarded_main("refnet spread", [&] {
    Cli cli("refnet spread",
            "refnet spread NET --seeds a,b,c [--runs R] [--model ic|lt] [--probability ...] [--ties positive|negative]",
            {"json", "table"});
    SpreadParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot, event log or graph file")
        ("seeds", po::value<std::string>()->required(), "comma-separated user ids, each once (for --ties negative: the offended users)")
        ("runs", po::value(&p.runs)->default_value(10000), "Monte Carlo runs");
    add_influence_options(cli);
    cli.positional("input", -1);
    cli.add_input_options({.referrals = false, .tie_strength = true});
    if (!cli.parse(argc, argv)) return kExitOk;
    const InfluenceModelParams model = influence_params(cli);
    p.seed = cli.common().seed;
    p.cluster = &Cluster::world();
    const LoadedInput in = cli.load();
    const std::vector<VertexId> seeds = ids_from_list(in.network.log.users, cli.vm()["seeds"].as<std::string>(), "--seeds", true);
    const InfluenceGraph g =
        cli.timed("model", [&] { return make_influence_graph(in.network.wom, in.network.info.weight_meaning, model); });
    check_probability_options(cli, g);
    const SpreadResult r = simulate_spread(g, seeds, p, cli.phase("simulate"));
    nlohmann::json params = params_json(p);
    params["diffusion"] = params_json(model);
    const auto doc = cli.envelope(&in, params, spread_json(in.network, g, model.ties, seeds, r));
    cli.write(cli.common().format == "table" ? render_spread(doc["result"]) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
