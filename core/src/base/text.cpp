#include <refnet/base/text.hpp>

#include <refnet/base/time_zone.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace refnet {

std::string quote_for_message(std::string_view s) {
  if (s.size() > 40) return "'" + std::string(s.substr(0, 40)) + "...'";
  return "'" + std::string(s) + "'";
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::optional<std::uint64_t> parse_uint(std::string_view s) {
  // The hot path of every edge list: a plain digit loop, with from_chars
  // kept for the 20-digit numbers that may overflow.
  if (s.empty() || s.size() > 20) return std::nullopt;
  if (s.size() == 20) {
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
  }
  std::uint64_t v = 0;
  for (const char c : s) {
    const auto d = static_cast<unsigned>(c - '0');
    if (d > 9) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool number_overflows(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // from_chars also reports underflow (1e-400) as out of range: that is a 0, not an overflow.
  return ec == std::errc::result_out_of_range && p == s.data() + s.size() && s.find_first_of("123456789") != std::string_view::npos &&
         s.find("e-") == std::string_view::npos && s.find("E-") == std::string_view::npos;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

unsigned days_in_month(int y, int m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}
}  // namespace

std::optional<double> parse_timestamp(std::string_view s) { return parse_timestamp(s, nullptr); }

std::optional<double> parse_timestamp(std::string_view s, TimeForm* form) {
  if (s.empty()) return std::nullopt;
  TimeForm local_form;
  if (!form) form = &local_form;
  *form = TimeForm::kNumber;
  // Plain unix seconds: digits with an optional fraction.
  if (s.size() < 5 || s[4] != '-') return parse_number(s);
  *form = TimeForm::kNaive;
  // "2024-03-01 09:00:00 UTC", as warehouses write timestamps in CSV exports.
  bool utc_suffix = false;
  if (s.size() >= 14 && (s.substr(s.size() - 4) == " UTC" || s.substr(s.size() - 4) == " utc")) {
    s.remove_suffix(4);
    utc_suffix = true;
  }
  int y, mo, d;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || s.size() < 10 || s[7] != '-' || !digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo)) return std::nullopt;
  double secs = static_cast<double>(days_from_civil(y, mo, d)) * 86400.0;
  std::size_t pos = 10;
  if (pos == s.size()) {
    if (utc_suffix) *form = TimeForm::kZoned;
    return secs;
  }
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  int h, mi, se = 0;
  if (!digits(s, pos, 2, h) || pos + 2 >= s.size() || s[pos + 2] != ':' || !digits(s, pos + 3, 2, mi))
    return std::nullopt;
  pos += 5;
  double frac = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, se)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      std::size_t end = pos + 1;
      while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
      if (end == pos + 1) return std::nullopt;
      std::string f = "0." + std::string(s.substr(pos + 1, end - pos - 1));
      frac = std::strtod(f.c_str(), nullptr);
      pos = end;
    }
  }
  if (h > 23 || mi > 59 || se > 60) return std::nullopt;
  secs += h * 3600.0 + mi * 60.0 + se + frac;
  if (pos == s.size()) {  // no zone: UTC unless the caller places it elsewhere
    if (utc_suffix) *form = TimeForm::kZoned;
    return secs;
  }
  if (utc_suffix) return std::nullopt;  // an offset and " UTC" both
  *form = TimeForm::kZoned;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size() ? std::optional<double>(secs) : std::nullopt;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos] == '+' ? 1 : -1;
  int oh, om = 0;
  if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
  std::size_t rest = pos + 3;
  if (rest < s.size() && s[rest] == ':') ++rest;
  if (rest < s.size()) {
    if (!digits(s, rest, 2, om)) return std::nullopt;
    rest += 2;
  }
  if (rest != s.size() || oh > 23 || om > 59) return std::nullopt;
  return secs - sign * (oh * 3600.0 + om * 60.0);
}

CivilDate civil_from_days(std::int64_t z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

std::int32_t month_index(double unix_seconds) {
  const CivilDate date = civil_from_days(static_cast<std::int64_t>(std::floor(unix_seconds / 86400.0)));
  return static_cast<std::int32_t>((date.year - 1970) * 12 + (date.month - 1));
}

std::string month_name(std::int32_t month) {
  char buf[32];
  const int y = 1970 + (month >= 0 ? month / 12 : (month - 11) / 12);
  const int m = month - (y - 1970) * 12 + 1;
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

std::string format_iso8601(double unix_seconds) {
  const auto t = static_cast<std::int64_t>(std::floor(unix_seconds));
  const std::int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  const CivilDate date = civil_from_days(days);
  char buf[96];  // room for any 64-bit year, so the format never truncates
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(date.year), date.month,
                date.day, static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<int> parse_sentiment(std::string_view s) {
  s = trim(s);
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower.empty() || lower == "+1" || lower == "1" || lower == "positive" || lower == "pos") return 1;
  if (lower == "-1" || lower == "negative" || lower == "neg") return -1;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;  // sequence cut short
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

}  // namespace refnet
