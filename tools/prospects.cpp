// refnet prospects NET: for each super user (or, without tiers, each top user
// by reach), the strongest contacts who are not yet advocates, ranked by tie
// strength times their own reach, with the reasons.
#include <common/cli.hpp>

#include <refnet/algo/reach/prospects.hpp>
#include <refnet/format/prospects_tables.hpp>
#include <refnet/json/prospects_json.hpp>

namespace refnet::tools {

int prospects_main(int argc, char** argv) {
  return guarded_main("refnet prospects", [&] {
    Cli cli("refnet prospects",
            "refnet prospects NET [--hops K] [--dunbar L | --layer N [--ring] | --all-ties] [--positive] "
            "[--contacts 150] [--max 150] [--anchors 10] [--format json|csv]",
            {"json", "csv"});
    TieChoice ties;
    ProspectParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs")
        ("hops", po::value(&p.hops)->default_value(2), "a contact's reach is counted within K hops")
        ("dunbar", po::value<std::uint32_t>(), "that reach follows each person's L strongest ties (default 150)")
        ("layer", po::value<std::uint32_t>(), "... or one Dunbar layer (ties of rank 1..N)")
        ("ring", po::bool_switch(&ties.ring), "with --layer: only the ranks the layer adds")
        ("layer-sizes", po::value(&ties.layer_sizes)->default_value("5,15,50,150"), "the Dunbar layer sizes")
        ("all-ties", po::bool_switch(&ties.all), "... or every tie")
        ("positive", po::bool_switch(&ties.positive_only), "... positive ties only")
        ("contacts", po::value(&p.contacts)->default_value(150), "an anchor's strongest ties looked at")
        ("max", po::value(&p.max_prospects)->default_value(150), "prospects kept per anchor")
        ("anchors", po::value(&p.top_anchors)->default_value(10), "inputs without tiers: the top users by reach to use");
    cli.positional("input", -1);
    cli.add_input_options();
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    if (cli.vm().count("dunbar")) ties.dunbar = cli.vm()["dunbar"].as<std::uint32_t>();
    if (cli.vm().count("layer")) ties.layer = cli.vm()["layer"].as<std::uint32_t>();
    p.ties = ties.filter();
    p.validate();
    const LoadedInput in = cli.load();
    if (!cli.vm()["anchors"].defaulted() && in.network.info.kind == InputKind::kEvents)
      throw UsageError("--anchors picks the users to start from when an input has no trust tiers; this event log's "
                       "super users are the anchors");
    const ProspectResult r = prospects(in.network, p, cli.phase("prospects"));
    if (cli.common().format == "csv") cli.write_stream([&](std::ostream& out) { write_prospects_csv(out, in.network, r); });
    else cli.write(cli.envelope(&in, params_json(p), prospects_json(in.network, r)).dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
