// refnet tiers NET: the five trust tiers as of --at, transitions, the funnel by cohort.
#include <common/cli.hpp>

#include <refnet/algo/tiers/channels.hpp>
#include <refnet/algo/tiers/tiers.hpp>
#include <refnet/format/tiers_tables.hpp>
#include <refnet/json/tiers_json.hpp>

namespace refnet::tools {

int tiers_main(int argc, char** argv) {
  return guarded_main("refnet tiers", [&] {
    Cli cli("refnet tiers", "refnet tiers NET [--at T] [--transitions] [--format json|ndjson|csv|table]",
            {"json", "ndjson", "csv", "table"});
    TierParams p;
    std::string drop_on;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw event logs")
        ("repurchase", po::value(&p.repurchase_count)->default_value(3), "same-product purchases for weak")
        ("advocacy", po::value(&p.advocacy_events)->default_value(1), "positive share/recommend/review/referral events for strong")
        ("converted", po::value(&p.converted_referees)->default_value(2), "referees who purchased, for super")
        ("inactivity-days", po::value(&p.inactivity_days)->default_value(365), "a tier is lost per window without an event (0 = never)")
        ("drop-on", po::value(&drop_on)->default_value("complaint,churn,negative-review"),
         "events that drop trust to none: any of complaint, churn, negative-review, or 'none'")
        ("transitions", po::bool_switch(&p.transitions), "include each user's dated tier changes")
        ("no-users", po::bool_switch(), "leave out the per-user list (funnel and cohorts only)");
    cli.positional("input", -1);
    cli.add_input_options({.referrals = true, .tie_strength = false});
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    LoadOptions load = cli.load_options();
    load.need_wom = false;  // tiers read the events and the referral forest only
    // The tiers stand as of the network's analysis time: --at, the end of a
    // --from/--to window, or the last event.
    set_drop_events(p, drop_on);
    const LoadedInput in = cli.load(load);
    const TierResult r = tiers(in.network, p, cli.phase("tiers"));
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_tiers_csv(out, in.network, r); });
      return kExitOk;
    }
    StreamedDocument stream;  // the per-user list, written without a DOM
    const bool users = !cli.vm()["no-users"].as<bool>() && (cli.common().format == "json" || cli.common().format == "ndjson");
    nlohmann::json result = tiers_json(in.network, r, users, &stream);
    result["channels"] = channel_funnels_json(funnels_by_channel(in.network, r));
    const auto doc = cli.envelope(&in, params_json(p), std::move(result));
    if (cli.common().format == "table") cli.write(render_tiers(doc["result"]));
    else cli.write_json(doc, stream);
    return kExitOk;
  });
}

}  // namespace refnet::tools
