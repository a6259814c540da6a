// The GML reader (io/gml.hpp), its detection, ground-truth labels
// (io/labels.hpp), and the centrality and community commands end to end.
#include <refnet/base/error.hpp>
#include <refnet/io/detect.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/labels.hpp>
#include <refnet/io/load.hpp>

#include <support/run.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace refnet;

namespace {
// Node ids 10, 2, 7 (numbered by value: 2 -> 0, 7 -> 1, 10 -> 2); undirected
// (no `directed`), so the two edges give four directed ones.
const char* kSmall = R"(Creator "hand-made"
# a comment line
graph [
  name "three"
  node [ id 10 label "ten" club "B" ]
  node [ id 2  label "two" club "A" extra [ x 1 y 2 ] ]
  node [ id 7  club "A" value 3.5 ]
  edge [ source 2 target 7 ]
  edge [ source 7 target 10 graphics [ w 1 ] ]
]
)";

std::string error_of(const std::string& text) {
  ParseReport report;
  try {
    parse_gml(text, "bad.gml", report);
  } catch (const InputError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.reason();
  }
  return "no error";
}
}  // namespace

TEST_CASE("gml nodes, edges and attributes", "[gml]") {
  ParseReport report;
  const GmlInput in = parse_gml(kSmall, "small.gml", report);
  CHECK_FALSE(in.directed);
  REQUIRE(in.graph.ids.size() == 3);
  CHECK(in.graph.ids.name(0) == "2");
  CHECK(in.graph.ids.name(1) == "7");
  CHECK(in.graph.ids.name(2) == "10");
  REQUIRE(in.graph.edges.size() == 4);
  CHECK((in.graph.edges[0].src == 0 && in.graph.edges[0].dst == 1));
  CHECK((in.graph.edges[1].src == 1 && in.graph.edges[1].dst == 0));
  CHECK(in.graph.weights.empty());
  CHECK(in.node_attributes.at("club") == std::vector<std::string>{"A", "A", "B"});
  CHECK(in.node_attributes.at("label") == std::vector<std::string>{"two", "", "ten"});
  CHECK(in.node_attributes.at("value") == std::vector<std::string>{"", "3.5", ""});
  CHECK(in.node_attributes.count("extra") == 0);  // lists are not attributes
}

TEST_CASE("gml directed and weighted edges", "[gml]") {
  ParseReport report;
  const GmlInput in = parse_gml(
      "graph [ directed 1 node [ id 0 ] node [ id 1 ] node [ id 2 ]\n"
      "edge [ source 0 target 1 weight 2.5 ] edge [ source 2 target 1 value 4 ] ]",
      "w.gml", report);
  CHECK(in.directed);
  REQUIRE(in.graph.edges.size() == 2);
  CHECK(in.graph.weights == std::vector<float>{2.5f, 4.0f});
  CHECK(in.graph.weight_meaning == WeightMeaning::kWeight);
}

TEST_CASE("malformed gml names the line and column", "[gml]") {
  CHECK(error_of("graph [\n  node [ id 1 ]\n  edge [ source 1 target 2 ]\n]") == "3:26 edge target 2 is not a node id");
  CHECK(error_of("graph [\n  node [ id x ]\n]") == "2:13 expected a value for 'id', got 'x'");
  CHECK(error_of("graph [\n  node [ label \"a\" ]\n]") == "2:3 a node without an 'id'");
  CHECK(error_of("graph [\n  node [ id 1 ]\n  node [ id 1 ]\n]") == "3:3 node id 1 appears twice");
  CHECK(error_of("graph [\n  node [ id 1 label \"open ]\n]") ==
        "2:21 a string that is never closed (no matching '\"')");
  CHECK(error_of("graph [\n  node [ id 1 ]\n") == "1:7 this '[' is never closed");
  CHECK(error_of("graph [ ]\n]") == "2:1 unexpected ']' (no list is open)");
  CHECK(error_of("nodes [ ]") == "1:1 no 'graph [ ... ]' in this GML file");
  CHECK(error_of("graph [ node [ id 1 ] edge [ target 1 ] ]") == "1:23 an edge without a 'source'");
  CHECK(error_of("graph [ 12 ]") == "1:9 expected a key, got '12'");
  CHECK(error_of("graph [ node [ id 1 ] edge [ source 1 target 1 weight \"x\" ] ]") ==
        "1:55 an edge's 'weight' must be a number, got 'x'");
}

TEST_CASE("gml is detected by content and loads as a graph", "[gml]") {
  test::TempDir dir;
  const std::string path = dir.write("small.txt", kSmall);  // the name says nothing
  CHECK(detect_format(kSmall, path).format == InputFormat::kGml);
  CHECK(detect_format("0 1\n1 2\n2 0\n", "e.txt").format == InputFormat::kSnap);
  const LoadedInput in = load_input({path}, {});
  CHECK(in.files.front().format == InputFormat::kGml);
  CHECK(in.network.num_users() == 3);
  CHECK(in.network.wom.num_edges() == 4);
  const VertexLabels by_attr = labels_by_vertex(in.network.log.users, read_ground_truth("club", path));
  CHECK(by_attr.label[0] == by_attr.label[1]);
  CHECK(by_attr.label[0] != by_attr.label[2]);
  CHECK_THROWS_AS(read_ground_truth("colour", path), UsageError);
  // A `node label` file, with a node that is not in the graph.
  const std::string labels = dir.write("labels.txt", "# node label\n10 x\n7 y\n2 y\n99 z\n");
  const VertexLabels by_file = labels_by_vertex(in.network.log.users, read_ground_truth(labels, path));
  CHECK(by_file.labelled == 3);
  CHECK(by_file.unknown_nodes == 1);
  CHECK(by_file.names == std::vector<std::string>{"x", "y"});  // z labels no vertex
  const std::string bad = dir.write("bad-labels.txt", "1 a\n2\n");
  try {
    read_ground_truth(bad, path);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
  }
}

// Two triangles joined by one edge, as GML with factions; the commands end to end.
TEST_CASE("refnet centrality and refnet community", "[gml][cli]") {
  test::TempDir dir;
  const std::string path =
      dir.write("two.gml",
                "graph [ node [ id 0 side 1 ] node [ id 1 side 1 ] node [ id 2 side 1 ]\n"
                "node [ id 3 side 2 ] node [ id 4 side 2 ] node [ id 5 side 2 ]\n"
                "edge [ source 0 target 1 ] edge [ source 1 target 2 ] edge [ source 0 target 2 ]\n"
                "edge [ source 2 target 3 ]\n"
                "edge [ source 3 target 4 ] edge [ source 4 target 5 ] edge [ source 3 target 5 ] ]\n");
  auto r = test::run_refnet("community '" + path + "' --ground-truth side --quiet");
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["result"]["communities"] == 2);
  CHECK(doc["result"]["ground_truth"]["nmi"].get<double>() == Approx(1.0));
  CHECK(doc["result"]["modularity"].get<double>() == Approx(5.0 / 14));
  // Leaders by PageRank: the bridge ends 2 and 3 have the most ties.
  std::set<std::string> leaders;
  for (const auto& c : doc["result"]["top"]) leaders.insert(c["leader"].get<std::string>());
  CHECK(leaders == std::set<std::string>{"2", "3"});

  r = test::run_refnet("centrality '" + path + "' --measure kcore --format csv --quiet");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "id,kcore\n0,2\n1,2\n2,2\n3,2\n4,2\n5,2\n");
  r = test::run_refnet("centrality '" + path + "' --measure betweenness --quiet --top 2");
  REQUIRE(r.exit_code == 0);
  doc = nlohmann::json::parse(r.out);
  // The bridge end 2 lies on every shortest path between {0, 1} and {3, 4, 5},
  // both ways: 2 * 3 * 2 = 12 ordered pairs; so does 3 for {4, 5} and {0, 1, 2}.
  CHECK(doc["result"]["top"][0]["value"].get<double>() == Approx(12));
  CHECK(doc["result"]["top"][1]["value"].get<double>() == Approx(12));
  r = test::run_refnet("centrality '" + path + "' --measure closeness");
  CHECK(r.exit_code == 2);
  r = test::run_refnet("community '" + path + "' --resolution 0");
  CHECK(r.exit_code == 2);
  r = test::run_refnet("community '" + path + "' --ground-truth nosuch");
  CHECK(r.exit_code == 2);
}

// The same --seed gives the same communities and scores at any --threads.
TEST_CASE("refnet community and centrality do not depend on --threads", "[gml][cli]") {
  test::TempDir dir;
  std::string edges;
  std::uint64_t x = 12345;
  for (int i = 0; i < 6000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    edges += std::to_string((x >> 33) % 1500) + " " + std::to_string((x >> 13) % 1500) + "\n";
  }
  const std::string path = dir.write("g.txt", edges);
  for (const std::string& args :
       {"community '" + path + "' --seed 5", "centrality '" + path + "' --measure betweenness --samples 50 --seed 5",
        "centrality '" + path + "' --measure pagerank"}) {
    const auto one = test::run_refnet(args + " --threads 1 --format csv --quiet");
    const auto two = test::run_refnet(args + " --threads 2 --format csv --quiet");
    REQUIRE(one.exit_code == 0);
    CHECK(one.out == two.out);
  }
}
