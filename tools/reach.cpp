// refnet reach NET: k-hop reach of users along word-of-mouth ties, exact
// (MS-BFS) or estimated for everyone at once (--approx, HyperANF).
#include <common/cli.hpp>

#include <refnet/algo/reach/hyperanf.hpp>
#include <refnet/algo/reach/reach.hpp>
#include <refnet/events/id_table.hpp>
#include <refnet/format/reach_tables.hpp>
#include <refnet/json/reach_json.hpp>
#include <refnet/parallel/cluster.hpp>

namespace refnet::tools {

int reach_main(int argc, char** argv) {
  return guarded_main("refnet reach", [&] {
    Cli cli("refnet reach",
            "refnet reach NET [--users ID,... | --all] --hops K [--dunbar L | --layer N [--ring] | --all-ties] "
            "[--positive] [--approx [--registers-log2 B]] [--format json|ndjson|csv]",
            {"json", "ndjson", "csv"});
    TieChoice ties;
    std::uint32_t hops = 2, registers_log2 = 6;
    ReachReportOptions report;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")
        ("users", po::value<std::string>(), "comma-separated user ids (default: all users)")
        ("all", po::bool_switch(), "every user (the default)")
        ("hops", po::value(&hops)->default_value(2), "K: report reach within 1..K hops")
        ("dunbar", po::value<std::uint32_t>(), "follow each person's L strongest ties only (default 150)")
        ("layer", po::value<std::uint32_t>(), "follow one Dunbar layer: ties of rank 1..N, N one of --layer-sizes")
        ("ring", po::bool_switch(&ties.ring), "with --layer: only the ranks the layer adds (layer 15: ranks 6..15)")
        ("layer-sizes", po::value(&ties.layer_sizes)->default_value("5,15,50,150"), "the Dunbar layer sizes")
        ("all-ties", po::bool_switch(&ties.all), "follow every tie")
        ("positive", po::bool_switch(&ties.positive_only), "follow positive ties only")
        ("approx", po::bool_switch(), "estimate every user's reach with HyperANF (HyperLogLog counters)")
        ("registers-log2", po::value(&registers_log2)->default_value(6), "--approx: 2^B registers per user (error 1.04/sqrt(2^B))")
        ("top", po::value(&report.top)->default_value(10), "rows of the top-users list")
        ("no-users", po::bool_switch(), "leave out the per-user list (distribution and top users only)");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = false, .tie_strength = true});
    if (!cli.parse(argc, argv)) return kExitOk;
    const auto& vm = cli.vm();
    if (vm.count("users") && vm["all"].as<bool>()) throw UsageError("give --users or --all, not both");
    if (!vm["registers-log2"].defaulted() && !vm["approx"].as<bool>())
      throw UsageError("--registers-log2 needs --approx");
    if (!vm["seed"].defaulted() && !vm["approx"].as<bool>())
      throw UsageError("--seed hashes HyperANF's counters (--approx); exact reach has nothing random");
    if (!vm["layer-sizes"].defaulted() && !vm.count("layer")) throw UsageError("--layer-sizes needs --layer");
    if (vm.count("dunbar")) ties.dunbar = vm["dunbar"].as<std::uint32_t>();
    if (vm.count("layer")) ties.layer = vm["layer"].as<std::uint32_t>();
    report.with_users = !vm["no-users"].as<bool>();
    StreamedDocument stream;  // the per-user rows, written without a DOM
    report.stream = &stream;
    const TieFilter filter = ties.filter();
    const LoadedInput in = cli.load();
    const Network& net = in.network;
    const std::vector<VertexId> users = vm.count("users") ? ids_from_list(net.log.users, vm["users"].as<std::string>(), "--users") : std::vector<VertexId>{};
    const bool csv = cli.common().format == "csv";
    if (vm["approx"].as<bool>()) {
      HyperAnfParams p{hops, registers_log2, cli.common().seed, filter, true, &Cluster::world()};
      const HyperAnfResult r = hyperanf(net.wom, p, cli.phase("hyperanf"));
      const Progress::Phase write = cli.phase("report");
      if (csv) cli.write_stream([&](std::ostream& out) { write_reach_csv(out, net, r, users); });
      else cli.write_json(cli.envelope(&in, params_json(p), reach_json(net, r, users, report)), stream);
      return kExitOk;
    }
    ReachParams p{hops, filter, users};
    const ReachResult r = reach(net.wom, p, cli.phase("reach"));
    const Progress::Phase write = cli.phase("report");
    if (csv) cli.write_stream([&](std::ostream& out) { write_reach_csv(out, net, r); });
    else cli.write_json(cli.envelope(&in, params_json(p), reach_json(net, r, report)), stream);
    return kExitOk;
  });
}

}  // namespace refnet::tools
