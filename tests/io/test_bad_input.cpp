// Bad input, table-driven: each malformed input must give exit code 3, a
// message naming file:line:column and what was expected, and no output file.
// Under --lenient the same rows are skipped and reported.
#include "support/run.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using refnet::test::run_refnet;
using refnet::test::TempDir;

namespace {

const std::string kHeader = "type,src,dst,ts,product,amount,sentiment,channel\n";
const std::string kGood = "signup,alice,,1700000000,,,,\n";

struct BadCase {
  const char* name;
  std::string file_name;
  std::string content;
  std::string args;      // extra arguments
  std::string expected;  // substring of stderr; "@" stands for the file's path
};

std::vector<BadCase> bad_cases() {
  const std::string long_id(300, 'x');
  return {
      {"missing column", "e.csv", "type,src,dst\nsignup,a,\n", "", "@:1:1: header has no 'ts' column"},
      {"bad timestamp", "e.csv", kHeader + kGood + "purchase,a,,yesterday,p1,,,\n", "",
       "@:3:13: bad timestamp 'yesterday' (expected unix seconds or ISO-8601"},
      {"unknown event type", "e.csv", kHeader + "buy,a,,1700000000,p1,,,\n", "", "@:2:1: unknown event type 'buy' (1 row)"},
      {"empty file", "e.csv", "", "", "@: empty file"},
      {"binary junk", "junk.bin", std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00junk", 14), "", "@:1:8: binary data"},
      {"truncated gzip", "e.csv.gz", refnet::test::gzip_bytes(kHeader + kGood + kGood + kGood).substr(0, 20), "",
       "@: truncated gzip stream"},
      {"over-long id", "e.csv", kHeader + "signup," + long_id + ",,1700000000,,,,\n", "",
       "@:2:8: src id is 300 bytes, over the 256-byte limit"},
      {"NaN weight", "g.txt", "1 2 0.5\n3 4 nan\n", "--input-format snap", "@:2:5: bad weight 'nan' (expected a finite number)"},
      {"negative probability", "g.inf", "1 2 0.5\n3 4 -0.1\n", "--input-format inf",
       "@:2:5: negative probability '-0.1'"},
      {"probability above one", "g.inf", "1 2 1.5\n", "--input-format inf", "@:1:5: probability '1.5' above 1"},
      {"header-only file", "e.csv", kHeader, "", "@: no events: the file has a header row but no data rows"},
      {"mixed delimiters", "e.csv", kHeader + "signup\talice\t\t1700000000\t\t\t\t\n", "",
       "@:2:29: expected 8 fields separated by commas, found 1 (this row is separated by tabs: mixed delimiters?)"},
      {"too many fields", "e.csv", kHeader + "signup,alice,,1700000000,,,,,extra\n", "",
       "@:2:30: expected 8 fields separated by commas, found 9"},
      {"referral without dst", "e.csv", kHeader + "referral,alice,,1700000000,,,,\n", "",
       "@:2:16: referral needs a dst user"},
      {"dst on a signup", "e.csv", kHeader + "signup,alice,bob,1700000000,,,,\n", "",
       "@:2:14: signup takes no dst user, found 'bob'"},
      {"purchase without product", "e.csv", kHeader + "purchase,alice,,1700000000,,9.5,,\n", "",
       "@:2:28: purchase needs a product"},
      {"bad sentiment", "e.csv", kHeader + "share,alice,bob,1700000000,,,maybe,\n", "",
       "@:2:30: bad sentiment 'maybe' (expected +1, -1, positive or negative)"},
      {"bad amount", "e.csv", kHeader + "purchase,alice,,1700000000,p1,abc,,\n", "", "@:2:31: bad amount 'abc'"},
      {"negative amount", "e.csv", kHeader + "purchase,alice,,1700000000,p1,-3,,\n", "", "@:2:31: negative amount '-3'"},
      {"timestamp before 1970", "e.csv", kHeader + "signup,alice,,1969-12-31,,,,\n", "",
       "@:2:15: timestamp '1969-12-31' out of range (1970-01-01 to 9999-12-31)"},
      {"timestamp after 9999", "e.csv", kHeader + "signup,alice,,999999999999999,,,,\n", "",
       "@:2:15: timestamp '999999999999999' out of range"},
      {"impossible date", "e.csv", kHeader + "signup,alice,,2024-02-30,,,,\n", "", "@:2:15: bad timestamp '2024-02-30'"},
      {"unterminated quote", "e.csv", kHeader + "signup,\"alice,,1700000000,,,,\n", "",
       "@:2:8: unterminated quoted field"},
      {"unterminated quote over lines", "e.csv", kHeader + kGood + "signup,\"alice,,1700000000,,,,\n" + kGood, "",
       "@:3:8: unterminated quoted field"},
      {"duplicate column", "e.csv", "type,src,ts,src\nsignup,a,1,a\n", "", "@:1:13: duplicate column 'src'"},
      {"invalid UTF-8 id", "e.csv", kHeader + "signup,al\xff" "ice,,1700000000,,,,\n", "",
       "@:2:8: src id is not valid UTF-8"},
      {"JSON Lines: invalid JSON", "e.jsonl", "{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n{\"type\": signup}\n", "",
       "@:2:10: invalid JSON"},
      {"JSON Lines: not an object", "e.jsonl", "{\"type\":\"signup\",\"src\":\"a\",\"ts\":1}\n[1, 2]\n",
       "--input-format jsonl", "@:2:1: expected a JSON object per line"},
      {"JSON Lines: wrong field type", "e.jsonl", "{\"type\":\"signup\",\"src\":{\"id\":1},\"ts\":1}\n", "",
       "@:1:18: field 'src' must be a string or a number"},
      {"edge list: missing column", "g.txt", "1 2\n3\n", "", "@:2:2: expected 2 columns (u v), found 1 column"},
      {"Higgs: unknown interaction", "h.txt", "1 2 1341100972 RT\n3 4 1341100973 XX\n", "--input-format higgs",
       "@:2:16: unknown interaction 'XX' (expected RT, MT or RE)"},
      {"n m header: id out of range", "nm.txt", "3 2\n0 1\n1 7\n", "--input-format nm", "@:3:3: node id 7 is not below n = 3"},
      {"cascade: bad item", "c.txt", "a 1,b 2\nc 3,d\n", "", "@:2:5: expected 'user ts' between commas, found 'd'"},
      {"unknown format", "x.txt", "just some words here\n", "", "@:1:1: cannot tell the format"},
  };
}

}  // namespace

TEST_CASE("every malformed input is refused with file:line:column, exit code 3 and no output", "[bad-input][cli]") {
  const auto cases = bad_cases();
  REQUIRE(cases.size() >= 25);
  for (const BadCase& c : cases) {
    SECTION(c.name) {
      TempDir dir;
      const std::string input = dir.write(c.file_name, c.content);
      const std::string output = dir.file("out.refnet");
      const auto r = run_refnet("build '" + input + "' -o '" + output + "' " + c.args);
      std::string expected = c.expected;
      expected.replace(expected.find('@'), 1, input);
      INFO("stderr: " << r.err);
      CHECK(r.exit_code == 3);
      CHECK(r.err.find(expected) != std::string::npos);
      CHECK_FALSE(std::filesystem::exists(output));
      // No temporary file is left behind either.
      std::size_t leftovers = 0;
      for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        leftovers += entry.path().filename().string().find(".tmp") != std::string::npos;
      CHECK(leftovers == 0);
    }
  }
}

TEST_CASE("a missing file and a directory get their own messages", "[bad-input][cli]") {
  TempDir dir;
  auto r = run_refnet("info '" + dir.file("nope.csv") + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(dir.file("nope.csv") + ": no such file") != std::string::npos);
  r = run_refnet("info '" + dir.path().string() + "'");
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("is a directory, expected a file") != std::string::npos);
}

TEST_CASE("lenient mode skips malformed rows and reports how many and the first five", "[bad-input][cli]") {
  TempDir dir;
  std::string log = kHeader;
  for (int i = 0; i < 8; ++i) log += "signup,u" + std::to_string(i) + ",,1700000000,,,,\n";
  for (int i = 0; i < 7; ++i) log += "signup,u" + std::to_string(i) + ",,yesterday,,,,\n";
  const std::string input = dir.write("e.csv", log);
  const auto strict = run_refnet("info '" + input + "'");
  CHECK(strict.exit_code == 3);
  const auto r = run_refnet("info '" + input + "' --lenient");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"skipped\": 7") != std::string::npos);
  CHECK(r.out.find(input + ":10:12: bad timestamp 'yesterday'") != std::string::npos);
  CHECK(r.out.find(input + ":14:12:") != std::string::npos);
  CHECK(r.out.find(input + ":15:12:") == std::string::npos);  // only the first five
  CHECK(r.out.find("\"users\": 8") != std::string::npos);
}

TEST_CASE("usage errors exit with 2", "[cli]") {
  CHECK(run_refnet("info --no-such-option x").exit_code == 2);
  CHECK(run_refnet("no-such-command").exit_code == 2);
  CHECK(run_refnet("info x --input-format yaml").exit_code == 2);
  CHECK(run_refnet("build x.csv").exit_code == 2);  // no -o
}
