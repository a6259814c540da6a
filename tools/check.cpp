// refnet check NET: full verification of a snapshot (docs/snapshot.md): the
// SHA-256 of its content, every section's checksum and structure, and the
// checks that need random access. Exit 0 when it holds, 3 naming the first
// fault otherwise.
#include <common/cli.hpp>

#include <refnet/io/snapshot.hpp>
#include <refnet/json/components_json.hpp>

namespace refnet::tools {

int check_main(int argc, char** argv) {
  return guarded_main("refnet check", [&] {
    Cli cli("refnet check", "refnet check NET.refnet");
    cli.options().add_options()("input", po::value<std::string>()->required(), "the snapshot to verify");
    cli.positional("input", 1);
    cli.deterministic();  // nothing random: no --seed, and the envelope's seed is null
    if (!cli.parse(argc, argv)) return kExitOk;
    const std::string path = cli.vm()["input"].as<std::string>();
    Network net;
    const SnapshotFileInfo info = cli.timed("check", [&] { return check_snapshot(path, &net); });
    nlohmann::json result = snapshot_check_json(info, net);
    nlohmann::json doc = cli.envelope(nullptr, {{"path", path}}, std::move(result));
    cli.write(doc.dump(2));
    return kExitOk;
  });
}

}  // namespace refnet::tools
