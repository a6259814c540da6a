// refnet gen: a realistic synthetic event log (--users N) or an R-MAT graph (--rmat SCALE).
#include <common/cli.hpp>

#include <refnet/events/generator.hpp>
#include <refnet/graph/rmat.hpp>


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
      cli.timed("write", [&] { cli.outputs().write(out, [&](std::ostream& o) { write_edge_list(o, edges); }); });
      params = {{"rmat", scale}, {"edge_factor", factor}, {"a", 0.57}, {"b", 0.19}, {"c", 0.19}};
      result = {{"file", out}, {"vertices", std::uint64_t{1} << scale}, {"edges", edges.size()}};
    } else {
      GeneratorParams p;
      p.users = cli.vm()["users"].as<std::uint64_t>();
      p.days = cli.vm()["days"].as<double>();
      p.seed = cli.common().seed;
      p.validate();
      // The staged file's name has no ".gz": choose by the name the user gave.
      const bool gz = out.size() >= 3 && out.compare(out.size() - 3, 3, ".gz") == 0;
      const GeneratorSummary s = gz ? write_event_log_gzip(cli.outputs().stage(out), p, cli.phase("generate"))
                                    : [&] {
                                        GeneratorSummary summary;
                                        p.validate();
                                        cli.outputs().write(out, [&](std::ostream& o) {
                                          summary = write_event_log(o, p, cli.phase("generate"));
                                        });
                                        return summary;
                                      }();
      params = {{"users", p.users}, {"days", p.days}};
      result = {{"file", out},           {"users", s.users},         {"users_in_log", s.users_in_log},
                {"events", s.events},     {"signups", s.signups},     {"referred_signups", s.referred_signups},
                {"buyers", s.buyers},     {"referrals", s.referrals}, {"cascades", s.cascades},
                {"largest_cascade", s.largest_cascade}, {"communities", s.communities}};
    }
    cli.note("wrote " + out);
    // -o names the generated file, so the JSON report goes to stdout.
    if (!cli.common().quiet) cli.outputs().write("-", cli.envelope(nullptr, params, result).dump(2) + "\n");
    return kExitOk;
  });
}

}  // namespace refnet::tools
