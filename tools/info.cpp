// refnet info NET: sizes, degree statistics, components, counts per event type.
#include <common/cli.hpp>

#include <refnet/algo/structure/summary.hpp>
#include <refnet/format/summary_tables.hpp>
#include <refnet/json/summary_json.hpp>

namespace refnet::tools {

int info_main(int argc, char** argv) {
  return guarded_main("refnet info", [&] {
    Cli cli("refnet info", "refnet info NET|INPUT...", {"json", "table"});
    cli.options().add_options()("input", po::value<std::vector<std::string>>()->required(), "snapshot or raw inputs");
    cli.positional("input", -1);
    cli.add_input_options();
    cli.deterministic();
    if (!cli.parse(argc, argv)) return kExitOk;
    const LoadedInput in = cli.load();
    const auto result = info_json(in.network, cli.timed("summarize", [&] { return summarize(in.network); }));
    const auto doc = cli.envelope(&in, nlohmann::json::object(), result);
    cli.write(cli.common().format == "table" ? render_summary(doc) : doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
