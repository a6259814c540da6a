// Tables for people: display width (against Python's unicodedata), number
// formatting, and alignment of wide characters.
#include "support/run.hpp"

#include <refnet/base/quantile.hpp>
#include <refnet/format/table.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace refnet {

namespace {
std::string utf8(std::uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}
}  // namespace

TEST_CASE("display width: hand-worked strings", "[format][table]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("alice") == 5);
  CHECK(display_width("张伟") == 4);                 // two CJK ideographs, two columns each
  CHECK(display_width("zoë") == 3);                  // precomposed e with diaeresis
  CHECK(display_width("zoe\xCC\x88") == 3);          // e + U+0308 combining diaeresis: no column
  CHECK(display_width("ｶﾀｶﾅ") == 4);                 // halfwidth katakana: one each
  CHECK(display_width("ＡＢ") == 4);                 // fullwidth Latin: two each
  CHECK(display_width("🙂") == 2);                   // emoji presentation: wide
  CHECK(display_width("한국") == 4);                 // Hangul syllables
  CHECK(display_width("a\xFF" "b") == 3);            // a stray byte counts one
  CHECK(fit_width("张伟张伟张伟", 7) == "张伟...");  // never cuts a character in half
  CHECK(fit_width("alice", 5) == "alice");
  CHECK(fit_width("alicebob", 6) == "ali...");
}

// Every code point against Python's unicodedata (East Asian Width W/F: 2;
// Mn, Me, Cf, Cc and Hangul medial/final jamo: 0; else 1), as POSIX wcwidth.
TEST_CASE("display width: every code point against unicodedata", "[format][table]") {
  if (!test::have_python_module("unicodedata")) {
    WARN("skipped: no /usr/bin/python3 with unicodedata");
    return;
  }
  const test::TempDir dir;
  const std::string path = dir.file("widths.txt");
  const std::string script = dir.write("w.py", R"PY(
import sys, unicodedata
out = []
for cp in range(0x110000):
    c = chr(cp)
    cat = unicodedata.category(c)
    if cp != 0xAD and (cat in ("Mn", "Me", "Cf", "Cc") or 0x1160 <= cp <= 0x11FF):
        out.append("0")
    elif unicodedata.east_asian_width(c) in ("W", "F"):
        out.append("2")
    else:
        out.append("1")
open(sys.argv[1], "w").write("".join(out))
)PY");
  REQUIRE(std::system(("/usr/bin/python3 '" + script + "' '" + path + "'").c_str()) == 0);
  const std::string expected = test::read_file(path);
  REQUIRE(expected.size() == 0x110000);
  std::size_t wrong = 0;
  for (std::uint32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not characters
    const int want = expected[cp] - '0';
    if (code_point_width(cp) != want && wrong++ < 10) FAIL_CHECK("U+" << std::hex << cp << ": " << code_point_width(cp) << " vs " << want);
  }
  CHECK(wrong == 0);
  // The decoder agrees with the code-point lookup on real UTF-8.
  for (std::uint32_t cp : {0x41u, 0xE9u, 0x4E2Du, 0x1F642u, 0x20000u, 0x0301u})
    CHECK(display_width(utf8(cp)) == static_cast<std::size_t>(code_point_width(cp)));
}

TEST_CASE("numbers for people", "[format][table]") {
  CHECK(group_digits(0) == "0");
  CHECK(group_digits(999) == "999");
  CHECK(group_digits(1000) == "1,000");
  CHECK(group_digits(36692) == "36,692");
  CHECK(group_digits(1234567890) == "1,234,567,890");
  CHECK(format_number(8.94765e+06) == "8,947,650");  // large values: whole, grouped
  CHECK(format_number(0.00029151) == "0.000292");      // small values: 3 significant digits, no exponent
  CHECK(format_number(0.9307169914245605) == "0.931");
  CHECK(format_number(3.5) == "3.5");                  // no trailing zeros
  CHECK(format_number(42) == "42");
  CHECK(format_number(0) == "0");
  CHECK(format_number(-1.25) == "-1.25");
  CHECK(format_number(999.6) == "1,000");
  CHECK(format_number(std::nan("")) == "-");
  CHECK(format_percent(0.123456) == "12.3%");
  CHECK(plural(1, "cascade", "cascades") == "1 cascade");
  CHECK(plural(2, "cascade", "cascades") == "2 cascades");
  CHECK(plural(0, "cascade", "cascades") == "0 cascades");
}

//   rank  user  reach       every column starts at the same display column
//      1  张伟     12       whatever the bytes of the names before it
//      2  bob   1,234
TEST_CASE("tables align by display width, with a header", "[format][table]") {
  TextTable t({{"rank", true}, {"user", false}, {"reach", true}});
  t.add_row({"1", "张伟", "12"});
  t.add_row({"2", "bob", "1,234"});
  t.add_row({"3", "zoe\xCC\x88", "7"});
  const std::string text = t.render();
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "  rank  user  reach");
  CHECK(lines[1] == "     1  张伟     12");
  CHECK(lines[2] == "     2  bob   1,234");
  CHECK(lines[3] == "     3  zoe\xCC\x88       7");  // e + combining diaeresis: width 3, padded by 1
  for (const auto& line : lines) CHECK(display_width(line) == display_width(lines[0]));
}

// The one percentile convention: linear interpolation (numpy's default).
//   x = 1 2 3 4: median (pos 1.5) = 2.5, p90 (pos 2.7) = 3.7, p0 = 1, p100 = 4.
TEST_CASE("quantiles: linear interpolation between closest ranks", "[format][quantile]") {
  const std::vector<double> x = {1, 2, 3, 4};
  CHECK(quantile_of_sorted(x, 0.5) == Approx(2.5));
  CHECK(quantile_of_sorted(x, 0.9) == Approx(3.7));
  CHECK(quantile_of_sorted(x, 0.0) == 1);
  CHECK(quantile_of_sorted(x, 1.0) == 4);
  CHECK(quantile_of_sorted(std::vector<double>{7}, 0.25) == 7);
  CHECK(quantile_of_sorted(std::vector<double>{}, 0.5) == 0);
}

}  // namespace refnet
