// Field parsers: timestamps, numbers, sentiment, UTF-8 (hand-worked values;
// the unix times were checked with `date -u -d ... +%s`).
#include <refnet/base/text.hpp>
#include <refnet/base/file.hpp>

#include <catch2/catch.hpp>

using namespace refnet;

TEST_CASE("timestamps: unix seconds and ISO-8601 forms", "[text]") {
  CHECK(*parse_timestamp("1700000000") == 1700000000.0);
  CHECK(*parse_timestamp("1700000000.25") == 1700000000.25);
  CHECK(*parse_timestamp("2024-03-01") == 1709251200.0);
  CHECK(*parse_timestamp("2024-03-01T12:00:00Z") == 1709294400.0);
  CHECK(*parse_timestamp("2024-03-01 12:00") == 1709294400.0);
  CHECK(*parse_timestamp("2024-03-01T14:00:00+02:00") == 1709294400.0);
  CHECK(*parse_timestamp("2024-03-01T07:30:00-0430") == 1709294400.0);
  CHECK(*parse_timestamp("2024-03-01T12:00:00.5Z") == 1709294400.5);
  CHECK(*parse_timestamp("2024-02-29") == 1709164800.0);  // leap day
  CHECK(*parse_timestamp("1970-01-01T00:00:00Z") == 0.0);
  CHECK_FALSE(parse_timestamp("2023-02-29"));  // not a leap year
  CHECK_FALSE(parse_timestamp("2024-13-01"));
  CHECK_FALSE(parse_timestamp("2024-03-01T25:00"));
  CHECK_FALSE(parse_timestamp("2024-03-01Tnoon"));
  CHECK_FALSE(parse_timestamp("2024-03-01T12:00:00Q"));
  CHECK_FALSE(parse_timestamp("nan"));
  CHECK_FALSE(parse_timestamp("inf"));
  CHECK_FALSE(parse_timestamp(""));
  CHECK(format_iso8601(1709294400.0) == "2024-03-01T12:00:00Z");
  CHECK(format_iso8601(0) == "1970-01-01T00:00:00Z");
}

TEST_CASE("numbers, sentiment and UTF-8", "[text]") {
  CHECK(*parse_number("2.5") == 2.5);
  CHECK(*parse_number("+3") == 3);
  CHECK(*parse_number("-1e-3") == -0.001);
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("1.5x"));
  CHECK_FALSE(parse_number("1e999"));
  CHECK(*parse_uint("42") == 42);
  CHECK_FALSE(parse_uint("-1"));
  CHECK_FALSE(parse_uint("12a"));
  CHECK_FALSE(parse_uint(""));
  CHECK(*parse_uint("18446744073709551615") == 18446744073709551615ull);
  CHECK_FALSE(parse_uint("18446744073709551616"));  // 2^64 overflows
  CHECK_FALSE(parse_uint("123456789012345678901"));
  CHECK(*parse_sentiment("") == 1);
  CHECK(*parse_sentiment("Positive") == 1);
  CHECK(*parse_sentiment("-1") == -1);
  CHECK(*parse_sentiment("NEG") == -1);
  CHECK_FALSE(parse_sentiment("0"));
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("Zürich — 東京 🙂"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc3"));          // cut short
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST_CASE("line and column of a byte offset", "[text]") {
  const std::string_view data = "ab\ncd\r\nef";
  CHECK(line_and_column(data, 0) == std::pair<std::uint64_t, std::uint64_t>{1, 1});
  CHECK(line_and_column(data, 1) == std::pair<std::uint64_t, std::uint64_t>{1, 2});
  CHECK(line_and_column(data, 3) == std::pair<std::uint64_t, std::uint64_t>{2, 1});
  CHECK(line_and_column(data, 8) == std::pair<std::uint64_t, std::uint64_t>{3, 2});
}

TEST_CASE("sha256 matches the FIPS 180-2 test vectors", "[text]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("numbers too large for a double are told apart from malformed ones", "[text][numbers]") {
  CHECK(refnet::number_overflows("1e400"));
  CHECK(refnet::number_overflows("-1e400"));
  CHECK(refnet::number_overflows("+" + std::string(400, '9')));
  CHECK_FALSE(refnet::number_overflows("1e-400"));  // underflow: a zero, not too large
  CHECK_FALSE(refnet::number_overflows("1e300"));   // fits a double
  CHECK_FALSE(refnet::number_overflows("abc"));
  CHECK_FALSE(refnet::number_overflows("1e400x"));
  CHECK_FALSE(refnet::number_overflows(""));
  CHECK_FALSE(refnet::parse_number("1e400"));
}
