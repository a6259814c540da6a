// Time travel: a snapshot asked about any date, window or filter gives what
// building from the raw log cut the same way gives; hand-worked tiers at two
// dates; and the options that cannot apply are refused by name.
#include "support/run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

using refnet::test::run_refnet;
using refnet::test::TempDir;
using nlohmann::json;

namespace {
const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";

json result_of(const std::string& args) {
  const auto r = run_refnet(args + " --quiet");
  INFO(args << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out)["result"];
  // What legitimately differs: how many events the whole input had.
  for (auto* j : {&doc, doc.contains("network") ? &doc["network"] : nullptr})
    if (j && j->contains("build")) (*j)["build"].erase("window");
  return doc;
}

// The demo log's CSV rows kept by `keep(fields)`; the header stays.
std::string cut_demo(TempDir& dir, const std::string& name, bool (*keep)(const std::vector<std::string>&)) {
  std::FILE* p = ::popen(("gzip -dc '" + kDemo + "'").c_str(), "r");
  REQUIRE(p);
  std::string text, line, out;
  char buf[1 << 16];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, got);
  ::pclose(p);
  std::istringstream in(text);
  std::getline(in, line);
  out = line + "\n";
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t pos = 0;
    while (true) {
      const std::size_t c = line.find(',', pos);
      f.push_back(line.substr(pos, c == std::string::npos ? std::string::npos : c - pos));
      if (c == std::string::npos) break;
      pos = c + 1;
    }
    if (keep(f)) out += line + "\n";
  }
  return dir.write(name, out);
}

// Demo columns: type,src,dst,ts,product,amount,sentiment,channel.
constexpr double kT = 1688169599;  // 2023-06-30T23:59:59Z
constexpr double kFrom = 1680307200, kTo = 1696118400;  // 2023-04-01, 2023-10-01
bool until_t(const std::vector<std::string>& f) { return std::stod(f[3]) <= kT; }
bool in_window(const std::vector<std::string>& f) { return std::stod(f[3]) >= kFrom && std::stod(f[3]) < kTo; }
bool email_only(const std::vector<std::string>& f) { return f.size() > 7 && f[7] == "email"; }
}  // namespace

TEST_CASE("a snapshot asked about a date equals the raw log cut at that date", "[window][cli]") {
  TempDir dir;
  const std::string net = dir.file("demo.refnet");
  REQUIRE(run_refnet("build " + kDemo + " -o " + net + " --quiet").exit_code == 0);
  const std::string cut = cut_demo(dir, "cut.csv", until_t);
  const std::string at = " --at 2023-06-30T23:59:59Z";
  for (const std::string cmd : {"info", "tiers --transitions", "cascade", "reach --hops 2", "rank --top 30",
                                "prospects", "centrality --measure pagerank --top 30", "analyze --skip influence"}) {
    INFO(cmd);
    CHECK(result_of(cmd + " --input " + net + at) == result_of(cmd + " --input " + cut + at));
  }
  // And every summary says what was left out: the events after T.
  const auto info = json::parse(run_refnet("info " + net + at + " --quiet").out)["result"]["build"]["window"];
  CHECK(info["events_left_out"]["after_end"].get<std::uint64_t>() > 0);
  CHECK(info["events_kept"].get<std::uint64_t>() + info["events_left_out"]["after_end"].get<std::uint64_t>() ==
        info["events_total"].get<std::uint64_t>());
  // Without --at nothing is rebuilt: the snapshot's own networks.
  CHECK_FALSE(json::parse(run_refnet("info " + net + " --quiet").out)["result"]["build"].contains("window"));
}

TEST_CASE("windows and channel filters equal filtering the raw log by hand", "[window][cli]") {
  TempDir dir;
  const std::string net = dir.file("demo.refnet");
  REQUIRE(run_refnet("build " + kDemo + " -o " + net + " --quiet").exit_code == 0);
  const std::string window = cut_demo(dir, "window.csv", in_window);
  const std::string email = cut_demo(dir, "email.csv", email_only);
  for (const std::string cmd : {"info", "tiers", "cascade", "rank --top 20"}) {
    INFO(cmd);
    CHECK(result_of(cmd + " --input " + net + " --from 2023-04-01 --to 2023-10-01") ==
          result_of(cmd + " --input " + window + " --to 2023-10-01"));
    CHECK(result_of(cmd + " --input " + net + " --channel email") ==
          result_of(cmd + " --input " + email + " --channel email"));
  }
  const json w = json::parse(run_refnet("info " + net + " --from 2023-04-01 --to 2023-10-01 --quiet").out)["result"]["build"];
  CHECK(w["window"]["events_left_out"]["before_from"].get<std::uint64_t>() > 0);
  CHECK(w["window"]["events_left_out"]["after_end"].get<std::uint64_t>() > 0);
  CHECK(w["analysis_time_iso"] == "2023-10-01T00:00:00Z");  // ties decay to the end of the window
}

// ann buys p1 three times in January (weak), then in February refers bob and
// cat and shares with dan (advocacy: strong); bob and cat buy in March, two
// referees converted (super).
//   as of 2024-01-31: ann weak; bob, cat and dan do not exist yet
//   as of 2024-02-15: ann strong; bob known, none
//   as of 2024-03-31: ann super, bob and cat micro
TEST_CASE("tiers at two dates, worked out by hand", "[window][tiers][cli]") {
  TempDir dir;
  const std::string log = dir.write("log.csv",
                                    "type,src,dst,ts,product,amount,sentiment,channel\n"
                                    "signup,ann,,2024-01-01,,,,web\n"
                                    "purchase,ann,,2024-01-02,p1,5,,\n"
                                    "purchase,ann,,2024-01-03,p1,5,,\n"
                                    "purchase,ann,,2024-01-04,p1,5,,\n"
                                    "referral,ann,bob,2024-02-01,,,,email\n"
                                    "referral,ann,cat,2024-02-02,,,,email\n"
                                    "share,ann,dan,2024-02-03,,,,\n"
                                    "purchase,bob,,2024-03-01,p2,9,,\n"
                                    "purchase,cat,,2024-03-02,p2,9,,\n");
  const std::string net = dir.file("net.refnet");
  REQUIRE(run_refnet("build " + log + " -o " + net + " --quiet").exit_code == 0);
  auto tier_of = [&](const json& r, const std::string& id) -> std::string {
    for (const auto& u : r["users"])
      if (u["id"] == id) return u["tier_name"];
    return "absent";
  };
  const json jan = result_of("tiers " + net + " --at 2024-01-31");
  CHECK(tier_of(jan, "ann") == "weak");
  CHECK(tier_of(jan, "bob") == "absent");  // appears only in February
  CHECK(jan["funnel"]["users"] == 1);
  const json feb = result_of("tiers " + net + " --at 2024-02-15");
  CHECK(tier_of(feb, "ann") == "strong");
  CHECK(tier_of(feb, "bob") == "none");
  const json mar = result_of("tiers " + net + " --at 2024-03-31");
  CHECK(tier_of(mar, "ann") == "super");
  CHECK(tier_of(mar, "bob") == "micro");
  // Product filter: without p1, ann never bought.
  CHECK(tier_of(result_of("tiers " + net + " --product p2"), "ann") == "none");
}

TEST_CASE("time options that cannot apply are refused, naming why", "[window][cli]") {
  TempDir dir;
  const std::string graph = dir.write("g.txt", "1 2\n2 3\n");
  for (const std::string opt : {"--at 2024-01-01", "--half-life 30", "--no-decay", "--attribution last",
                                "--from 2024-01-01", "--channel email"}) {
    INFO(opt);
    const auto r = run_refnet("info " + graph + " " + opt);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("applies to event logs only") != std::string::npos);
  }
  const std::string net = dir.file("demo.refnet");
  REQUIRE(run_refnet("build " + kDemo + " -o " + net + " --quiet").exit_code == 0);
  CHECK(run_refnet("info " + net + " --at 2023-06-30 --to 2023-07-01").exit_code == 2);
  CHECK(run_refnet("info " + net + " --from 2023-07-01 --to 2023-06-01").exit_code == 2);
  const auto unknown = run_refnet("info " + net + " --channel carrier-pigeon");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("carrier-pigeon") != std::string::npos);
  CHECK(run_refnet("build " + kDemo + " -o " + dir.file("x.refnet") + " --from 2023-01-01").exit_code == 2);
}
