// compare equals the difference of two --at runs: the tier matrix and moves
// against `tiers --at A` and `tiers --at B` matched by id, the K-factors
// against `cascade --at`, referrer ranks against analyze's top referrers; the
// CSV and table forms; the usage errors.
#include "support/run.hpp"

#include <refnet/io/load.hpp>
#include <refnet/json/compare_json.hpp>
#include <refnet/report/compare.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>

using refnet::test::run_refnet;
using refnet::test::TempDir;
using nlohmann::json;

namespace {
const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";
const char* kTiers[] = {"none", "micro", "weak", "strong", "super"};

json result_of(const std::string& args) {
  const auto r = run_refnet(args + " --quiet");
  INFO(args << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["result"];
}

std::map<std::string, std::string> tiers_by_id(const json& tiers) {
  std::map<std::string, std::string> out;
  for (const auto& u : tiers["users"]) out[u["id"]] = u["tier_name"];
  return out;
}
}  // namespace

TEST_CASE("compare equals the difference of two --at runs", "[compare][cli]") {
  TempDir dir;
  const std::string net = dir.file("demo.refnet");
  REQUIRE(run_refnet("build " + kDemo + " -o " + net + " --quiet").exit_code == 0);
  const std::string a = "2023-06-30", b = "2023-09-30";
  const json c = result_of("compare " + net + " --at " + a + " --vs " + b);
  const auto at_a = tiers_by_id(result_of("tiers " + net + " --at " + a));
  const auto at_b = tiers_by_id(result_of("tiers " + net + " --at " + b));
  std::map<std::string, std::map<std::string, std::uint64_t>> matrix;
  std::uint64_t changed = 0;
  for (const auto& [id, to] : at_b) {
    const auto it = at_a.find(id);
    const std::string from = it == at_a.end() ? "new" : it->second;
    ++matrix[from][to];
    changed += from != to;
  }
  for (const auto& row : c["tiers"]["matrix"])
    for (const char* t : kTiers) {
      INFO(row["from"] << " -> " << t);
      CHECK(row["to"][t].get<std::uint64_t>() == matrix[row["from"].get<std::string>()][t]);
    }
  CHECK(c["moves"].size() == changed);
  for (const auto& m : c["moves"]) {
    CHECK(m["to"] == at_b.at(m["id"]));
    if (m["from"].is_null()) CHECK(at_a.count(m["id"]) == 0);
    else CHECK(m["from"] == at_a.at(m["id"]));
  }
  std::uint64_t gained = 0;
  for (const auto& [id, to] : at_b) gained += to == "super" && (at_a.count(id) == 0 || at_a.at(id) != "super");
  CHECK(c["super_users"]["gained"].size() == gained);
  // K-factors as `cascade --at` reports them.
  const double k_a = result_of("cascade " + net + " --at " + a)["summary"]["k_factor"];
  const double k_b = result_of("cascade " + net + " --at " + b)["summary"]["k_factor"];
  CHECK(c["a"]["cascades"]["k_factor"].get<double>() == Approx(k_a));
  CHECK(c["b"]["cascades"]["k_factor"].get<double>() == Approx(k_b));
  CHECK(c["k_factor_change"].get<double>() == Approx(k_b - k_a));
  // Referrer ranks then and now, as analyze lists them.
  const json ref_a = result_of("analyze " + net + " --at " + a + " --sections top_referrers --top 100000")["top_referrers"];
  const json ref_b = result_of("analyze " + net + " --at " + b + " --sections top_referrers --top 10")["top_referrers"];
  REQUIRE(c["top_referrers"].size() == ref_b.size());
  for (std::size_t i = 0; i < ref_b.size(); ++i) {
    CHECK(c["top_referrers"][i]["id"] == ref_b[i]["id"]);
    std::size_t rank_a = 0;
    for (std::size_t k = 0; k < ref_a.size(); ++k)
      if (ref_a[k]["id"] == ref_b[i]["id"]) rank_a = k + 1;
    if (rank_a == 0) CHECK(c["top_referrers"][i]["rank_at_a"].is_null());
    else CHECK(c["top_referrers"][i]["rank_at_a"] == rank_a);
  }
  // The raw log gives the same comparison as the snapshot.
  CHECK(result_of("compare " + kDemo + " --at " + a + " --vs " + b) == c);
  // CSV: a row per move; analyze --vs adds the same section.
  const auto csv = run_refnet("compare " + net + " --at " + a + " --vs " + b + " --format csv --quiet");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("id,from,to,direction,cause,when\n", 0) == 0);
  CHECK(static_cast<std::uint64_t>(std::count(csv.out.begin(), csv.out.end(), '\n')) == changed + 1);
  const json with_vs = result_of("analyze " + net + " --at " + a + " --vs " + b + " --skip influence,super_users");
  CHECK(with_vs["compare"]["tiers"] == c["tiers"]);
  const auto table = run_refnet("compare " + net + " --at " + a + " --vs " + b + " --format table --quiet");
  CHECK(table.out.find("moved up") != std::string::npos);
}

TEST_CASE("compare uses the input's own network for its own date, as rebuilding it would give", "[compare]") {
  // B = the log's last event: the loaded network is the network as of B, and
  // compare uses it instead of rebuilding; rebuilding both dates (the
  // reference) must give the same report, field for field, in the same order.
  // A is later than some events and earlier than others, so both sides differ.
  const auto in = refnet::load_input({kDemo}, {});
  const double end = in.network.info.analysis_time;
  refnet::CompareParams p;
  p.at = end - 120 * 86400.0;
  p.vs = end;
  const json fast = refnet::compare_json(refnet::compare_dates(in.network, in.network.info.params, p));
  p.reuse_input = false;
  const json rebuilt = refnet::compare_json(refnet::compare_dates(in.network, in.network.info.params, p));
  REQUIRE(fast["moves"].size() > 100);
  CHECK(fast == rebuilt);
  // The moves written without a DOM (as the tool writes them) read back as the DOM.
  const refnet::CompareReport report = refnet::compare_dates(in.network, in.network.info.params, p);
  refnet::StreamedDocument stream;
  const json doc = refnet::compare_json(report, &stream);
  std::ostringstream out;
  stream.write(out, doc);
  CHECK(json::parse(out.str()) == fast);
  // Another attribution is not the loaded network: it is rebuilt.
  refnet::NetworkParams other = in.network.info.params;
  other.attribution = refnet::Attribution::kLastTouch;
  p.reuse_input = true;
  const json last_touch = refnet::compare_json(refnet::compare_dates(in.network, other, p));
  p.reuse_input = false;
  CHECK(last_touch == refnet::compare_json(refnet::compare_dates(in.network, other, p)));
  CHECK(last_touch["b"]["cascades"] != fast["b"]["cascades"]);  // last-touch credits other referrers
}

TEST_CASE("compare refuses what it cannot compare", "[compare][cli]") {
  TempDir dir;
  CHECK(run_refnet("compare " + kDemo + " --vs 2023-09-30").exit_code == 2);                       // no --at
  CHECK(run_refnet("compare " + kDemo + " --at 2023-09-30 --vs 2023-06-30").exit_code == 2);       // backwards
  CHECK(run_refnet("compare " + kDemo + " --at 2023-06-30 --vs 2023-09-30 --channel email").exit_code == 2);
  const std::string graph = dir.write("g.txt", "1 2\n2 3\n");
  CHECK(run_refnet("compare " + graph + " --at 2023-06-30 --vs 2023-09-30").exit_code == 2);
}
