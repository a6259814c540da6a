// Super users: subtree sizes against the ancestor walk, a hand-worked event log
// through `refnet rank`, explanations that add up, and graph inputs without
// referrals, tiers or purchases.
#include "support/run.hpp"

#include <refnet/algo/rank/super_users.hpp>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace refnet;

TEST_CASE("descendants count every user below, as the ancestor walk does", "[rank]") {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 20; ++trial) {
    ReferralForest f;
    const VertexId n = 1 + rng() % 400;
    f.parent.assign(n, kNoVertex);
    for (VertexId v = 1; v < n; ++v)
      if (rng() % 5) f.parent[v] = rng() % v;  // parents before children: a forest
    CHECK(referral_descendants(f) == referral_descendants_reference(f));
  }
}

// a refers b and c; b refers d; e refers nobody. b, c and d buy once; a buys
// three times, e twice. So:
//   descendants          a 3 (b, c, d), b 1 (d), others 0
//   converted referrals  a 2 (b and c bought), b 1 (d)
//   purchases            a 3, e 2, b c d 1
// a leads every referral component and purchases: a ranks first. b is second
// on descendants and converted referrals, the two heaviest weights: b second.
TEST_CASE("refnet rank on a hand-worked log: components, order, explanations that add up", "[rank][cli]") {
  test::TempDir dir;
  const std::string log = dir.write("log.csv",
                                    "type,src,dst,ts,product,amount\n"
                                    "signup,a,,2024-01-01,,\n"
                                    "purchase,a,,2024-01-02,p1,10\n"
                                    "referral,a,b,2024-01-03,,\n"
                                    "referral,a,c,2024-01-03,,\n"
                                    "signup,b,,2024-01-04,,\n"
                                    "signup,c,,2024-01-04,,\n"
                                    "purchase,b,,2024-01-05,p1,5\n"
                                    "purchase,c,,2024-01-05,p1,5\n"
                                    "referral,b,d,2024-01-06,,\n"
                                    "signup,d,,2024-01-07,,\n"
                                    "purchase,d,,2024-01-08,p2,5\n"
                                    "purchase,a,,2024-01-09,p1,10\n"
                                    "purchase,a,,2024-01-10,p1,10\n"
                                    "signup,e,,2024-01-10,,\n"
                                    "purchase,e,,2024-01-11,p2,1\n"
                                    "purchase,e,,2024-01-12,p2,1\n"
                                    "share,a,e,2024-01-12,,\n");
  const auto run = test::run_refnet("rank " + log + " --top 5 --quiet");
  REQUIRE(run.exit_code == 0);
  const auto r = nlohmann::json::parse(run.out)["result"];
  const auto& top = r["top"];
  REQUIRE(top.size() == 5);
  CHECK(top[0]["id"] == "a");
  CHECK(top[1]["id"] == "b");
  CHECK(top[0]["components"]["descendants"]["value"] == 3.0);
  CHECK(top[0]["components"]["converted_referrals"]["value"] == 2.0);
  CHECK(top[0]["components"]["purchases"]["value"] == 3.0);
  CHECK(top[1]["components"]["descendants"]["value"] == 1.0);
  CHECK(top[1]["components"]["converted_referrals"]["value"] == 1.0);
  for (const auto& row : top) {
    double sum = 0;
    for (const auto& [name, c] : row["components"].items()) sum += c["contribution"].get<double>();
    CHECK(sum == Approx(row["score"].get<double>()).epsilon(1e-12));
    CHECK(row["explanation"].get<std::string>().rfind("rank " + row["rank"].dump() + ": " + row["id"].get<std::string>(), 0) == 0);
  }
  CHECK(top[0]["explanation"].get<std::string>().find("3 users brought in down the referral chain (top 20%)") != std::string::npos);
  // Pareto over the two referrers: a brought 2, b 1; the top 20% (one referrer) 2/3.
  CHECK(r["pareto"]["referrals"]["population"] == 2);
  CHECK(r["pareto"]["referrals"]["top_share"].get<double>() == Approx(2.0 / 3));
  // Value over five customers (a 30, b c d 5 each, e 2): the top one, a, 30 of 47.
  CHECK(r["pareto"]["value"]["top_share"].get<double>() == Approx(30.0 / 47));
  CHECK(r.contains("homophily"));
  const auto csv = test::run_refnet("rank " + log + " --format csv --quiet");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("rank,id,score,descendants,descendants_percentile,descendants_contribution,", 0) == 0);
  CHECK(csv.out.find("\n1,a,") != std::string::npos);
  CHECK(test::run_refnet("rank " + log + " --weights fame=1 --quiet").exit_code == 2);
}

// 5 -> 0 -> {1, 2, 3, 4}. Only reach, PageRank and influence exist; their
// weights 0.15, 0.10, 0.15 renormalise to 3/8, 1/4, 3/8.
//   reach (2 hops)   5: 5, 0: 4, leaves 0         -> percentiles 5/6, 4/6, 0
//   influence (wc: every tie p = 1) 5 is in every RR set, 0 in those rooted at
//                    0..4, a leaf only in its own -> 5/6, 4/6, 0
//   PageRank         5 has no in-tie (lowest), 0 gets 5's whole rank and tops
//                    the leaves (1.85 vs 1.39 times the base) -> 0: 5/6, 5: 0
//   scores: 0: 3/8 * 4/6 + 1/4 * 5/6 + 3/8 * 4/6 = 0.708; 5: 3/8 * 5/6 * 2 = 0.625
TEST_CASE("a graph file ranks on reach, PageRank and influence alone", "[rank][cli]") {
  test::TempDir dir;
  const std::string g = dir.write("g.txt", "5 0\n0 1\n0 2\n0 3\n0 4\n");
  const auto run = test::run_refnet("rank " + g + " --quiet --top 3");
  REQUIRE(run.exit_code == 0);
  const auto r = nlohmann::json::parse(run.out)["result"];
  for (const auto& c : r["components"]) {
    const std::string name = c["name"];
    CHECK(c["available"].get<bool>() == (name == "reach" || name == "pagerank" || name == "influence"));
  }
  CHECK(r["top"][0]["id"] == "0");
  CHECK(r["top"][0]["score"].get<double>() == Approx(0.25 + 5.0 / 24 + 0.25));
  CHECK(r["top"][1]["id"] == "5");
  CHECK(r["top"][1]["score"].get<double>() == Approx(0.625));
  CHECK_FALSE(r.contains("homophily"));
}
