// refnet user NET ID: one user's page (tier history, rank and score
// breakdown, referral subtree, Dunbar layers, reach per hop, prospects) as JSON
// or a table; or, with --export, their ego network in any export format.
#include <common/export_options.hpp>

#include <refnet/format/user_tables.hpp>
#include <refnet/json/html_report_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/report/ego_network.hpp>
#include <refnet/report/user_profile.hpp>

namespace refnet::tools {

namespace {

void write_ego_network(const Cli& cli, const Network& net, VertexId user, ExportParams params) {
  const std::uint32_t radius = cli.vm()["radius"].as<std::uint32_t>();
  const EgoEdges edges = params.network == ExportParams::Which::kWom        ? EgoEdges::kWom
                         : params.network == ExportParams::Which::kReferral ? EgoEdges::kReferral
                                                                            : EgoEdges::kBoth;
  EgoNetwork ego = cli.timed("ego", [&] { return ego_network(net, user, radius, edges); });
  params.dunbar_ranks = std::move(ego.dunbar_ranks);
  write_export(cli, ego.net, params);
  cli.note(std::to_string(ego.members.size()) + " users and " + std::to_string(ego.net.wom.num_edges()) +
           " ties within " + std::to_string(radius) + " hops");
}

}  // namespace

int user_main(int argc, char** argv) {
  return guarded_main("refnet user", [&] {
    Cli cli(
        "refnet user",
        "refnet user NET ID [--format json|table] | refnet user NET ID --export "
        "nodelink|graphology|cytoscape|gexf|graphml|csv "
        "[--radius R] [--network wom|referral|both] [--nodelink-key links|edges|both] [--gexf-version 1.3|1.2] -o FILE",
        {"json", "table"});
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw input")
        ("id", po::value<std::string>()->required(), "the user's id")
        ("export", po::value<std::string>(),
         "write the user's ego network instead: nodelink|graphology|cytoscape|gexf|graphml|csv")
        ("radius", po::value<std::uint32_t>()->default_value(1), "--export: users within this many hops");
    add_export_options(cli, false);
    cli.positional("input", 1);
    cli.positional("id", 1);
    cli.add_input_options();
    if (!cli.parse(argc, argv)) return kExitOk;
    const auto& vm = cli.vm();
    const bool exporting = vm.count("export") > 0;
    for (const char* name : {"radius", "network", "nodelink-key", "gexf-version"})
      if (!exporting && !vm[name].defaulted()) throw UsageError(std::string("--") + name + " needs --export");
    if (exporting && !vm["format"].defaulted()) throw UsageError("--format and --export cannot be combined");
    const ExportParams params = exporting ? export_params(cli, "export") : ExportParams{};
    const LoadedInput in = cli.load();
    const std::string& name = vm["id"].as<std::string>();
    const auto user = in.network.log.users.find(name);
    if (!user) throw UsageError("no user '" + name + "' in the input");
    if (exporting) {
      write_ego_network(cli, in.network, *user, params);
      return kExitOk;
    }
    SuperUserParams ranking;  // as `refnet analyze` and `refnet rank` rank, with this --seed
    ranking.seed = cli.common().seed;
    UserProfileParams profile;
    profile.reach_ties = ties_for(in.network, profile.reach_ties, false);  // no silent cap on ties without strengths
    const UserReport r = profile_user(in.network, *user, profile, ranking, cli.progress());
    nlohmann::json result = {{"id", name}, {"users", in.network.num_users()}};
    result.update(user_profile_json(in.network, r.profile, r.ranking ? &*r.ranking : nullptr,
                                    r.prospects ? &*r.prospects : nullptr));
    if (result.contains("reach")) {
      result["reach_ties"] = profile.reach_ties.label;
      if (!profile.reach_ties.cap_not_applied.empty())
        result["dunbar_cap_not_applied"] = profile.reach_ties.cap_not_applied;
    }
    const auto doc = cli.envelope(&in, nlohmann::json::object(), std::move(result));
    cli.write(cli.common().format == "table" ? render_user(doc["result"]) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
