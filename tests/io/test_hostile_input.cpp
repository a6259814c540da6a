// Hostile and unusual inputs (issue 13), one table per class: numbers beyond
// the type they are stored in, ids that must keep their exact text, NUL bytes
// anywhere, format detection that must not silently change meaning, headers
// that are implausible for the file, GML nested deeper than any stack. Each
// row names the exit code and the message (with its file:line:column) or the
// warning it must give; the expected positions are counted by hand in the
// comments.
#include "support/run.hpp"

#include <refnet/base/error.hpp>
#include <refnet/io/load.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using refnet::test::run_refnet;
using refnet::test::TempDir;

namespace {

const std::string kHeader = "type,src,dst,ts,product,amount,sentiment,channel\n";

struct Row {
  const char* name;
  std::string file_name;
  std::string content;
  std::string args;
  int exit_code;
  std::string expected;  // in stderr; "@" stands for the file's path
};

void run_rows(const std::vector<Row>& rows) {
  for (const Row& c : rows) {
    SECTION(c.name) {
      TempDir dir;
      const std::string input = dir.write(c.file_name, c.content);
      const std::string output = dir.file("out.refnet");
      const auto r = run_refnet("build '" + input + "' -o '" + output + "' " + c.args);
      std::string expected = c.expected;
      if (const auto at = expected.find('@'); at != std::string::npos) expected.replace(at, 1, input);
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == c.exit_code);
      CHECK(r.err.find(expected) != std::string::npos);
      CHECK(std::filesystem::exists(output) == (c.exit_code == 0));
    }
  }
}

}  // namespace

TEST_CASE("numbers are range-checked for the type they are stored in", "[bad-input][numbers]") {
  run_rows({
      // "1 2 0.5" is line 1; line 2 "3 4 1e300": the weight starts at column 5.
      {"a weight beyond float range", "g.txt", "1 2 0.5\n3 4 1e300\n", "", 3,
       "@:2:5: weight '1e300' is out of range (stored as a 32-bit float"},
      {"a negative weight beyond float range", "g.txt", "1 2 0.5\n3 4 -4e38\n", "", 3, "@:2:5: weight '-4e38' is out of range"},
      // "purchase,alice,,1700000000,p1," is 30 bytes: the amount is column 31.
      {"an amount beyond float range", "e.csv", kHeader + "purchase,alice,,1700000000,p1,1e39,,\n", "", 3,
       "@:2:31: amount '1e39' is too large"},
      {"a weight that overflows a double", "g.txt", "1 2 0.5\n3 4 1e400\n", "", 3, "@:2:5: weight '1e400' is out of range"},
      // {"type":"signup","src":"a","ts": is 32 bytes: the number starts at column 33.
      {"a JSON number too large for a double", "e.jsonl", "{\"type\":\"signup\",\"src\":\"a\",\"ts\":1e400}\n", "", 3,
       "@:1:"},
      {"a JSON amount beyond float range", "e.jsonl",
       "{\"type\":\"purchase\",\"src\":\"a\",\"ts\":1,\"product\":\"p\",\"amount\":1e39}\n", "", 3, "amount '1e39' is too large"},
      // "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 weight " is 68 bytes.
      {"a GML weight beyond float range", "g.gml", "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 weight 1e300 ] ]\n",
       "", 3, "@:1:69: an edge's 'weight' '1e300' is out of range"},
      {"a SNAP timestamp after 9999", "g.txt", "1 2 1700000000\n3 4 999999999999999\n", "", 3,
       "@:2:5: timestamp '999999999999999' out of range"},
  });
}

TEST_CASE("a JSON number that overflows a double names its line and column", "[bad-input][numbers]") {
  TempDir dir;
  const std::string input = dir.write("e.jsonl", "{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n{\"type\":\"signup\",\"src\":\"b\",\"ts\":1e400}\n");
  const auto r = run_refnet("info '" + input + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(input + ":2:") != std::string::npos);
  CHECK(r.err.find("number out of range (too large for a double): '1e400'") != std::string::npos);
}

TEST_CASE("ids keep their exact text; a NUL byte anywhere is bad input", "[bad-input][ids]") {
  TempDir dir;
  // A 30-digit integer id in JSON Lines stays 30 digits (a double would make it 1.2345678901234568e+29).
  const std::string jsonl = dir.write(
      "e.jsonl", "{\"type\":\"signup\",\"src\":123456789012345678901234567890,\"ts\":1700000000}\n"
                 "{\"type\":\"signup\",\"src\":1.50,\"ts\":1700000001}\n");
  const refnet::LoadedInput in = refnet::load_input({jsonl}, {});
  REQUIRE(in.network.num_users() == 2);
  CHECK(in.network.log.users.name(0) == "123456789012345678901234567890");
  CHECK(in.network.log.users.name(1) == "1.50");
  // A NUL far past the first 4 KiB, inside what would be a user id: line 201, column 13
  // ("signup,alice" is 12 bytes, the NUL follows).
  std::string csv = kHeader;
  for (int i = 0; i < 199; ++i) csv += "signup,user" + std::to_string(1000 + i) + ",,1700000000,,,,\n";
  csv += "signup,alice" + std::string(1, '\0') + "x,,1700000000,,,,\n";
  REQUIRE(csv.size() > 4096);
  const std::string input = dir.write("nul.csv", csv);
  for (const std::string lenient : {"", " --lenient"}) {
    const auto r = run_refnet("info '" + input + "'" + lenient);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(input + ":201:13: binary data (a NUL byte)") != std::string::npos);
  }
}

TEST_CASE("format detection is explainable and does not silently change meaning", "[detect]") {
  run_rows({
      // An .inf file with one probability above 1: still .inf, and the bad row is refused (line 3, column 5).
      {".inf with an out-of-range probability", "g.inf", "1 2 0.5\n2 3 0.25\n3 4 1.5\n", "", 3,
       "@:3:5: probability '1.5' above 1"},
      {".gml is GML even without 'graph [' near the top", "g.gml",
       "Creator \"x\"\n\n\n\n\n\n\n\n\n\ngraph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]\n", "", 0,
       "@: the name ends in .gml: GML"},
      // The CA-GrQc form: a header `n m` (m matches the lines) whose ids are not below n.
      {"a header line that is not the n m form is skipped, with a warning", "g.txt", "3 4\n10 20\n20 30\n30 10\n10 30\n",
       "", 0, "warning: @: line 1 '3 4' was skipped as a header (its 4 matches the 4 edge lines after it); it is not the "
              "n-m form because ids reach 30, not below 3; if it is an edge, use --input-format snap"},
      {"forced to SNAP, a header-like first line is an edge, with a warning", "g.txt", "3 4\n10 20\n20 30\n30 10\n10 30\n",
       "--input-format snap", 0, "looks like an 'n m' header (its 4 matches the 4 edge lines after it), but was read as an edge"},
      {"forced to n m, an id not below n is an error with a hint", "g.txt", "3 4\n10 20\n20 30\n30 10\n10 30\n",
       "--input-format nm", 3, "@:2:1: node id 10 is not below n = 3 from the header"},
      // 17 bytes asking for 4294967294 nodes: refused, not allocated.
      {"an n m header implausible for the file", "g.txt", "4294967294 1\n0 1\n", "", 3,
       "@:1:1: the header's node count n = 4294967294 is implausible for 1 edge line(s)"},
      {"the same header, forced", "g.txt", "4000000000 1\n0 1\n", "--input-format nm", 3, "is implausible for 1 edge line(s)"},
      {"a first row that only looks like n m is an edge", "g.txt", "5 2\n0 1\n1 2\n2 3\n", "", 0, ": whitespace columns"},
  });
}

TEST_CASE("the chosen reading says which, and how to force the other", "[detect]") {
  TempDir dir;
  auto reason = [&](const std::string& name, const std::string& text, const std::string& args = "") {
    const std::string input = dir.write(name, text);
    const auto r = run_refnet("build '" + input + "' -o '" + dir.file("o.refnet") + "' -q " + args);
    REQUIRE(r.exit_code == 0);
    return refnet::load_input({input}, {}).files[0];
  };
  // `3 2` then two lines with ids below 3: both readings are plausible; the n m form is chosen and says so.
  auto f = reason("nm.txt", "3 2\n0 1\n1 2\n");
  CHECK(f.format == refnet::InputFormat::kNmHeader);
  CHECK(f.format_reason.find("if line 1 '3 2' is an edge, use --input-format snap") != std::string::npos);
  f = reason("p.txt", "0 1 0.25\n1 2 0.5\n");
  CHECK(f.format == refnet::InputFormat::kInf);
  CHECK(f.format_reason.find("use --input-format snap") != std::string::npos);
  // Nine probabilities and one 1.5: weights, and the line that decided it.
  std::string mostly;
  for (int i = 0; i < 9; ++i) mostly += std::to_string(i) + " " + std::to_string(i + 1) + " 0.5\n";
  mostly += "9 10 1.5\n";
  f = reason("w.txt", mostly);
  CHECK(f.format == refnet::InputFormat::kSnap);
  CHECK(f.format_reason.find("line 10 does not, so they are weights (use --input-format inf") != std::string::npos);
}

TEST_CASE("edge lists that are undirected say so, and say which flag to use", "[detect][undirected]") {
  TempDir dir;
  auto warnings = [&](const std::string& text, refnet::LoadOptions o = {}) {
    const refnet::LoadedInput in = refnet::load_input({dir.write("g.txt", text)}, o);
    std::string all;
    for (const auto& w : in.report.warnings) all += w + "\n";
    return all;
  };
  std::string both, once;  // a 20-cycle written both ways, and once per pair (smaller id first)
  for (int i = 0; i < 20; ++i) {
    const int j = (i + 1) % 20;
    both += std::to_string(i) + " " + std::to_string(j) + "\n" + std::to_string(j) + " " + std::to_string(i) + "\n";
    once += std::to_string(std::min(i, j)) + " " + std::to_string(std::max(i, j)) + "\n";
  }
  CHECK(warnings(both).find("every edge appears in both directions") != std::string::npos);
  refnet::LoadOptions undirected;
  undirected.undirected = true;
  CHECK(warnings(both, undirected).find("--undirected added each a second time") != std::string::npos);
  CHECK(warnings(once).find("this looks like an undirected graph stored once per pair") != std::string::npos);
  CHECK(warnings(once, undirected).empty());
  CHECK(warnings("# Undirected graph: a triangle\n0 1\n1 2\n2 0\n").find("comments call the graph undirected") !=
        std::string::npos);
  CHECK(warnings("0 1\n1 2\n2 0\n").empty());  // a directed triangle: nothing to say
}

TEST_CASE("GML nested far deeper than any stack is read without recursion", "[gml][bad-input]") {
  TempDir dir;
  const int depth = 1000000;
  std::string gml = "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] deep ";
  for (int i = 0; i < depth; ++i) gml += "[ x ";
  gml += "1 ";
  for (int i = 0; i < depth; ++i) gml += "] ";
  gml += "]\n";
  auto r = run_refnet("build '" + dir.write("deep.gml", gml) + "' -o '" + dir.file("o.refnet") + "' -q");
  CHECK(r.exit_code == 0);
  // Unclosed at depth: an error naming the innermost '['. The text before the
  // first '[' after "deep " is 68 bytes, and each level adds 4 ("[ x "): column 69 + 4 * (depth - 1).
  std::string open = "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] deep ";
  for (int i = 0; i < depth; ++i) open += "[ x ";
  open += "1";  // the innermost x has its value; no list is closed
  r = run_refnet("build '" + dir.write("open.gml", open) + "' -o '" + dir.file("o2.refnet") + "' -q");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(":1:" + std::to_string(69 + 4 * (depth - 1)) + ": this '[' is never closed") != std::string::npos);
}
