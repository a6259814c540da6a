// refnet seeds NET -k K: influence maximization (IMM, OPIM-C, CELF or degree discount).
#include <common/influence.hpp>

#include <refnet/algo/influence/influence_graph.hpp>
#include <refnet/algo/influence/seeds.hpp>
#include <refnet/format/influence_tables.hpp>
#include <refnet/json/influence_json.hpp>
#include <refnet/parallel/cluster.hpp>

namespace refnet::tools {

int seeds_main(int argc, char** argv) {
  return guarded_main("refnet seeds", [&] {
    Cli cli("refnet seeds", "refnet seeds NET -k K [--epsilon E] [--algorithm imm|opim-c|celf|degree-discount] [--model ic|lt]",
            {"json", "csv", "table"});
    SeedsParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot, event log or graph file")
        ("k,k", po::value(&p.k)->default_value(10), "number of seeds")
        ("epsilon", po::value(&p.epsilon)->default_value(0.1), "approximation slack: spread >= (1 - 1/e - epsilon) OPT")
        ("ell", po::value(&p.ell)->default_value(1.0), "the guarantee fails with probability at most 1/n^ell")
        ("algorithm", po::value<std::string>()->default_value("imm"), "imm|opim-c|celf|degree-discount")
        ("lower-bound", po::value<std::string>()->default_value("pilot"), "imm phase 1: pilot (martingale bound) | doubling (the paper's)")
        ("mc-runs", po::value(&p.mc_runs)->default_value(1000), "celf: Monte Carlo runs per estimate");
    add_influence_options(cli);
    cli.positional("input", -1);
    cli.add_input_options({.referrals = false, .tie_strength = true});
    if (!cli.parse(argc, argv)) return kExitOk;
    const InfluenceModelParams model = influence_params(cli);
    p.algorithm = parse_seed_algorithm(cli.vm()["algorithm"].as<std::string>());
    const bool guaranteed = p.algorithm == SeedAlgorithm::kImm || p.algorithm == SeedAlgorithm::kOpimC;
    if (!cli.vm()["mc-runs"].defaulted() && p.algorithm != SeedAlgorithm::kCelf)
      throw UsageError("--mc-runs is CELF's Monte Carlo; " + std::string(to_string(p.algorithm)) + " does not simulate");
    if (!cli.vm()["lower-bound"].defaulted() && p.algorithm != SeedAlgorithm::kImm)
      throw UsageError("--lower-bound is IMM's phase 1; " + std::string(to_string(p.algorithm)) + " has none");
    if ((!cli.vm()["epsilon"].defaulted() || !cli.vm()["ell"].defaulted()) && !guaranteed)
      throw UsageError("--epsilon and --ell set IMM's and OPIM-C's guarantee; " + std::string(to_string(p.algorithm)) +
                       " gives none");
    p.lower_bound = parse_imm_lower_bound(cli.vm()["lower-bound"].as<std::string>());
    p.seed = cli.common().seed;
    p.cluster = &Cluster::world();
    const LoadedInput in = cli.load();
    const InfluenceGraph g =
        cli.timed("model", [&] { return make_influence_graph(in.network.wom, in.network.info.weight_meaning, model); });
    check_probability_options(cli, g);
    const SeedsResult r = select_seeds(g, p, cli.phase("seeds"));
    nlohmann::json params = params_json(p);
    params["diffusion"] = params_json(model);
    const auto doc = cli.envelope(&in, params, seeds_json(in.network, g, model.ties, p, r));
    if (cli.common().format == "csv")
      cli.write_stream([&](std::ostream& out) { write_seeds_csv(out, doc["result"]); });
    else
      cli.write(cli.common().format == "table" ? render_seeds(doc["result"]) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
