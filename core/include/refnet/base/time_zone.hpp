// Naive local times ("2024-03-01 09:00:00", no offset) placed in a named zone
// of the system's tz database (/usr/share/zoneinfo, or $TZDIR), for --timezone.
//
// g++ 12's libstdc++ has no std::chrono::tzdb (it arrives with GCC 13), so the
// conversion goes through the C library: the zone is made the process's local
// zone (TZ, tzset) once, before any parsing thread starts, and each naive time
// is converted by mktime, then checked by converting back with localtime_r. A
// local time that does not exist (skipped by a daylight-saving change) is
// refused; one that exists twice (the hour repeated when clocks go back) takes
// the earlier instant, the one still on daylight time. Only the zone's offset
// is looked up per row; it is cached per thread by the minute.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refnet {

// parse_timestamp (base/text.hpp), also saying which form the text had: a
// number, a time with an offset (Z, +08:00, +0800, +08, a trailing " UTC"),
// or a naive time or bare date (read as UTC, unless a TimeZone places it).
enum class TimeForm : std::uint8_t { kNumber, kZoned, kNaive };
std::optional<double> parse_timestamp(std::string_view s, TimeForm* form);

class TimeZone {
 public:
  // UTC: naive times are taken as they are.
  TimeZone() = default;
  // The zone `name` ("Europe/Berlin", "Asia/Shanghai", "UTC"). Throws
  // UsageError when the tz database has no such zone. Sets the process's TZ.
  static TimeZone named(const std::string& name);

  const std::string& name() const { return name_; }
  bool is_utc() const { return name_.empty(); }
  // Unix seconds of the naive local time `local` (its fields read as if it
  // were UTC: what parse_timestamp returns for a time without an offset);
  // nullopt when that local time does not exist in this zone.
  std::optional<double> to_utc(double local) const;

 private:
  std::string name_;
  unsigned generation_ = 0;  // which zone the per-thread cache belongs to
};

}  // namespace refnet
