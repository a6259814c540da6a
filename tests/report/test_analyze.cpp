// The analyze pipeline's sections: --sections and --skip choose them, the
// report says what it left out and why, a section computed alone equals the
// same section of the full report, and what cannot apply is refused by name.
#include "support/run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using refnet::test::run_refnet;
using refnet::test::TempDir;
using nlohmann::json;

namespace {
// ann refers bob (who buys) and cat; ann shares with cat; cat reviews ann badly.
const std::string kLog =
    "type,src,dst,ts,product,amount,sentiment,channel\n"
    "signup,ann,,2024-01-01,,,,web\n"
    "referral,ann,bob,2024-01-02,,,,\n"
    "purchase,bob,,2024-01-03,p1,10,,\n"
    "referral,bob,cat,2024-01-04,,,,\n"
    "signup,cat,,2024-01-05,,,,\n"
    "share,ann,cat,2024-01-06,,,,\n"
    "review,cat,ann,2024-01-07,,,-1,\n";

json analyze(const std::string& args) {
  const auto r = run_refnet("analyze " + args + " --quiet");
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["result"];
}
}  // namespace

TEST_CASE("analyze --sections and --skip choose the sections and say what is left out", "[report][cli]") {
  TempDir dir;
  const std::string log = "'" + dir.write("log.csv", kLog) + "'";
  const json all = analyze(log);
  for (const char* s : {"top_referrers", "cascades", "super_users", "reach", "tiers", "influence"}) CHECK(all.contains(s));
  CHECK(all["sections"]["skipped"].empty());

  // Only tiers and cascades: the rest is absent and listed as not asked for;
  // the tiers computed without the ranking equal the full report's.
  const json some = analyze(log + " --sections tiers,cascades");
  CHECK(some["sections"]["included"] == json({"cascades", "tiers"}));
  CHECK_FALSE(some.contains("super_users"));
  CHECK_FALSE(some.contains("influence"));
  CHECK_FALSE(some.contains("reach"));
  CHECK(some["tiers"] == all["tiers"]);
  CHECK(some["cascades"] == all["cascades"]);
  CHECK(some["network"] == all["network"]);
  std::size_t not_asked = 0;
  for (const auto& s : some["sections"]["skipped"]) not_asked += s["reason"] == "not in --sections";
  CHECK(not_asked == 4);

  // --skip leaves out exactly the named ones; reach alone equals the ranking's.
  const json skipped = analyze(log + " --skip super_users,influence");
  CHECK_FALSE(skipped.contains("super_users"));
  CHECK(skipped["reach"] == all["reach"]);
  CHECK(skipped["tiers"] == all["tiers"]);
  CHECK(skipped["sections"]["skipped"] ==
        json::parse(R"([{"name":"super_users","reason":"--skip"},{"name":"influence","reason":"--skip"}])"));
  const auto table = run_refnet("analyze " + log + " --skip influence --format table");
  CHECK(table.out.find("Not in this report\n  influence: --skip") != std::string::npos);

  // Usage errors: an unknown name, both options, a section that cannot apply.
  CHECK(run_refnet("analyze " + log + " --sections tiers,fame").exit_code == 2);
  CHECK(run_refnet("analyze " + log + " --sections tiers --skip reach").exit_code == 2);
  const std::string graph = "'" + dir.write("g.txt", "1 2\n2 3\n") + "'";
  const auto refused = run_refnet("analyze " + graph + " --sections tiers");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("trust tiers need an event log") != std::string::npos);
  // By default, what a graph file cannot have is skipped with its reason.
  const json g = analyze(graph);
  CHECK_FALSE(g.contains("tiers"));
  bool tiers_reason = false;
  for (const auto& s : g["sections"]["skipped"]) tiers_reason |= s["name"] == "tiers";
  CHECK(tiers_reason);
}

// A component weighted 0 is not computed: no influence sample, no phase.
TEST_CASE("rank --weights influence=0 does not sample the influence component", "[report][rank][cli]") {
  TempDir dir;
  const std::string log = "'" + dir.write("log.csv", kLog) + "'";
  const auto r = run_refnet("rank " + log + " --weights influence=0 --quiet");
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK_FALSE(doc["result"].contains("influence_sample"));
  CHECK_FALSE(doc["timings"].contains("rank.influence"));
  for (const auto& c : doc["result"]["components"])
    if (c["name"] == "influence") CHECK_FALSE(c["available"].get<bool>());
  const json with = json::parse(run_refnet("rank " + log + " --quiet").out);
  CHECK(with["result"].contains("influence_sample"));
  CHECK(with["timings"].contains("rank.influence"));
}
