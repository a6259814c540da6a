// refnet gen: a realistic synthetic event log (--users N) or an R-MAT graph (--rmat SCALE).
#include <common/cli.hpp>

#include <refnet/events/generator.hpp>
#include <refnet/graph/rmat.hpp>

#include <iostream>

namespace refnet::tools {

int gen_main(int argc, char** argv) {
  return guarded_main("refnet gen", [&] {
    Cli cli("refnet gen", "refnet gen (--users N | --rmat SCALE) -o FILE");
    cli.options().add_options()
        ("users", po::value<std::uint64_t>(), "users in the synthetic event log (CSV, gzip when FILE ends in .gz)")
        ("days", po::value<double>()->default_value(365), "length of the log's time window in days")
        ("rmat", po::value<unsigned>(), "write an R-MAT graph with 2^SCALE vertices instead (SNAP edge list)")
        ("edge-factor", po::value<unsigned>()->default_value(16), "R-MAT edges per vertex");
    if (!cli.parse(argc, argv)) return kExitOk;
    const std::string& out = cli.common().output;
    if (out == "-") throw UsageError("refnet gen needs -o FILE");
    if (cli.vm().count("users") == cli.vm().count("rmat")) throw UsageError("give exactly one of --users or --rmat");
    nlohmann::json params, result;
    if (cli.vm().count("rmat")) {
      const unsigned scale = cli.vm()["rmat"].as<unsigned>();
      const unsigned factor = cli.vm()["edge-factor"].as<unsigned>();
      const auto edges = cli.timed("generate", [&] { return rmat_edges(scale, factor, cli.common().seed); });
      cli.timed("write", [&] { write_edge_list_file(out, edges); });
      params = {{"rmat", scale}, {"edge_factor", factor}, {"a", 0.57}, {"b", 0.19}, {"c", 0.19}};
      result = {{"file", out}, {"vertices", std::uint64_t{1} << scale}, {"edges", edges.size()}};
    } else {
      GeneratorParams p;
      p.users = cli.vm()["users"].as<std::uint64_t>();
      p.days = cli.vm()["days"].as<double>();
      p.seed = cli.common().seed;
      p.validate();
      const GeneratorSummary s = write_event_log_file(out, p, cli.phase("generate"));
      params = {{"users", p.users}, {"days", p.days}};
      result = {{"file", out},           {"users", s.users},         {"users_in_log", s.users_in_log},
                {"events", s.events},     {"signups", s.signups},     {"referred_signups", s.referred_signups},
                {"buyers", s.buyers},     {"referrals", s.referrals}, {"cascades", s.cascades},
                {"largest_cascade", s.largest_cascade}, {"communities", s.communities}};
    }
    cli.note("wrote " + out);
    // -o names the generated file, so the JSON report goes to stdout.
    if (!cli.common().quiet) std::cout << cli.envelope(nullptr, params, result).dump(2) << "\n";
    return kExitOk;
  });
}

}  // namespace refnet::tools
