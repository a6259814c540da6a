// End to end: `refnet report`, `refnet analyze --html` and `refnet user`. The
// page's embedded data equals the JSON report of the same run; a user's page
// from `refnet user` equals their page in the report; an ego-network export
// equals networkx's ego_graph of the whole export; usage errors say why.
#include "support/run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using nlohmann::json;
using refnet::test::read_file;
using refnet::test::run_refnet;
using refnet::test::TempDir;

namespace {

const std::string kDemo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";

// The <script type="application/json" id="refnet-data"> block of a report.
json embedded_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"refnet-data\">";
  const std::size_t begin = html.find(open);
  REQUIRE(begin != std::string::npos);
  const std::size_t end = html.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  return json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

struct DemoReport {
  TempDir dir;
  json analysis;  // refnet analyze's JSON report
  json data;      // the data embedded in its --html page
  std::string html;
  DemoReport() {
    const auto r = run_refnet("analyze '" + kDemo + "' -q -o '" + dir.file("report.json") + "' --html '" +
                              dir.file("report.html") + "' --users u000001,u000002");
    REQUIRE(r.exit_code == 0);
    analysis = json::parse(read_file(dir.file("report.json")));
    html = read_file(dir.file("report.html"));
    data = embedded_data(html);
  }
};

const DemoReport& demo() {
  static const DemoReport d;
  return d;
}

}  // namespace

TEST_CASE("analyze --html embeds the same analysis as its JSON report", "[cli][report]") {
  const json& a = demo().analysis["result"];
  const json& d = demo().data;
  CHECK(d["schema"] == "refnet-report/1");
  CHECK(d["title"] == "refnet report: events.csv.gz");
  CHECK(d["envelope"]["tool"] == "refnet analyze");
  CHECK(d["envelope"]["input"]["sha256"] == demo().analysis["input"]["sha256"]);
  CHECK(!d["envelope"].contains("timings"));
  const json& e = d["analysis"];
  for (const char* section : {"network", "tiers", "influence"}) CHECK(e[section] == a[section]);
  CHECK(e["cascades"]["summary"] == a["cascades"]["summary"]);
  CHECK(e["cascades"]["growth"] == a["cascades"]["growth"]);
  CHECK(e["reach"]["distribution"] == a["reach"]["distribution"]);
  // The lists are longer in the page: their beginnings are the JSON report's.
  REQUIRE(e["super_users"]["top"].size() == 50);
  for (std::size_t i = 0; i < a["super_users"]["top"].size(); ++i)
    CHECK(e["super_users"]["top"][i] == a["super_users"]["top"][i]);
  CHECK(e["super_users"]["pareto"] == a["super_users"]["pareto"]);
  CHECK(e["super_users"]["homophily"] == a["super_users"]["homophily"]);
  REQUIRE(e["cascades"]["cascades"].size() == 100);
  for (std::size_t i = 0; i < a["cascades"]["cascades"].size(); ++i)
    CHECK(e["cascades"]["cascades"][i] == a["cascades"]["cascades"][i]);
  for (std::size_t i = 0; i < a["top_referrers"].size(); ++i) CHECK(e["top_referrers"][i] == a["top_referrers"][i]);
  // The largest cascade is the first tree, drawn whole.
  CHECK(d["cascade_trees"][0]["size"] == a["cascades"]["summary"]["largest"]);
  CHECK(d["cascade_trees"][0]["nodes"].size() == d["cascade_trees"][0]["size"]);
  // Bounded as stated.
  CHECK(d["users"].size() == 2000);
  CHECK(d["sampling"]["user_pages"] == 2000);
  CHECK(d["users"]["u000001"]["reasons"][0] == "requested");
  CHECK(d["network"]["nodes"].size() <= 3000);
  CHECK(d["network"]["edges"].size() <= 10000);
  CHECK(d["sampling"]["how"].get<std::string>().find("random sample (seed 1)") != std::string::npos);
  // Self-contained: no address the page could fetch.
  for (const char* ref : {"src=\"http", "href=\"http", "@import", "url(http"})
    CHECK(demo().html.find(ref) == std::string::npos);
}

TEST_CASE("refnet report writes the same page as analyze --html", "[cli][report]") {
  TempDir dir;
  const auto r = run_refnet("report '" + kDemo + "' -q -o '" + dir.file("r.html") +
                            "' --users u000001,u000002 --title 'A <b>&</b> title'");
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(dir.file("r.html"));
  CHECK(html.find("<title>A &lt;b&gt;&amp;&lt;/b&gt; title</title>") != std::string::npos);
  json data = embedded_data(html);
  CHECK(data["title"] == "A <b>&</b> title");
  json other = demo().data;
  for (json* d : {&data, &other}) {
    d->erase("generated");
    d->erase("envelope");
    d->erase("title");
  }
  CHECK(data == other);
}

TEST_CASE("refnet user gives the page the report has for that user", "[cli][report][user]") {
  for (const char* id : {"u000497", "u000001"}) {
    const auto r = run_refnet("user '" + kDemo + "' " + id + " -q");
    REQUIRE(r.exit_code == 0);
    json page = json::parse(r.out)["result"];
    CHECK(page["id"] == id);
    CHECK(page["users"] == 19016);
    page.erase("id");
    page.erase("users");
    json in_report = demo().data["users"][id];
    in_report.erase("reasons");
    in_report.erase("community");  // Louvain runs for the report only
    page.erase("community");
    CHECK(page == in_report);
  }
  // The table says what the JSON says (the rank itself depends on the sampled
  // influence component, so it is read from the JSON, not written here).
  const auto page = json::parse(run_refnet("user '" + kDemo + "' u000497 -q").out)["result"];
  const auto table = run_refnet("user '" + kDemo + "' u000497 -q --format table");
  REQUIRE(table.exit_code == 0);
  CHECK(page["rank"].get<int>() <= 10);  // a super user near the top whatever the sample
  CHECK(table.out.find("Rank " + std::to_string(page["rank"].get<int>()) + " of 19016") != std::string::npos);
  CHECK(table.out.find("Tier history") != std::string::npos);
  CHECK(table.out.find("Reach: 1 hop") != std::string::npos);
}

TEST_CASE("the ego-network export equals networkx's ego_graph of the whole export", "[cli][report][user]") {
  REQUIRE(refnet::test::have_python_module("networkx"));  // python3-networkx: scripts/setup.sh
  TempDir dir;
  for (const char* network : {"both", "wom", "referral"}) {
    const auto r = run_refnet("user '" + kDemo + "' u000497 --export nodelink --radius 2 --network " + network +
                              " -q -o '" + dir.file(std::string("ego-") + network + ".json") + "'");
    REQUIRE(r.exit_code == 0);
    REQUIRE(run_refnet("export '" + kDemo + "' --to nodelink --network " + network + " -q -o '" +
                       dir.file(std::string("all-") + network + ".json") + "'")
                .exit_code == 0);
  }
  const std::string script = dir.write("check.py", R"(
import json, sys
import networkx as nx
from networkx.readwrite import json_graph
d = sys.argv[1]
for network in ['both', 'wom', 'referral']:
    def load(name):
        # networkx >= 3.4 names the edge array with edges=, older ones with link=.
        import inspect
        doc = json.load(open(f'{d}/{name}'))
        if 'edges' in inspect.signature(json_graph.node_link_graph).parameters:
            return json_graph.node_link_graph(doc, edges='links')
        return json_graph.node_link_graph(doc, link='links')
    whole = load(f'all-{network}.json')
    ego = load(f'ego-{network}.json')
    label = nx.get_node_attributes(whole, 'label')
    start = next(v for v, l in label.items() if l == 'u000497')
    expect = nx.ego_graph(whole, start, radius=2, undirected=True)
    want_nodes = sorted(label[v] for v in expect.nodes)
    elabel = nx.get_node_attributes(ego, 'label')
    got_nodes = sorted(elabel.values())
    assert got_nodes == want_nodes, (network, len(got_nodes), len(want_nodes))
    def edges(g, lab):
        return sorted((lab[u], lab[v], a['kind'], round(a.get('weight', 0), 6), a.get('sign'), a.get('dunbar_rank'))
                      for u, v, a in g.edges(data=True))
    assert edges(ego, elabel) == edges(expect, label), network
    print(network, len(got_nodes), 'users', ego.number_of_edges(), 'edges')
)");
  const int rc = std::system(
      ("/usr/bin/python3 '" + script + "' '" + dir.path().string() + "' > '" + dir.file("py.out") + "' 2>&1").c_str());
  INFO(read_file(dir.file("py.out")));
  CHECK(rc == 0);
}

TEST_CASE("every export format writes the ego network", "[cli][report][user]") {
  TempDir dir;
  for (const char* format : {"cytoscape", "gexf", "graphml"}) {
    const auto r = run_refnet("user '" + kDemo + "' u000497 --export " + format + " -q -o '" + dir.file(format) + "'");
    REQUIRE(r.exit_code == 0);
    CHECK(read_file(dir.file(format)).find("u000497") != std::string::npos);
  }
  const auto csv = run_refnet("user '" + kDemo + "' u000497 --export csv -q -o '" + dir.file("ego.csv") + "'");
  REQUIRE(csv.exit_code == 0);
  CHECK(std::filesystem::exists(dir.file("ego.edges.csv")));
  // Radius 1 with both networks: the user, their 17 listeners, 5 speakers and
  // 2 referees (overlapping), one row each plus the header.
  std::size_t rows = 0;
  for (char c : read_file(dir.file("ego.csv"))) rows += c == '\n';
  CHECK(rows > 10);
}

// A SNAP edge list: 1 -> 2, 2 -> 3, 1 -> 3, 3 -> 1. User 1 reaches 2 and 3 in
// one hop and no one else in two (3 -> 1 leads back). No tiers, no referrals.
TEST_CASE("refnet user on a graph file has no tiers and no referrals", "[cli][report][user]") {
  TempDir dir;
  const std::string graph = dir.write("g.txt", "1 2\n2 3\n1 3\n3 1\n");
  const auto r = run_refnet("user '" + graph + "' 1 -q");
  REQUIRE(r.exit_code == 0);
  const json page = json::parse(r.out)["result"];
  CHECK(page["tier"].is_null());
  CHECK(!page.contains("referral_subtree"));
  CHECK(!page.contains("referrer"));
  CHECK(page["reach"] == json::array({2, 2}));
  CHECK(page["ties"] == json{{"out", 2}, {"in", 1}, {"negative", 0}});
  CHECK(page["rank"].is_number());
  const auto table = run_refnet("user '" + graph + "' 1 -q --format table");
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("Came on their own") == std::string::npos);
  CHECK(table.out.find("Reach: 1 hop 2; 2 hops 2") != std::string::npos);
}

TEST_CASE("report and user usage errors say why", "[cli][report][user]") {
  TempDir dir;
  const auto check = [&](const std::string& args, const std::string& says) {
    const auto r = run_refnet(args);
    INFO(args << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(says) != std::string::npos);
  };
  check("user '" + kDemo + "' nobody", "no user 'nobody'");
  check("user '" + kDemo + "' u000497 --radius 2", "--radius needs --export");
  check("user '" + kDemo + "' u000497 --export csv", "give -o NODES.csv");
  check("user '" + kDemo + "' u000497 --export dot -o '" + dir.file("x") + "'", "dot");
  check("user '" + kDemo + "' u000497 --export gexf --format table -o '" + dir.file("x") + "'", "cannot be combined");
  check("analyze '" + kDemo + "' --pages 10", "--pages needs --html");
  check("analyze '" + kDemo + "' --html -", "cannot both go to stdout");
  check("report '" + kDemo + "' --users nobody -o '" + dir.file("r.html") + "'", "nobody");
  check("report '" + kDemo + "' --network-nodes 0 -o '" + dir.file("r.html") + "'", "--network-nodes");
  CHECK_FALSE(std::filesystem::exists(dir.file("r.html")));
  // --html is an output like -o: the same file twice is refused before any work, and
  // so is the CSV export's edges file named by -o itself.
  check("analyze '" + kDemo + "' --html '" + dir.file("same") + "' -o '" + dir.file("same") + "'", "same");
  check("user '" + kDemo + "' u000497 --export csv -o '" + dir.file("e.csv") + "' --nodelink-key edges",
        "--nodelink-key");
  CHECK_FALSE(std::filesystem::exists(dir.file("same")));
  // A folder that does not exist is bad input (exit 3), found before the analysis runs:
  // no JSON report is left either.
  const auto missing = run_refnet("analyze '" + kDemo + "' -q --html '" + dir.file("no/such/r.html") + "' -o '" +
                                  dir.file("a.json") + "'");
  CHECK(missing.exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(dir.file("a.json")));
}
