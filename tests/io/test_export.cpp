// Graph exports (core/include/refnet/io/export.hpp): every format parsed back.
#include <refnet/base/error.hpp>
#include <refnet/io/export.hpp>

#include "support/tiny_networks.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace refnet {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Which = ExportParams::Which;

// The tiny network, with user ids that every format has to escape.
//
//   dense id  user id            acquired_at  referrer (referred_at)
//   0         alice              10           -  (came on her own)
//   1         a&b                95           alice (90)
//   2         <x>                105          alice (100)
//   3         "q"                -            -  (never acquired)
//   4         =cmd               140          <x> (125)
//   5         zoë, jr. 🙂         50           -  (came on her own, no ties)
//   6         tab\tnl\n\x01      -            -  (control characters, no ties)
//
//   WOM ties, speaker -> listener (strength, sign, time):
//
//     alice ──2.5, +, 100──▶ a&b ──0.5, −, 120──▶ "q"
//       │
//       └────1.0, +, 110──▶ <x> ──1.5, +, ?──▶ =cmd
//
//   CSR edge ids: w0 alice->a&b (Dunbar rank 1), w1 alice-><x> (rank 2),
//   w2 a&b->"q" (rank 1, the negative tie), w3 <x>->=cmd (rank 1, no time).
//   Referral edges, named by the referee: r1 alice->a&b, r2 alice-><x>,
//   r4 <x>->=cmd. Each runs beside a WOM tie between the same two users, so
//   the export of both networks is a multigraph: 7 nodes, 4 + 3 = 7 edges.
const std::string kCtlId = "tab\tnl\n\x01";

Network tiny_network() {
  using test::kUnknown;
  return test::make_network(
      {{"alice", 10},
       {"a&b", 95, "alice", 90},
       {"<x>", 105, "alice", 100},
       {"\"q\""},
       {"=cmd", 140, "<x>", 125},
       {"zoë, jr. 🙂", 50},
       {kCtlId}},
      {{"alice", "a&b", 2.5f, +1, 100},
       {"alice", "<x>", 1.0f, +1, 110},
       {"a&b", "\"q\"", 0.5f, -1, 120},
       {"<x>", "=cmd", 1.5f, +1, kUnknown}});
}

const std::vector<std::string> kLabels = {"alice", "a&b", "<x>", "\"q\"", "=cmd", "zoë, jr. 🙂", kCtlId};
// XML cannot carry U+0001, so XML formats show U+FFFD in its place.
const std::string kCtlIdInXml = "tab\tnl\n\xEF\xBF\xBD";

std::string export_to_string(const Network& net, ExportFormat format, Which which = Which::kBoth,
                             std::string nodelink_key = "links") {
  ExportParams params;
  params.format = format;
  params.network = which;
  params.nodelink_key = std::move(nodelink_key);
  std::ostringstream out;
  export_network(out, net, params);
  return out.str();
}

// A strict-enough XML check: one root, balanced tags, every '&' a known entity
// or character reference, no '<' in attribute values, no control characters
// XML forbids. Counts elements by name.
struct XmlSummary {
  std::string error;  // empty when well-formed
  std::map<std::string, int> elements;

  int count(const std::string& name) const {
    const auto it = elements.find(name);
    return it == elements.end() ? 0 : it->second;
  }
};

XmlSummary check_xml(std::string_view doc) {
  XmlSummary r;
  std::vector<std::string> open;
  int roots = 0;
  const auto fail = [&](std::string what, std::size_t at) {
    r.error = what + " at byte " + std::to_string(at);
    return r;
  };
  const auto entity_ok = [&](std::size_t at) {
    const std::size_t end = doc.find(';', at);
    if (end == std::string_view::npos) return false;
    const std::string_view ref = doc.substr(at + 1, end - at - 1);
    if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") return true;
    if (ref.size() < 2 || ref[0] != '#') return false;
    return ref.find_first_not_of("0123456789", 1) == std::string_view::npos;
  };
  for (std::size_t i = 0; i < doc.size();) {
    const auto c = static_cast<unsigned char>(doc[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return fail("control character", i);
    if (c == '&') {
      if (!entity_ok(i)) return fail("bare &", i);
      ++i;
      continue;
    }
    if (c != '<') {
      if (open.empty() && c != '\n' && c != ' ') return fail("text outside the root", i);
      ++i;
      continue;
    }
    if (doc.substr(i, 2) == "<?") {
      i = doc.find("?>", i) + 2;
      continue;
    }
    if (doc.substr(i, 2) == "</") {
      const std::size_t end = doc.find('>', i);
      const std::string name(doc.substr(i + 2, end - i - 2));
      if (open.empty() || open.back() != name) return fail("unbalanced </" + name + ">", i);
      open.pop_back();
      i = end + 1;
      continue;
    }
    // A start tag: name, then attributes with quoted values.
    std::size_t j = i + 1;
    while (j < doc.size() && doc[j] != ' ' && doc[j] != '>' && doc[j] != '/') ++j;
    const std::string name(doc.substr(i + 1, j - i - 1));
    ++r.elements[name];
    bool self_closing = false;
    while (true) {
      if (j >= doc.size()) return fail("unterminated tag", i);
      if (doc[j] == '>') break;
      if (doc.substr(j, 2) == "/>") {
        self_closing = true;
        ++j;
        break;
      }
      if (doc[j] == '"') {
        const std::size_t close = doc.find('"', j + 1);
        if (close == std::string_view::npos) return fail("unterminated attribute", j);
        for (std::size_t k = j + 1; k < close; ++k) {
          if (doc[k] == '<') return fail("< in an attribute", k);
          if (doc[k] == '&' && !entity_ok(k)) return fail("bare & in an attribute", k);
          const auto ck = static_cast<unsigned char>(doc[k]);
          if (ck < 0x20) return fail("raw control character in an attribute", k);
        }
        j = close;
      }
      ++j;
    }
    if (open.empty()) ++roots;
    if (!self_closing) open.push_back(name);
    i = j + 1;
  }
  if (!open.empty()) return fail("unclosed <" + open.back() + ">", doc.size());
  if (roots != 1) return fail("not exactly one root", 0);
  return r;
}

// RFC 4180 reader for the tests: rows of cells, quotes undone.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
      ++i;
    } else {
      cell += c;
    }
  }
  return rows;
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
      path_ = fs::temp_directory_path() / ("refnet-test-export-" + std::to_string(rd()));
      if (fs::create_directory(path_)) return;
      if (attempt == 100) throw std::runtime_error("cannot create a temporary directory");
    }
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  REQUIRE(out.good());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("export: format and network names", "[export]") {
  CHECK(parse_export_format("nodelink") == ExportFormat::kNodeLink);
  CHECK(parse_export_format("cytoscape") == ExportFormat::kCytoscape);
  CHECK(parse_export_format("gexf") == ExportFormat::kGexf);
  CHECK(parse_export_format("graphml") == ExportFormat::kGraphml);
  CHECK(parse_export_format("csv") == ExportFormat::kCsv);
  CHECK_THROWS_AS(parse_export_format("dot"), UsageError);
  CHECK_THROWS_AS(parse_export_format(""), UsageError);
  for (auto f : {ExportFormat::kNodeLink, ExportFormat::kCytoscape, ExportFormat::kGexf,
                 ExportFormat::kGraphml, ExportFormat::kCsv})
    CHECK(parse_export_format(to_string(f)) == f);

  CHECK(parse_export_network("wom") == Which::kWom);
  CHECK(parse_export_network("referral") == Which::kReferral);
  CHECK(parse_export_network("both") == Which::kBoth);
  CHECK_THROWS_AS(parse_export_network("all"), UsageError);

  ExportParams params;
  params.nodelink_key = "arcs";
  CHECK_THROWS_AS(params.validate(), UsageError);

  CHECK(csv_edges_path("out/net.csv") == "out/net.edges.csv");
  CHECK(csv_edges_path("net") == "net.edges.csv");
}

TEST_CASE("export: node-link JSON", "[export]") {
  const Network net = tiny_network();
  const json doc = json::parse(export_to_string(net, ExportFormat::kNodeLink));

  CHECK(doc["directed"] == true);
  CHECK(doc["multigraph"] == true);
  CHECK(doc["graph"]["network"] == "both");
  REQUIRE(doc["nodes"].size() == 7);
  REQUIRE(doc["links"].size() == 7);
  CHECK_FALSE(doc.contains("edges"));

  for (std::size_t v = 0; v < kLabels.size(); ++v) {
    CHECK(doc["nodes"][v]["id"] == v);
    CHECK(doc["nodes"][v]["label"] == kLabels[v]);
  }
  const json& ab = doc["nodes"][1];
  CHECK(ab["acquired"] == true);
  CHECK(ab["acquired_at"] == 95.0);
  CHECK(ab["referrer"] == 0);
  const json& alice = doc["nodes"][0];  // a root: acquired_at, but no referrer
  CHECK(alice["acquired"] == false);
  CHECK(alice["acquired_at"] == 10.0);
  CHECK_FALSE(alice.contains("referrer"));
  const json& q = doc["nodes"][3];  // unknown times are left out, never null
  CHECK(q["acquired"] == false);
  CHECK_FALSE(q.contains("acquired_at"));

  std::map<std::string, json> by_key;
  for (const json& e : doc["links"]) by_key[e["key"].get<std::string>()] = e;
  REQUIRE(by_key.size() == 7);
  const json& w2 = by_key.at("w2");
  CHECK(w2["source"] == 1);
  CHECK(w2["target"] == 3);
  CHECK(w2["kind"] == "wom");
  CHECK(w2["weight"] == 0.5);
  CHECK(w2["sign"] == -1);
  CHECK(w2["dunbar_rank"] == 1);
  CHECK(w2["time"] == 120.0);
  CHECK(by_key.at("w1")["dunbar_rank"] == 2);
  CHECK_FALSE(by_key.at("w3").contains("time"));
  const json& r4 = by_key.at("r4");
  CHECK(r4["source"] == 2);
  CHECK(r4["target"] == 4);
  CHECK(r4["kind"] == "referral");
  CHECK(r4["referred_at"] == 125.0);
  CHECK_FALSE(r4.contains("sign"));
}

TEST_CASE("export: node-link key and one network at a time", "[export]") {
  const Network net = tiny_network();

  const json edges_key = json::parse(export_to_string(net, ExportFormat::kNodeLink, Which::kBoth, "edges"));
  CHECK(edges_key["edges"].size() == 7);
  CHECK_FALSE(edges_key.contains("links"));

  // The WOM graph alone has no parallel edges: a plain digraph, no keys.
  const json wom = json::parse(export_to_string(net, ExportFormat::kNodeLink, Which::kWom));
  CHECK(wom["multigraph"] == false);
  CHECK(wom["nodes"].size() == 7);
  REQUIRE(wom["links"].size() == 4);
  for (const json& e : wom["links"]) {
    CHECK(e["kind"] == "wom");
    CHECK_FALSE(e.contains("key"));
  }

  const json referral = json::parse(export_to_string(net, ExportFormat::kNodeLink, Which::kReferral));
  CHECK(referral["multigraph"] == false);
  REQUIRE(referral["links"].size() == 3);
  for (const json& e : referral["links"]) CHECK(e["kind"] == "referral");
}

TEST_CASE("export: Cytoscape.js elements", "[export]") {
  const Network net = tiny_network();
  const json doc = json::parse(export_to_string(net, ExportFormat::kCytoscape));
  const json& nodes = doc["elements"]["nodes"];
  const json& edges = doc["elements"]["edges"];
  REQUIRE(nodes.size() == 7);
  REQUIRE(edges.size() == 7);

  // Cytoscape wants ids unique across nodes and edges.
  std::set<std::string> ids;
  std::set<std::string> node_ids;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const json& d = nodes[v]["data"];
    CHECK(d["id"] == "n" + std::to_string(v));
    CHECK(d["label"] == kLabels[v]);
    CHECK(d["name"] == kLabels[v]);
    ids.insert(d["id"].get<std::string>());
    node_ids.insert(d["id"].get<std::string>());
  }
  CHECK(nodes[4]["data"]["referrer"] == "n2");
  for (const json& e : edges) {
    const json& d = e["data"];
    ids.insert(d["id"].get<std::string>());
    CHECK(node_ids.count(d["source"].get<std::string>()) == 1);
    CHECK(node_ids.count(d["target"].get<std::string>()) == 1);
  }
  CHECK(ids.size() == 14);
  CHECK(edges[0]["data"]["id"] == "w0");
  CHECK(edges[6]["data"]["id"] == "r4");
  CHECK(edges[6]["data"]["source"] == "n2");
}

TEST_CASE("export: GEXF 1.3, dynamic", "[export]") {
  const Network net = tiny_network();
  const std::string doc = export_to_string(net, ExportFormat::kGexf);
  const XmlSummary xml = check_xml(doc);
  INFO(doc);
  REQUIRE(xml.error.empty());
  CHECK(xml.elements.at("gexf") == 1);
  CHECK(xml.elements.at("node") == 7);
  CHECK(xml.elements.at("edge") == 7);
  CHECK(xml.elements.at("attribute") == 8);

  CHECK(doc.find("xmlns=\"http://gexf.net/1.3\"") != std::string::npos);
  CHECK(doc.find("mode=\"dynamic\" timeformat=\"double\"") != std::string::npos);
  CHECK(doc.find("label=\"a&amp;b\"") != std::string::npos);
  CHECK(doc.find("label=\"&lt;x&gt;\"") != std::string::npos);
  CHECK(doc.find("label=\"&quot;q&quot;\"") != std::string::npos);
  CHECK(doc.find("label=\"tab&#9;nl&#10;\xEF\xBF\xBD\"") != std::string::npos);
  // Nodes start when acquired, referral edges when referred, WOM ties at their time.
  CHECK(doc.find("<node id=\"n1\" label=\"a&amp;b\" start=\"95.0\">") != std::string::npos);
  CHECK(doc.find("<edge id=\"r1\" source=\"n0\" target=\"n1\" kind=\"referral\" weight=\"1.0\" "
                 "start=\"90.0\">") != std::string::npos);
  CHECK(doc.find("<edge id=\"w2\" source=\"n1\" target=\"n3\" kind=\"wom\" weight=\"0.5\" "
                 "start=\"120.0\">") != std::string::npos);
  CHECK(doc.find("<attvalue for=\"sign\" value=\"-1\"/>") != std::string::npos);
}

TEST_CASE("export: GraphML", "[export]") {
  const Network net = tiny_network();
  const std::string doc = export_to_string(net, ExportFormat::kGraphml);
  const XmlSummary xml = check_xml(doc);
  INFO(doc);
  REQUIRE(xml.error.empty());
  CHECK(xml.elements.at("graphml") == 1);
  CHECK(xml.elements.at("node") == 7);
  CHECK(xml.elements.at("edge") == 7);
  CHECK(xml.elements.at("key") == 10);

  // Every data key used is declared.
  for (std::size_t at = doc.find("<data key=\""); at != std::string::npos;
       at = doc.find("<data key=\"", at + 1)) {
    const std::size_t start = at + 11;
    const std::string key = doc.substr(start, doc.find('"', start) - start);
    CHECK(doc.find("<key id=\"" + key + "\"") != std::string::npos);
  }
  CHECK(doc.find("<node id=\"n1\"><data key=\"label\">a&amp;b</data>") != std::string::npos);
  CHECK(doc.find("<data key=\"label\">&lt;x&gt;</data>") != std::string::npos);
  CHECK(doc.find("<data key=\"label\">=cmd</data>") != std::string::npos);
  CHECK(doc.find("<data key=\"weight\">2.5</data>") != std::string::npos);
}

TEST_CASE("export: CSV cell escaping", "[export][csv]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"alice", "alice"},
      {"", ""},
      {"=SUM(A1)", "'=SUM(A1)"},
      {"+1", "'+1"},
      {"-1", "'-1"},  // a text cell; numeric columns are written without escaping
      {"@home", "'@home"},
      {"\tx", "'\tx"},
      {"\rx", "\"'\rx\""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"line\nbreak", "\"line\nbreak\""},
      {"=1,2", "\"'=1,2\""},
      {"a=b", "a=b"},
      {"zoë", "zoë"},
      {"bad\xFF", "bad\xEF\xBF\xBD"},
  };
  for (const auto& [cell, expected] : cases) {
    INFO(cell);
    CHECK(csv_escape_text(cell) == expected);
  }
}

TEST_CASE("export: XML escaping", "[export]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a&b", "a&amp;b"},
      {"<x>", "&lt;x&gt;"},
      {"\"q\" 'r'", "&quot;q&quot; &apos;r&apos;"},
      {"t\tn\nr\r", "t&#9;n&#10;r&#13;"},
      {std::string("nul\0!", 5), "nul\xEF\xBF\xBD!"},
      {"\x1F", "\xEF\xBF\xBD"},
      {"zoë 🙂", "zoë 🙂"},
      {"\xEF\xBF\xBE", "\xEF\xBF\xBD"},        // U+FFFE is not an XML character
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},  // overlong '/'
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate
      {"cut\xE2\x82", "cut\xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(xml_escape(text) == expected);
  }
}

TEST_CASE("export: CSV tables", "[export][csv]") {
  const Network net = tiny_network();
  std::ostringstream nodes_out;
  std::ostringstream edges_out;
  export_csv(nodes_out, edges_out, net, ExportParams{});

  const auto nodes = parse_csv(nodes_out.str());
  REQUIRE(nodes.size() == 8);
  CHECK(nodes[0] == std::vector<std::string>{"Id", "Label", "acquired", "acquired_at", "referrer"});
  // The referrer column holds the referrer's user id (its Label), not its row Id.
  CHECK(nodes[2] == std::vector<std::string>{"1", "a&b", "true", "95.0", "alice"});
  CHECK(nodes[4] == std::vector<std::string>{"3", "\"q\"", "false", "", ""});
  CHECK(nodes[5] == std::vector<std::string>{"4", "'=cmd", "true", "140.0", "<x>"});
  CHECK(nodes[6][1] == "zoë, jr. 🙂");
  CHECK(nodes[7][1] == kCtlId);

  const auto edges = parse_csv(edges_out.str());
  REQUIRE(edges.size() == 8);
  CHECK(edges[0] == std::vector<std::string>{"Source", "Target", "Type", "Weight", "Id", "Kind",
                                             "sign", "dunbar_rank", "time", "referred_at"});
  // The negative tie: its sign stays a number, not a neutralised '-1.
  CHECK(edges[3] == std::vector<std::string>{"1", "3", "Directed", "0.5", "w2", "wom", "-1", "1",
                                             "120.0", ""});
  CHECK(edges[4] == std::vector<std::string>{"2", "4", "Directed", "1.5", "w3", "wom", "1", "1", "", ""});
  CHECK(edges[5] == std::vector<std::string>{"0", "1", "Directed", "1.0", "r1", "referral", "", "",
                                             "", "90.0"});
  for (const auto& row : edges) CHECK(row.size() == 10);

  ExportParams csv;
  csv.format = ExportFormat::kCsv;
  std::ostringstream out;
  CHECK_THROWS_AS(export_network(out, net, csv), UsageError);
}

TEST_CASE("export: CSV with a byte-order mark", "[export][csv]") {
  const Network net = tiny_network();
  ExportParams params;
  params.bom = true;
  std::ostringstream nodes_out;
  std::ostringstream edges_out;
  export_csv(nodes_out, edges_out, net, params);
  CHECK(nodes_out.str().starts_with("\xEF\xBB\xBFId,Label,"));
  CHECK(edges_out.str().starts_with("\xEF\xBB\xBFSource,Target,"));
  // Past the mark, the same bytes as without it.
  std::ostringstream plain_nodes;
  std::ostringstream plain_edges;
  export_csv(plain_nodes, plain_edges, net, ExportParams{});
  CHECK(nodes_out.str().substr(3) == plain_nodes.str());
  CHECK(edges_out.str().substr(3) == plain_edges.str());
}

// graphology's serialized form of the tiny network: 7 nodes keyed n0..n6, the
// 7 edges keyed w0..w3, r1, r2, r4, multi (a WOM tie beside each referral).
TEST_CASE("export: graphology serialized graph", "[export][graphology]") {
  const json doc = json::parse(export_to_string(tiny_network(), ExportFormat::kGraphology));
  CHECK(doc["options"] == json{{"type", "directed"}, {"multi", true}, {"allowSelfLoops", true}});
  CHECK(doc["attributes"]["network"] == "both");
  REQUIRE(doc["nodes"].size() == 7);
  for (std::size_t v = 0; v < 7; ++v) {
    CHECK(doc["nodes"][v]["key"] == "n" + std::to_string(v));
    CHECK(doc["nodes"][v]["attributes"]["label"] == kLabels[v]);
  }
  CHECK(doc["nodes"][4]["attributes"]["referrer"] == "n2");
  REQUIRE(doc["edges"].size() == 7);
  std::vector<std::string> keys;
  for (const auto& e : doc["edges"]) keys.push_back(e["key"]);
  CHECK(keys == std::vector<std::string>{"w0", "w1", "w2", "w3", "r1", "r2", "r4"});
  const json& w2 = doc["edges"][2];
  CHECK(w2["source"] == "n1");
  CHECK(w2["target"] == "n3");
  CHECK(w2["attributes"] == json{{"kind", "wom"}, {"weight", 0.5}, {"sign", -1}, {"dunbar_rank", 1}, {"time", 120.0}});
  // One network without parallel edges is not a multigraph.
  CHECK(json::parse(export_to_string(tiny_network(), ExportFormat::kGraphology, Which::kReferral))["options"]["multi"] ==
        false);
  CHECK(parse_export_format("graphology") == ExportFormat::kGraphology);
}

TEST_CASE("export: node-link with both edge keys, GEXF 1.2draft", "[export]") {
  const Network net = tiny_network();
  const json both = json::parse(export_to_string(net, ExportFormat::kNodeLink, Which::kBoth, "both"));
  REQUIRE(both.contains("links"));
  REQUIRE(both.contains("edges"));
  CHECK(both["links"] == both["edges"]);
  CHECK(both["links"] == json::parse(export_to_string(net, ExportFormat::kNodeLink))["links"]);

  ExportParams params;
  params.format = ExportFormat::kGexf;
  params.gexf_version = "1.2";
  std::ostringstream out;
  export_network(out, net, params);
  const std::string g12 = out.str();
  CHECK(check_xml(g12).error.empty());
  CHECK(g12.find("xmlns=\"http://www.gexf.net/1.2draft\"") != std::string::npos);
  CHECK(g12.find("version=\"1.2\"") != std::string::npos);
  CHECK(g12.find(" kind=\"") == std::string::npos);  // the edge kind attribute is GEXF 1.3 only
  CHECK(g12.find("<attvalue for=\"kind\" value=\"referral\"/>") != std::string::npos);  // the kind stays as data
  // Otherwise the same document as 1.3.
  std::string g13 = export_to_string(net, ExportFormat::kGexf);
  CHECK(check_xml(g13).count("edge") == check_xml(g12).count("edge"));
  params.gexf_version = "1.1";
  CHECK_THROWS_AS(params.validate(), UsageError);
}

TEST_CASE("export: output is deterministic and handles the empty network", "[export]") {
  const Network net = tiny_network();
  for (auto f : {ExportFormat::kNodeLink, ExportFormat::kCytoscape, ExportFormat::kGexf,
                 ExportFormat::kGraphml}) {
    INFO(to_string(f));
    CHECK(export_to_string(net, f) == export_to_string(tiny_network(), f));
  }

  const Network empty = test::make_network({}, {});
  CHECK(json::parse(export_to_string(empty, ExportFormat::kNodeLink))["nodes"].empty());
  CHECK(json::parse(export_to_string(empty, ExportFormat::kCytoscape))["elements"]["edges"].empty());
  CHECK(check_xml(export_to_string(empty, ExportFormat::kGexf)).error.empty());
  CHECK(check_xml(export_to_string(empty, ExportFormat::kGraphml)).error.empty());

  // A graph input carries no referral arrays at all.
  Network bare = tiny_network();
  bare.referral = ReferralForest{};
  const json doc = json::parse(export_to_string(bare, ExportFormat::kNodeLink));
  CHECK(doc["links"].size() == 4);
  CHECK_FALSE(doc["nodes"][1].contains("acquired_at"));

  // A non-finite weight (the builder makes none) is left out, never written as inf.
  const Network inf = test::make_network({{"a"}, {"b"}}, {{"a", "b", std::numeric_limits<float>::infinity()}});
  CHECK_FALSE(json::parse(export_to_string(inf, ExportFormat::kNodeLink))["links"][0].contains("weight"));
  CHECK(export_to_string(inf, ExportFormat::kGexf).find("inf") == std::string::npos);

  // Ill-formed UTF-8 in an id still gives valid JSON.
  const Network bad = test::make_network({{"bad\xFF"}}, {});
  CHECK(json::parse(export_to_string(bad, ExportFormat::kNodeLink))["nodes"][0]["label"] ==
        "bad\xEF\xBF\xBD");
}

// Random networks whose ids are built from the troublesome pieces (markup,
// quotes, separators, formula starters, controls, multi-byte characters and
// sometimes a byte that is not UTF-8): every format must parse back with the
// right counts, and valid ids must come back unchanged from JSON and CSV.
TEST_CASE("export: random networks with hostile ids", "[export]") {
  const std::vector<std::string> pieces = {"a", "Z", "&", "<", ">", "\"", "'", ",", "=", "+", "-",
                                           "@", "\t", "\r", "\n", "\x01", " ", "ë", "🙂", "&amp;",
                                           "]]>", "\\u0000"};
  std::mt19937 rng(20240301);
  for (int round = 0; round < 30; ++round) {
    const auto n = static_cast<VertexId>(rng() % 25);
    std::vector<std::string> ids;
    std::vector<bool> valid;
    std::set<std::string> seen;
    while (ids.size() < n) {
      std::string id;
      for (std::size_t k = rng() % 6; k > 0; --k) id += pieces[rng() % pieces.size()];
      const bool broken = rng() % 8 == 0;
      if (broken) id += "\xC3";  // a lead byte without its continuation
      if (!seen.insert(id).second) continue;
      ids.push_back(id);
      valid.push_back(!broken);
    }
    std::vector<test::TinyUser> users;
    for (VertexId v = 0; v < n; ++v) {
      test::TinyUser u{ids[v]};
      if (rng() % 3) u.acquired_at = 1.7e9 + rng() % 1000 + 0.5;
      if (v > 0 && rng() % 2) {
        u.referrer = ids[rng() % v];  // earlier users only: a forest
        u.referred_at = 1.7e9 + rng() % 1000;
      }
      users.push_back(u);
    }
    std::vector<test::TinyTie> ties;
    for (std::size_t k = n == 0 ? 0 : rng() % (3 * n); k > 0; --k) {
      ties.push_back({ids[rng() % n], ids[rng() % n], static_cast<float>(rng() % 100) / 8.0f,
                      rng() % 4 ? 1 : -1, rng() % 2 ? 1.7e9 + rng() % 1000 : test::kUnknown});
    }
    const Network net = test::make_network(users, ties);
    const std::size_t m = ties.size() + net.referral.acquisitions;
    INFO("round " << round << ": " << n << " users, " << m << " edges");

    const json nodelink = json::parse(export_to_string(net, ExportFormat::kNodeLink));
    REQUIRE(nodelink["nodes"].size() == n);
    CHECK(nodelink["links"].size() == m);
    const json cytoscape = json::parse(export_to_string(net, ExportFormat::kCytoscape));
    CHECK(cytoscape["elements"]["edges"].size() == m);
    for (auto f : {ExportFormat::kGexf, ExportFormat::kGraphml}) {
      const std::string doc = export_to_string(net, f);
      const XmlSummary xml = check_xml(doc);
      INFO(to_string(f) << ": " << xml.error);
      CHECK(xml.error.empty());
      CHECK(xml.count("node") == static_cast<int>(n));
      CHECK(xml.count("edge") == static_cast<int>(m));
      CHECK_NOTHROW(json(doc).dump());  // nlohmann refuses to dump ill-formed UTF-8
    }
    std::ostringstream nodes_out;
    std::ostringstream edges_out;
    export_csv(nodes_out, edges_out, net, ExportParams{});
    const auto nodes = parse_csv(nodes_out.str());
    const auto edges = parse_csv(edges_out.str());
    REQUIRE(nodes.size() == n + 1);
    CHECK(edges.size() == m + 1);
    for (const auto& row : nodes) CHECK(row.size() == 5);
    for (const auto& row : edges) CHECK(row.size() == 10);

    for (VertexId v = 0; v < n; ++v) {
      if (!valid[v]) continue;
      CHECK(nodelink["nodes"][v]["label"] == ids[v]);
      const bool formula = !ids[v].empty() && std::string_view("=+-@\t\r").find(ids[v][0]) != std::string_view::npos;
      CHECK(nodes[v + 1][1] == (formula ? "'" : "") + ids[v]);
    }
  }
}

TEST_CASE("export: networkx reads every format", "[export][networkx]") {
  const Network net = tiny_network();
  const TempDir dir;
  write_file(dir.path() / "both.graphml", export_to_string(net, ExportFormat::kGraphml));
  write_file(dir.path() / "both.gexf", export_to_string(net, ExportFormat::kGexf));
  {
    ExportParams g12;
    g12.format = ExportFormat::kGexf;
    g12.gexf_version = "1.2";
    std::ostringstream out;
    export_network(out, net, g12);
    write_file(dir.path() / "both_1.2.gexf", out.str());
  }
  write_file(dir.path() / "both_links.json", export_to_string(net, ExportFormat::kNodeLink));
  write_file(dir.path() / "both_edges.json",
             export_to_string(net, ExportFormat::kNodeLink, Which::kBoth, "edges"));
  write_file(dir.path() / "wom.json", export_to_string(net, ExportFormat::kNodeLink, Which::kWom));
  std::vector<std::string> xml_labels = kLabels;
  xml_labels[6] = kCtlIdInXml;
  write_file(dir.path() / "expected.json",
             json{{"json_labels", kLabels}, {"xml_labels", xml_labels}}.dump());

  write_file(dir.path() / "check.py", R"PY(
import json, os, sys
import networkx as nx

d = sys.argv[1]
expected = json.load(open(os.path.join(d, "expected.json"), encoding="utf-8"))

def check_both(G, name, node, labels):
    assert G.is_directed() and G.is_multigraph(), name
    assert G.number_of_nodes() == 7 and G.number_of_edges() == 7, (name, G)
    for i, label in enumerate(labels):
        assert G.nodes[node(i)]["label"] == label, (name, i, G.nodes[node(i)]["label"])
    # The WOM tie and the referral between alice and a&b stay two edges.
    kinds = sorted(e["kind"] for e in G.get_edge_data(node(0), node(1)).values())
    assert kinds == ["referral", "wom"], (name, kinds)
    w2 = G.edges[node(1), node(3), "w2"]
    assert w2["sign"] == -1 and w2["weight"] == 0.5 and w2["dunbar_rank"] == 1, (name, w2)
    assert G.edges[node(2), node(4), "r4"]["referred_at"] == 125.0, name
    assert G.nodes[node(4)]["acquired"] is True and G.nodes[node(0)]["acquired"] is False, name
    assert G.nodes[node(1)]["acquired_at"] == 95.0, name

def string_id(i):
    return "n%d" % i

def int_id(i):
    return i

check_both(nx.read_graphml(os.path.join(d, "both.graphml")), "graphml", string_id,
           expected["xml_labels"])
# networkx 2.x reads GEXF only up to 1.2draft: --gexf-version 1.2, unedited.
check_both(nx.read_gexf(os.path.join(d, "both_1.2.gexf")), "gexf 1.2", string_id, expected["xml_labels"])
if "1.3" in nx.readwrite.gexf.GEXF.versions:
    check_both(nx.read_gexf(os.path.join(d, "both.gexf")), "gexf 1.3", string_id, expected["xml_labels"])

def node_link_graph(data, key):
    # networkx >= 3.4 names the edge array with edges=, older ones with link=.
    import inspect
    if "edges" in inspect.signature(nx.node_link_graph).parameters:
        return nx.node_link_graph(data, edges=key)
    return nx.node_link_graph(data, link=key)

for key in ("links", "edges"):
    data = json.load(open(os.path.join(d, "both_%s.json" % key), encoding="utf-8"))
    check_both(node_link_graph(data, key), "nodelink " + key, int_id,
               expected["json_labels"])

wom = node_link_graph(json.load(open(os.path.join(d, "wom.json"), encoding="utf-8")), "links")
assert isinstance(wom, nx.DiGraph) and not wom.is_multigraph(), wom
assert wom.number_of_edges() == 4 and wom[1][3]["sign"] == -1, wom
print("ok with networkx", nx.__version__)
)PY");

  // The system interpreter (Debian's python3-networkx) and whatever python3 is
  // first on PATH, when that is another one: networkx changed its node-link
  // and GEXF readers between 2.x and 3.x, and users have either.
  int checked = 0;
  for (const std::string_view interpreter : {"/usr/bin/python3", "python3"}) {
    const std::string python(interpreter);
    if (std::system((python + " -c 'import networkx' >/dev/null 2>&1").c_str()) != 0) continue;
    const fs::path log = dir.path() / "check.log";
    const std::string command = python + " '" + (dir.path() / "check.py").string() + "' '" +
                                dir.path().string() + "' >'" + log.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    INFO(python << ": " << read_file(log));
    CHECK(status == 0);
    ++checked;
  }
  if (checked == 0) WARN("no python3 with networkx: the networkx round trip was skipped");
}

}  // namespace refnet
