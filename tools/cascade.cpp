// refnet cascade NET|CASCADES: cascade metrics, growth curves, K-factor and the size distribution.
#include <common/cli.hpp>

#include <refnet/algo/cascade/cascade.hpp>
#include <refnet/algo/cascade/channels.hpp>
#include <refnet/format/cascade_tables.hpp>
#include <refnet/json/cascade_json.hpp>

namespace refnet::tools {

int cascade_main(int argc, char** argv) {
  return guarded_main("refnet cascade", [&] {
    Cli cli("refnet cascade",
            "refnet cascade NET|CASCADES [--from auto|referrals|shares|file] [--social GRAPH] [--min-size N] "
            "[--top N] [--bucket day|week|month]",
            {"json", "csv", "table"});
    CascadeParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot, event log or cascade file")
        ("source", po::value<std::string>()->default_value("auto"), "where cascades come from: auto|referrals|shares|file")
        ("social", po::value<std::string>(), "social graph for a cascade file's parents")
        ("parent", po::value<std::string>()->default_value("latest-neighbour"), "latest-neighbour|root|previous")
        ("min-size", po::value(&p.min_size)->default_value(1), "smallest cascade with a record")
        ("top", po::value(&p.top)->default_value(100), "records kept, largest first")
        ("growth-top", po::value(&p.growth_top)->default_value(10), "largest cascades with their own growth curve")
        ("bucket", po::value<std::string>()->default_value("day"), "growth-curve bucket: day|week|month");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = true, .tie_strength = false});
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    p.bucket = parse_bucket(cli.vm()["bucket"].as<std::string>());
    const ParentRule rule = parse_parent_rule(cli.vm()["parent"].as<std::string>());
    LoadOptions load = cli.load_options();
    load.need_wom = false;  // cascades come from the referral forest, shares or a cascade file
    const LoadedInput in = cli.load(load);
    if (in.network.info.kind == InputKind::kGraph)
      throw UsageError("a graph file has no cascades: give an event log (referrals, shares) or a cascade file");
    const CascadeSource source = resolve_source(in.network, parse_cascade_source(cli.vm()["source"].as<std::string>()));
    if ((cli.vm().count("social") || !cli.vm()["parent"].defaulted()) && source != CascadeSource::kFile)
      throw UsageError("--social and --parent infer the parents of a cascade file's adopters; these cascades come from " +
                       std::string(to_string(source)) + ", whose parents are known");
    Graph social;
    if (cli.vm().count("social")) {
      const Progress::Phase load = cli.phase("load_social");
      social = graph_over_users(load_input({cli.vm()["social"].as<std::string>()}, {}).network, in.network.log.users);
    }
    const CascadeForest forest = build_cascade_forest(in.network, source, social, rule);
    if (source == CascadeSource::kReferrals) p.invitations = in.network.referral.referrals;
    const CascadeResult r = analyze_cascades(forest, p, cli.phase("cascades"));
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_cascades_csv(out, in.network, forest, r); });
      return kExitOk;
    }
    const std::vector<ChannelReferrals> channels =
        source == CascadeSource::kReferrals ? referrals_by_channel(in.network, r.summary.nodes) : std::vector<ChannelReferrals>{};
    auto result = cascades_json(in.network, forest, r, std::string(to_string(source)), channels);
    const auto doc = cli.envelope(&in, params_json(p), std::move(result));
    cli.write(cli.common().format == "table" ? render_cascades(doc["result"], 10) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
