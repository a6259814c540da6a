// refnet centrality NET --measure pagerank|kcore|betweenness: centralities of the WOM network.
#include <common/cli.hpp>

#include <refnet/algo/centrality/betweenness.hpp>
#include <refnet/algo/centrality/kcore.hpp>
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/format/centrality_tables.hpp>
#include <refnet/graph/undirected.hpp>
#include <refnet/json/centrality_json.hpp>

namespace refnet::tools {

int centrality_main(int argc, char** argv) {
  return guarded_main("refnet centrality", [&] {
    Cli cli("refnet centrality",
            "refnet centrality NET --measure pagerank|kcore|betweenness [--iterations N] [--samples K] [--top N] [--all]",
            {"json", "ndjson", "csv", "table"});
    PageRankParams pr;
    BetweennessParams bc;
    std::string measure;
    std::size_t top = 20;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw input")
        ("measure", po::value(&measure)->default_value("pagerank"), "pagerank|kcore|betweenness")
        ("damping", po::value(&pr.damping)->default_value(pr.damping, "0.85"), "PageRank damping factor d")
        ("iterations", po::value(&pr.iterations)->default_value(pr.iterations), "PageRank: at most this many iterations")
        ("tolerance", po::value(&pr.tolerance)->default_value(pr.tolerance, "1e-6"),
         "PageRank: stop when the L1 change is below this (0 = run all --iterations)")
        ("unweighted", po::bool_switch(), "PageRank: every tie counts 1 instead of its strength")
        ("samples", po::value(&bc.samples)->default_value(0), "betweenness: pivot sources to sample (0 = exact)")
        ("top", po::value(&top)->default_value(20), "vertices listed, highest first")
        ("all", po::bool_switch(), "also list every vertex's value in the JSON");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = false, .tie_strength = true});
    if (!cli.parse(argc, argv)) return kExitOk;
    if (measure != "pagerank" && measure != "kcore" && measure != "betweenness")
      throw UsageError("unknown --measure '" + measure + "' (expected pagerank, kcore or betweenness)");
    auto given = [&](const char* name) { return cli.vm().count(name) && !cli.vm()[name].defaulted(); };
    for (const char* name : {"damping", "iterations", "tolerance", "unweighted"})
      if (given(name) && measure != "pagerank") throw UsageError(std::string("--") + name + " applies to --measure pagerank");
    if (given("samples") && measure != "betweenness") throw UsageError("--samples applies to --measure betweenness");
    if (given("seed") && !(measure == "betweenness" && bc.samples > 0))
      throw UsageError("--seed picks the pivots of sampled betweenness (--measure betweenness --samples K); " + measure +
                       " has nothing random");
    pr.weighted = !cli.vm()["unweighted"].as<bool>();
    pr.cluster = &Cluster::world();
    bc.seed = cli.common().seed;
    pr.validate();
    bc.validate();
    const LoadedInput in = cli.load();
    const bool all = cli.vm()["all"].as<bool>() && (cli.common().format == "json" || cli.common().format == "ndjson");
    StreamedDocument stream;  // --all: every vertex, written without a DOM
    nlohmann::json params = {{"measure", measure}, {"top", top}};
    nlohmann::json result;
    std::vector<double> values;
    if (measure == "pagerank") {
      const PageRankResult r = pagerank(in.network.wom, pr, cli.phase("pagerank"));
      params["pagerank"] = params_json(pr);
      result = pagerank_json(in.network, r, top, all, &stream);
      values = r.score;
    } else if (measure == "kcore") {
      const UndirectedGraph g = cli.timed("undirected", [&] { return make_undirected(in.network.wom, false); });
      const KCoreResult r = core_numbers(g, {}, cli.phase("kcore"));
      result = kcore_json(in.network, r, top, all, &stream);
      values.assign(r.core.begin(), r.core.end());
    } else {
      const BetweennessResult r = betweenness(in.network.wom, bc, cli.phase("betweenness"));
      params["betweenness"] = params_json(bc);
      result = betweenness_json(in.network, r, top, all, &stream);
      values = r.score;
    }
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_scores_csv(out, in.network.log.users, measure, values); });
      return kExitOk;
    }
    const auto doc = cli.envelope(&in, std::move(params), std::move(result));
    if (cli.common().format == "table") cli.write(render_centrality(doc["result"]));
    else cli.write_json(doc, stream);
    return kExitOk;
  });
}

}  // namespace refnet::tools
