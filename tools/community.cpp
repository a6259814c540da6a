// refnet community NET: Louvain communities of the WOM network and their leaders.
#include <common/cli.hpp>

#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/algo/community/louvain.hpp>
#include <refnet/algo/community/partition.hpp>
#include <refnet/format/community_tables.hpp>
#include <refnet/graph/undirected.hpp>
#include <refnet/io/labels.hpp>
#include <refnet/json/community_json.hpp>

namespace refnet::tools {

int community_main(int argc, char** argv) {
  return guarded_main("refnet community", [&] {
    Cli cli("refnet community", "refnet community NET [--resolution G] [--unweighted] [--ground-truth ATTR|FILE] [--top N] [--all]",
            {"json", "csv", "table"});
    LouvainParams p;
    std::size_t top = 20;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw input")
        ("resolution", po::value(&p.resolution)->default_value(1.0), "modularity resolution gamma (> 1: smaller communities)")
        ("unweighted", po::bool_switch(), "every pair of users with a tie counts 1 instead of its strength")
        ("ground-truth", po::value<std::string>(), "known communities: a file of 'node label' rows, or a GML node attribute")
        ("top", po::value(&top)->default_value(20), "largest communities listed with their leaders")
        ("all", po::bool_switch(), "also list every vertex's community in the JSON");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = false, .tie_strength = true});
    if (!cli.parse(argc, argv)) return kExitOk;
    p.seed = cli.common().seed;
    p.validate();
    const auto inputs = cli.vm()["input"].as<std::vector<std::string>>();
    const bool weighted = !cli.vm()["unweighted"].as<bool>();
    const LoadedInput in = cli.load();
    NodeLabels truth;
    if (cli.vm().count("ground-truth")) truth = read_ground_truth(cli.vm()["ground-truth"].as<std::string>(), inputs.front());
    const UndirectedGraph g = cli.timed("undirected", [&] { return make_undirected(in.network.wom, weighted); });
    const CommunityResult r = louvain(g, p, cli.phase("louvain"));
    PageRankParams pr;
    pr.weighted = weighted;
    const std::vector<double> score = pagerank(in.network.wom, pr, cli.phase("leaders")).score;
    const std::vector<VertexId> leader = community_leaders(r.community, r.count(), score);
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_communities_csv(out, in.network, r, leader); });
      return kExitOk;
    }
    auto result = community_json(in.network, r, leader, score, "pagerank", top, cli.vm()["all"].as<bool>());
    if (!truth.rows.empty())
      result["ground_truth"] = ground_truth_json(g, r, truth, labels_by_vertex(in.network.log.users, truth), p.resolution);
    const auto doc = cli.envelope(&in, params_json(p), std::move(result));
    cli.write(cli.common().format == "table" ? render_communities(doc["result"]) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
