// refnet compare NET --at A --vs B: what changed between two dates (tier
// moves, super users gained and lost, K-factor, reach, top referrers).
#include <common/cli.hpp>

#include <refnet/base/text.hpp>
#include <refnet/format/compare_tables.hpp>
#include <refnet/json/compare_json.hpp>
#include <refnet/report/compare.hpp>

namespace refnet::tools {

int compare_main(int argc, char** argv) {
  return guarded_main("refnet compare", [&] {
    Cli cli("refnet compare", "refnet compare NET --at A --vs B [--top N] [--no-reach] [--format json|ndjson|csv|table]",
            {"json", "ndjson", "csv", "table"});
    CompareParams p;
    cli.options().add_options()
        ("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw event logs")
        ("vs", po::value<std::string>()->required(), "the later date B, compared with --at A")
        ("top", po::value(&p.top)->default_value(10), "top referrers listed")
        ("no-reach", po::bool_switch(), "leave out the reach distributions (the costliest part)");
    cli.positional("input", -1);
    cli.add_input_options();
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    const LoadOptions asked = cli.load_options();
    if (!asked.given.at) throw UsageError("compare needs --at A (the earlier date) and --vs B");
    if (asked.window.active())
      throw UsageError("compare sets its own two dates: --from, --to, --channel and --product do not apply");
    const auto vs = parse_timestamp(cli.vm()["vs"].as<std::string>());
    if (!vs) throw UsageError("--vs: bad time '" + cli.vm()["vs"].as<std::string>() + "' (unix seconds or ISO-8601)");
    p.at = asked.network.analysis_time;
    p.vs = *vs;
    p.reach = !cli.vm()["no-reach"].as<bool>();
    p.validate();
    // The events as they are; both dates are rebuilt from them.
    LoadOptions load = asked;
    load.given = {};
    load.need_wom = false;
    const LoadedInput in = cli.load(load);
    const CompareReport r = compare_dates(in.network, asked_params(in.network.info.params, asked), p, cli.phase("compare"));
    if (cli.common().format == "csv") {
      cli.write_stream([&](std::ostream& out) { write_moves_csv(out, r); });
      return kExitOk;
    }
    StreamedDocument stream;  // the per-user moves, written without a DOM
    const auto doc = cli.envelope(&in, params_json(p), compare_json(r, &stream));
    if (cli.common().format == "table") cli.write(render_compare(doc["result"]));
    else cli.write_json(doc, stream);
    return kExitOk;
  });
}

}  // namespace refnet::tools
