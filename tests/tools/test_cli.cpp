// End to end: the umbrella and thin tools, the JSON envelope, snapshots
// through the CLI, table output, and results that do not depend on --threads.
#include "support/run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using refnet::test::run_refnet;
using refnet::test::TempDir;
using nlohmann::json;

namespace {
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "signup,ann,,2024-01-01,,,,web\n"
    "referral,ann,bob,2024-01-02,,,,\n"
    "purchase,bob,,2024-01-03,p1,10,,\n"
    "referral,bob,cat,2024-01-04,,,,\n"
    "signup,cat,,2024-01-05,,,,\n"
    "share,ann,cat,2024-01-06,,,,\n"
    "review,cat,ann,2024-01-07,,,-1,\n";

// Drops what legitimately differs between two runs of the same job.
json stable_part(json doc) {
  doc.erase("timings");
  doc.erase("threads");
  return doc;
}
}  // namespace

TEST_CASE("build writes a snapshot that every command loads", "[cli]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  const std::string net = dir.file("net.refnet");
  const auto built = run_refnet("build '" + log + "' -o '" + net + "'");
  REQUIRE(built.exit_code == 0);
  REQUIRE(std::filesystem::exists(net));
  const json report = json::parse(built.out);
  CHECK(report["tool"] == "refnet build");
  CHECK(report["result"]["summary"]["users"] == 3);
  CHECK(built.err.find("header row with type and src columns: CSV event log") != std::string::npos);

  const auto info = run_refnet("info '" + net + "'");
  REQUIRE(info.exit_code == 0);
  const json doc = json::parse(info.out);
  for (const char* key : {"schema_version", "schema_minor", "tool", "version", "input", "params", "threads", "seed", "timings", "result"})
    CHECK(doc.contains(key));
  CHECK(doc["input"]["path"] == net);
  CHECK(doc["input"]["sha256"].get<std::string>().size() == 64);
  CHECK(doc["input"]["n"] == 3);
  CHECK(doc["input"]["m"] == 4);  // ann->bob, bob->cat (referrals), ann->cat (share), cat->ann (review)
  CHECK(doc["result"]["referral"]["acquisitions"] == 2);
  // Raw input gives the same result as the snapshot.
  const json raw = json::parse(run_refnet("info '" + log + "'").out);
  CHECK(raw["result"] == doc["result"]);
}

TEST_CASE("analyze writes one JSON report and a readable summary", "[cli]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  const std::string out = dir.file("report.json");
  const auto r = run_refnet("analyze '" + log + "' -o '" + out + "'");
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(refnet::test::read_file(out));
  CHECK(doc["tool"] == "refnet analyze");
  CHECK(doc["result"]["top_referrers"][0]["id"] == "ann");
  CHECK(doc["result"]["top_referrers"][0]["descendants"] == 2);
  CHECK(r.err.find("Top referrers") != std::string::npos);
  const auto table = run_refnet("analyze '" + log + "' --format table");
  CHECK(table.out.find("acquisitions       2") != std::string::npos);
  CHECK(run_refnet("analyze '" + log + "' --format csv").exit_code == 2);
}

TEST_CASE("the thin tools and the umbrella are the same program", "[cli]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  const std::string thin = std::string(REFNET_BINARY_DIR) + "/refnet-info '" + log + "' > '" + dir.file("a.json") + "'";
  REQUIRE(std::system(thin.c_str()) == 0);
  const json a = json::parse(refnet::test::read_file(dir.file("a.json")));
  const json b = json::parse(run_refnet("info '" + log + "'").out);
  CHECK(a["result"] == b["result"]);
  const auto v = run_refnet("--version");
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("refnet ", 0) == 0);
  CHECK(run_refnet("info --help").out.find("--threads") != std::string::npos);
}

TEST_CASE("results do not depend on --threads", "[cli][determinism]") {
  TempDir dir;
  // Large enough to be parsed in several chunks (256 KiB each).
  const std::string log = dir.file("big.csv");
  REQUIRE(run_refnet("gen --users 6000 --seed 5 -o '" + log + "' --quiet").exit_code == 0);
  REQUIRE(std::filesystem::file_size(log) > (1u << 20));
  const auto one = run_refnet("analyze '" + log + "' --threads 1 --quiet");
  const auto two = run_refnet("analyze '" + log + "' --threads 2 --quiet");
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(stable_part(json::parse(one.out)) == stable_part(json::parse(two.out)));
  // Snapshots are byte-identical too.
  REQUIRE(run_refnet("build '" + log + "' -o '" + dir.file("1.refnet") + "' --threads 1 --quiet").exit_code == 0);
  REQUIRE(run_refnet("build '" + log + "' -o '" + dir.file("2.refnet") + "' --threads 2 --quiet").exit_code == 0);
  CHECK(refnet::test::read_file(dir.file("1.refnet")) == refnet::test::read_file(dir.file("2.refnet")));
}

TEST_CASE("gen is deterministic for a seed and writes R-MAT graphs", "[cli]") {
  TempDir dir;
  REQUIRE(run_refnet("gen --users 1000 --seed 9 -o '" + dir.file("a.csv.gz") + "' --threads 1 --quiet").exit_code == 0);
  REQUIRE(run_refnet("gen --users 1000 --seed 9 -o '" + dir.file("b.csv.gz") + "' --threads 2 --quiet").exit_code == 0);
  CHECK(refnet::test::read_file(dir.file("a.csv.gz")) == refnet::test::read_file(dir.file("b.csv.gz")));
  REQUIRE(run_refnet("gen --rmat 10 -o '" + dir.file("r.txt") + "' --quiet").exit_code == 0);
  const json info = json::parse(run_refnet("info '" + dir.file("r.txt") + "'").out);
  CHECK(info["input"]["files"][0]["format"] == "snap");
  CHECK(info["result"]["summary"]["users"].get<int>() <= 1024);
  CHECK(run_refnet("gen --users 10 --rmat 3 -o x").exit_code == 2);
}

TEST_CASE("export writes each visualizer format through the CLI", "[cli][export]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  for (const std::string to : {"nodelink", "cytoscape", "gexf", "graphml"}) {
    const std::string out = dir.file("net." + to);
    const auto r = run_refnet("export '" + log + "' --to " + to + " -o '" + out + "'");
    INFO(to << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::file_size(out) > 100);
  }
  const auto csv = run_refnet("export '" + log + "' --to csv -o '" + dir.file("nodes.csv") + "'");
  CHECK(csv.exit_code == 0);
  CHECK(std::filesystem::exists(dir.file("nodes.edges.csv")));
  CHECK(run_refnet("export '" + log + "' --to pdf").exit_code == 2);
}

TEST_CASE("tiers: JSON users with transitions, one CSV row per user, a table, and a section in analyze", "[cli][tiers]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  const auto r = run_refnet("tiers '" + log + "' --transitions");
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["tool"] == "refnet tiers");
  const auto& users = doc["result"]["users"];
  REQUIRE(users.size() == 3);
  // bob bought once: micro since 2024-01-03, reached through one "up".
  const auto bob = std::find_if(users.begin(), users.end(), [](const json& u) { return u["id"] == "bob"; });
  REQUIRE(bob != users.end());
  CHECK((*bob)["tier_name"] == "micro");
  CHECK((*bob)["since_iso"] == "2024-01-03T00:00:00Z");
  REQUIRE((*bob)["transitions"].size() == 1);
  CHECK((*bob)["transitions"][0]["kind"] == "up");
  CHECK(doc["result"]["funnel"]["per_tier"]["micro"] == 1);
  CHECK(doc["result"]["funnel"]["per_tier"]["none"] == 2);

  const std::string csv_path = dir.file("tiers.csv");
  REQUIRE(run_refnet("tiers '" + log + "' --format csv -o '" + csv_path + "'").exit_code == 0);
  const std::string csv = refnet::test::read_file(csv_path);
  CHECK(csv.rfind("id,tier,tier_name,since,since_iso\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
  CHECK(csv.find("bob,1,micro,") != std::string::npos);

  CHECK(run_refnet("tiers '" + log + "' --format table").out.find("Trust tiers as of") != std::string::npos);
  CHECK(run_refnet("tiers '" + log + "' --drop-on refunds").exit_code == 2);
  const json report = json::parse(run_refnet("analyze '" + log + "' --quiet").out);
  CHECK(report["result"]["tiers"]["funnel"]["users"] == 3);

  // Graph inputs have no purchases to rank: a usage error, not a silent zero.
  const std::string graph = dir.write("g.txt", "1 2\n2 3\n");
  CHECK(run_refnet("tiers '" + graph + "'").exit_code == 2);
}

TEST_CASE("cascade: JSON records and summary, CSV table, analyze section", "[cli][cascade]") {
  TempDir dir;
  const std::string log = dir.write("log.csv", kLog);
  const auto r = run_refnet("cascade '" + log + "' --bucket week");
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["result"]["source"] == "referrals");
  // ann -> bob -> cat: one cascade of three, depth 2, a path (virality 4/3).
  const auto& top = doc["result"]["cascades"][0];
  CHECK(top["root"] == "ann");
  CHECK(top["size"] == 3);
  CHECK(top["depth"] == 2);
  CHECK(top["structural_virality"].get<double>() == Approx(4.0 / 3.0));
  CHECK(doc["result"]["summary"]["k_factor"].get<double>() == Approx(2.0 / 3.0));  // 2 referrals / 3 members x 2/2 converted
  CHECK(doc["params"]["bucket"] == "week");
  const auto csv = run_refnet("cascade '" + log + "' --format csv");
  CHECK(csv.out.rfind("root,size,depth,max_breadth,structural_virality", 0) == 0);
  CHECK(csv.out.find("ann,3,2,1,") != std::string::npos);
  CHECK(run_refnet("cascade '" + log + "' --bucket hour").exit_code == 2);
  CHECK(run_refnet("cascade '" + log + "' --source file").exit_code == 2);
  const json report = json::parse(run_refnet("analyze '" + log + "' --quiet").out);
  CHECK(report["result"]["cascades"]["summary"]["largest"] == 3);

  const std::string cascades = dir.write("c.txt", "a 1,b 2,c 3\n");
  const std::string social = dir.write("s.txt", "b c\n");
  const json file = json::parse(run_refnet("cascade '" + cascades + "' --social '" + social + "'").out);
  CHECK(file["result"]["source"] == "file");
  CHECK(file["result"]["cascades"][0]["depth"] == 2);  // c hangs from b, its neighbour
}
