// Small, strict field parsers shared by the input formats. Each returns
// std::nullopt (or false) instead of throwing, so callers can say what the
// field should have been.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refnet {

inline constexpr double kMaxTimestamp = 253402300799.0;  // 9999-12-31T23:59:59Z

std::optional<std::uint64_t> parse_uint(std::string_view s);
// A finite decimal number ("1", "-2.5", "1e-3"); rejects nan and inf.
std::optional<double> parse_number(std::string_view s);
// Whether `s` is a well-formed decimal number too large in magnitude for a
// double ("1e400"), so that a message can say "out of range", not "bad".
bool number_overflows(std::string_view s);
// Unix seconds (integer or decimal) or ISO-8601: 2024-03-01, 2024-03-01T12:00:00Z,
// 2024-03-01 12:00:00.5+02:00. Returns nullopt when malformed; does not check range.
std::optional<double> parse_timestamp(std::string_view s);
// "2024-03-01T12:00:00Z" for a unix time (fractions dropped).
std::string format_iso8601(double unix_seconds);
// +1/-1 from "+1", "1", "-1", "positive", "negative", "pos", "neg" (any case); empty is +1.
std::optional<int> parse_sentiment(std::string_view s);
// Whether `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);
// A field's text for an error message: in single quotes, cut after 40 bytes.
std::string quote_for_message(std::string_view s);
// Strips leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);
// Days since 1970-01-01 of a civil date (proleptic Gregorian), and back.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};
CivilDate civil_from_days(std::int64_t days);
// Months since 1970-01 of a unix time, and back to "YYYY-MM".
std::int32_t month_index(double unix_seconds);
std::string month_name(std::int32_t month);

// Writes the decimal digits of v at p (no terminator); returns the end.
// For writers of large text outputs, where iostreams are too slow.
inline char* write_uint(char* p, std::uint64_t v) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) *p++ = tmp[--n];
  return p;
}

}  // namespace refnet
