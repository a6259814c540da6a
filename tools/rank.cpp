// refnet rank NET: the explained super-user ranking, with the Pareto and homophily checks.
#include <common/cli.hpp>

#include <refnet/algo/rank/super_users.hpp>
#include <refnet/format/rank_tables.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/parallel/cluster.hpp>

namespace refnet::tools {

int rank_main(int argc, char** argv) {
  return guarded_main("refnet rank", [&] {
    Cli cli("refnet rank", "refnet rank NET [--top N] [--weights name=w,...] [--all]", {"json", "ndjson", "csv", "table"});
    SuperUserParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot, event log or graph file")
        ("top", po::value<std::size_t>()->default_value(20), "users listed with their components and explanation")
        ("weights", po::value<std::string>()->default_value(""),
         "component weights, e.g. descendants=0.3,reach=0.2 (others keep their defaults; docs/rank.md)")
        ("all", po::bool_switch(), "also every user's rank and score in the JSON")
        ("dunbar", po::value(&p.dunbar)->default_value(150), "ties per user counted by the reach component")
        ("influence-sets", po::value(&p.influence.sets)->default_value(0),
         "RR sets behind the influence component (0 = as many as the top 1% of users need)")
        ("influence-target", po::value(&p.influence.target_count)->default_value(p.influence.target_count),
         "sets the user at the top-1% boundary must be in (relative error ~ 1/sqrt)");
    cli.positional("input", -1);
    cli.add_input_options();
    if (!cli.parse(argc, argv)) return kExitOk;
    p.weights.set(cli.vm()["weights"].as<std::string>());
    p.seed = cli.common().seed;
    p.cluster = &Cluster::world();
    const LoadedInput in = cli.load();
    const SuperUserReport r = super_users(in.network, p, cli.phase("rank"));
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_super_users_csv(out, in.network, r); });
      return kExitOk;
    }
    const std::size_t top = cli.vm()["top"].as<std::size_t>();
    StreamedDocument stream;  // --all: every user, written without a DOM
    const bool all = cli.vm()["all"].as<bool>() && (cli.common().format == "json" || cli.common().format == "ndjson");
    auto result = super_users_json(in.network, r, top, all, &stream);
    const auto doc = cli.envelope(&in, params_json(p), std::move(result));
    if (cli.common().format == "table") cli.write(render_super_users(doc["result"], top));
    else cli.write_json(doc, stream);
    return kExitOk;
  });
}

}  // namespace refnet::tools
