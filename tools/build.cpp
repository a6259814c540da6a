// refnet build INPUT... -o NET.refnet: parse inputs into a snapshot.
#include <common/cli.hpp>

#include <refnet/algo/structure/summary.hpp>
#include <refnet/io/snapshot.hpp>
#include <refnet/json/summary_json.hpp>


namespace refnet::tools {

int build_main(int argc, char** argv) {
  return guarded_main("refnet build", [&] {
    Cli cli("refnet build", "refnet build INPUT... -o NET.refnet [--report FILE]");
    cli.options().add_options()("input", po::value<std::vector<std::string>>()->required(), "input files")(
        "report", po::value<std::string>()->default_value("-"), "where the JSON build report goes (- = stdout)");
    cli.positional("input", -1);
    cli.add_input_options();
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    if (cli.common().output == "-") throw UsageError("refnet build needs -o NET.refnet (where to write the snapshot)");
    const std::string report_path = cli.vm()["report"].as<std::string>();
    cli.declare_output(report_path, "--report");
    LoadOptions load = cli.load_options();
    if (load.window.active())
      throw UsageError("a snapshot keeps every event: give --from, --to, --channel or --product to the commands that "
                       "analyse it, not to build");
    load.keep_all_events = true;  // --at sets the networks' time; the later events stay in the snapshot
    LoadedInput in = cli.load(load);
    for (const auto& f : in.files) cli.note(f.path + ": " + f.format_reason);
    for (const auto& w : in.report.warnings) cli.note("warning: " + w);
    if (in.report.skipped) cli.note("skipped " + std::to_string(in.report.skipped) + " malformed row(s) (--lenient)");
    // The snapshot and the report are committed together when this returns.
    cli.timed("snapshot", [&] { save_snapshot(in.network, cli.outputs().stage(cli.common().output)); });
    const auto result = info_json(in.network, summarize(in.network));
    const std::string report = cli.envelope(&in, {{"snapshot", cli.common().output}}, result).dump(2);
    cli.outputs().write(report_path, report + "\n");
    return kExitOk;
  });
}

}  // namespace refnet::tools
