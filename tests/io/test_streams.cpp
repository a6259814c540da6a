// Every input is read once, as a stream: a pipe, standard input, a FIFO or
// process substitution gives the same network as the file, for every text
// format and gzip; and the block size the stream is cut into changes nothing
// (not the network, not an error's line and column). Oracle: the same input
// read from a regular file in one block.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace refnet;

namespace {

struct Sample {
  const char* format;
  std::string name;
  std::string text;
};

std::vector<Sample> samples() {
  std::string csv = "type,src,dst,ts,product,amount,sentiment,channel\n";
  std::string jsonl, higgs, snap, inf, cascades, gml = "graph [\n";
  for (int i = 0; i < 400; ++i) {
    const std::string u = "u" + std::to_string(i), v = "u" + std::to_string((i * 7 + 3) % 400);
    const std::string ts = std::to_string(1700000000 + i * 60);
    csv += "referral," + u + "," + v + "," + ts + ",,,,\n" + "purchase," + v + ",," + ts + ",p" + std::to_string(i % 5) +
           ",9.5,,\n";
    jsonl += "{\"type\":\"share\",\"src\":\"" + u + "\",\"dst\":\"" + v + "\",\"ts\":" + ts + "}\n";
    higgs += std::to_string(i) + " " + std::to_string((i * 7 + 3) % 400) + " " + ts + (i % 2 ? " RT\n" : " MT\n");
    snap += std::to_string(i) + "\t" + std::to_string((i * 13 + 1) % 400) + "\n";
    inf += std::to_string(i) + " " + std::to_string((i * 13 + 1) % 400) + " 0." + std::to_string(i % 9 + 1) + "\n";
    cascades += u + " 1," + v + " 2,x" + std::to_string(i) + " 3\n";
    gml += "  node [ id " + std::to_string(i) + " ]\n  edge [ source " + std::to_string(i) + " target " +
           std::to_string((i + 1) % 400) + " ]\n";
  }
  gml += "]\n";
  const std::string nm = "400 400\n" + snap;
  return {{"csv", "e.csv", csv},          {"jsonl", "e.jsonl", jsonl}, {"higgs", "h.txt", higgs},
          {"snap", "g.txt", snap},        {"inf", "g.inf", inf},       {"nm", "nm.txt", nm},
          {"cascades", "c.txt", cascades}, {"gml", "g.gml", gml},
          {"csv", "e.csv.gz", test::gzip_bytes(csv)}, {"snap", "g.txt.gz", test::gzip_bytes(snap)}};
}

std::string describe(const LoadedInput& in) {
  std::ostringstream s;
  s << to_string(in.files[0].format) << " " << in.network.num_users() << " users, " << in.network.wom.num_edges()
    << " ties, " << in.network.log.events.size() << " events, " << in.network.cascades.size() << " cascades\n";
  for (VertexId v = 0; v < in.network.num_users(); ++v) s << in.network.log.users.name(v) << ' ';
  for (EdgeId e = 0; e < in.network.wom.num_edges(); ++e)
    s << in.network.wom.target(e) << ':' << in.network.wom.weight(e) << ' ';
  return s.str();
}

}  // namespace

TEST_CASE("a pipe, standard input, a FIFO and process substitution read like the file", "[stream][cli]") {
  for (const Sample& s : samples()) {
    SECTION(s.name) {
      test::TempDir dir;
      const std::string file = dir.write(s.name, s.text);
      const std::string d = dir.path().string();
      const auto r = test::run_bash(
          "set -e; cd '" + d + "'\n"
          "$REFNET build '" + s.name + "' -o file.refnet -q > file.json\n"
          "cat '" + s.name + "' | $REFNET build - -o pipe.refnet -q > pipe.json\n"
          "$REFNET build - -o stdin.refnet -q < '" + s.name + "' > stdin.json\n"
          "$REFNET build <(cat '" + s.name + "') -o subst.refnet -q > subst.json\n"
          "mkfifo fifo; (cat '" + s.name + "' > fifo &) ; $REFNET build fifo -o fifo.refnet -q > fifo.json\n"
          "for k in pipe stdin subst fifo; do cmp file.refnet $k.refnet; done\n"
          "for k in file pipe stdin subst fifo; do jq -c '.result' $k.json; done | sort -u | wc -l\n"
          "jq -r '.input.files[0].format' file.json\n");
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      CHECK(r.out == "1\n" + std::string(s.format) + "\n");  // one result, the expected format
    }
  }
}

TEST_CASE("the block size of the stream changes no result and no error position", "[stream]") {
  auto load = [](const std::string& name, const std::string& text, std::size_t block, bool lenient) {
    std::vector<InputStream> in;
    in.push_back(InputStream::from_bytes(text, name));
    LoadOptions o;
    o.block_bytes = block;
    o.lenient = lenient;
    try {
      return describe(load_streams(std::move(in), o));
    } catch (const InputError& e) {
      return std::string("error: ") + e.what();
    }
  };
  for (const Sample& s : samples()) {
    const std::string one_block = load(s.name, s.text, kDefaultBlockBytes, false);
    CHECK(one_block.rfind("error", 0) == std::string::npos);
    // The same text with a bad row in the middle: the same error (line, column), or under --lenient the same skip.
    std::string bad = s.text;
    const std::size_t mid = bad.find('\n', bad.size() / 2) + 1;
    bad.insert(mid, "@@ bad row @@\n");
    for (std::size_t block : {1, 7, 100, 4096}) {
      INFO(s.name << " in blocks of " << block);
      CHECK(load(s.name, s.text, block, false) == one_block);
      if (s.name.find(".gz") == std::string::npos) {
        CHECK(load(s.name, bad, block, false) == load(s.name, bad, kDefaultBlockBytes, false));
        // --lenient is a usage error for GML (one nested structure, no rows to skip).
        if (std::string(s.format) != "gml")
          CHECK(load(s.name, bad, block, true) == load(s.name, bad, kDefaultBlockBytes, true));
      }
    }
  }
}

TEST_CASE("the demo log streamed in small blocks is the same network", "[stream][demo]") {
  const std::string demo = std::string(REFNET_SOURCE_DIR) + "/datasets/demo/events.csv.gz";
  LoadOptions small;
  small.block_bytes = 4096;
  CHECK(describe(load_input({demo}, small)) == describe(load_input({demo}, {})));
}

TEST_CASE("standard input named twice is a usage error: it can be read once", "[stream][cli]") {
  const auto r = test::run_bash("echo '1 2' | $REFNET info - -");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("standard input ('-') given more than once") != std::string::npos);
}
