// refnet user NET ID: one user's page (tier history, rank and score
// breakdown, referral subtree, Dunbar layers, reach per hop, prospects) as JSON
// or a table; or, with --export, their ego network in any export format.
#include <common/cli.hpp>

#include <refnet/format/user_tables.hpp>
#include <refnet/io/export.hpp>
#include <refnet/json/html_report_json.hpp>
#include <refnet/json/rank_json.hpp>
#include <refnet/report/ego_network.hpp>
#include <refnet/report/user_profile.hpp>


namespace refnet::tools {

namespace {

void write_ego_network(const Cli& cli, const Network& net, VertexId user) {
  const auto& vm = cli.vm();
  ExportParams params;
  params.format = parse_export_format(vm["export"].as<std::string>());
  params.network = parse_export_network(vm["network"].as<std::string>());
  params.nodelink_key = vm["nodelink-key"].as<std::string>();
  params.validate();
  const EgoEdges edges = params.network == ExportParams::Which::kWom        ? EgoEdges::kWom
                         : params.network == ExportParams::Which::kReferral ? EgoEdges::kReferral
                                                                            : EgoEdges::kBoth;
  EgoNetwork ego = cli.timed("ego", [&] { return ego_network(net, user, vm["radius"].as<std::uint32_t>(), edges); });
  params.dunbar_ranks = std::move(ego.dunbar_ranks);
  const std::string& out = cli.common().output;
  if (params.format == ExportFormat::kCsv) {
    // Two tables, committed together: nodes in FILE, edges beside it (declared before loading).
    const std::string edges_path = csv_edges_path(out);
    cli.outputs().write(edges_path, [&](std::ostream& e) {
      cli.outputs().write(out, [&](std::ostream& n) { export_csv(n, e, ego.net, params); });
    });
    cli.note("wrote " + out + " and " + edges_path);
  } else {
    cli.write_stream([&](std::ostream& o) { export_network(o, ego.net, params); });
  }
  cli.note(std::to_string(ego.members.size()) + " users and " + std::to_string(ego.net.wom.num_edges()) +
           " ties within " + std::to_string(vm["radius"].as<std::uint32_t>()) + " hops");
}

}  // namespace

int user_main(int argc, char** argv) {
  return guarded_main("refnet user", [&] {
    Cli cli(
        "refnet user",
        "refnet user NET ID [--format json|table] | refnet user NET ID --export nodelink|cytoscape|gexf|graphml|csv "
        "[--radius R] [--network wom|referral|both] -o FILE",
        {"json", "table"});
    cli.options().add_options()("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw input")(
        "id", po::value<std::string>()->required(), "the user's id")(
        "export", po::value<std::string>(),
        "write the user's ego network instead: nodelink|cytoscape|gexf|graphml|csv")(
        "radius", po::value<std::uint32_t>()->default_value(1), "--export: users within this many hops")(
        "network", po::value<std::string>()->default_value("both"),
        "--export: the edges walked and written: wom|referral|both")(
        "nodelink-key", po::value<std::string>()->default_value("links"), "--export nodelink: edge key links|edges");
    cli.positional("input", 1);
    cli.positional("id", 1);
    cli.add_input_options();
    if (!cli.parse(argc, argv)) return kExitOk;
    const auto& vm = cli.vm();
    const bool exporting = vm.count("export") > 0;
    for (const char* name : {"radius", "network", "nodelink-key"})
      if (!exporting && !vm[name].defaulted()) throw UsageError(std::string("--") + name + " needs --export");
    if (exporting && !vm["format"].defaulted()) throw UsageError("--format and --export cannot be combined");
    if (!vm["nodelink-key"].defaulted() && vm.count("export") &&
        parse_export_format(vm["export"].as<std::string>()) != ExportFormat::kNodeLink)
      throw UsageError("--nodelink-key applies to --export nodelink only");
    if (exporting && parse_export_format(vm["export"].as<std::string>()) == ExportFormat::kCsv) {
      if (cli.common().output == "-") throw UsageError("--export csv writes two files: give -o NODES.csv");
      cli.declare_output(csv_edges_path(cli.common().output), "-o (its edges file)");
    }
    const LoadedInput in = cli.load();
    const std::string& name = vm["id"].as<std::string>();
    const auto user = in.network.log.users.find(name);
    if (!user) throw UsageError("no user '" + name + "' in the input");
    if (exporting) {
      write_ego_network(cli, in.network, *user);
      return kExitOk;
    }
    SuperUserParams ranking;  // as `refnet analyze` and `refnet rank` rank, with this --seed
    ranking.seed = cli.common().seed;
    const UserReport r = profile_user(in.network, *user, UserProfileParams{}, ranking, cli.progress());
    nlohmann::json result = {{"id", name}, {"users", in.network.num_users()}};
    result.update(user_profile_json(in.network, r.profile, r.ranking ? &*r.ranking : nullptr,
                                    r.prospects ? &*r.prospects : nullptr));
    const auto doc = cli.envelope(&in, nlohmann::json::object(), std::move(result));
    cli.write(cli.common().format == "table" ? render_user(doc["result"]) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
