#include <refnet/base/time_zone.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>

#include <sys/stat.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <ctime>

namespace refnet {
namespace {
std::atomic<unsigned> g_generation{0};

// glibc takes an unknown TZ silently as UTC: the zone file is looked for first.
bool zone_exists(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  const char* dir = std::getenv("TZDIR");
  const std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + name;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::tm fields_of(std::int64_t naive) {
  const std::int64_t days = naive >= 0 ? naive / 86400 : (naive - 86399) / 86400;
  const std::int64_t secs = naive - days * 86400;
  const CivilDate d = civil_from_days(days);
  std::tm tm{};
  tm.tm_year = static_cast<int>(d.year - 1900);
  tm.tm_mon = static_cast<int>(d.month) - 1;
  tm.tm_mday = static_cast<int>(d.day);
  tm.tm_hour = static_cast<int>(secs / 3600);
  tm.tm_min = static_cast<int>(secs / 60 % 60);
  tm.tm_sec = static_cast<int>(secs % 60);
  return tm;
}
}  // namespace

TimeZone TimeZone::named(const std::string& name) {
  TimeZone zone;
  if (name == "UTC" || name == "Etc/UTC" || name == "Z") return zone;
  if (!zone_exists(name))
    throw UsageError("--timezone: no zone '" + name +
                     "' in the tz database (expected a name such as Europe/Berlin, America/New_York or UTC)");
  ::setenv("TZ", (":" + name).c_str(), 1);
  ::tzset();
  zone.name_ = name;
  zone.generation_ = ++g_generation;
  return zone;
}

std::optional<double> TimeZone::to_utc(double local) const {
  if (is_utc()) return local;
  const double whole = std::floor(local);
  const auto naive = static_cast<std::int64_t>(whole);
  // The offset is constant within a minute (zones change offsets on whole minutes).
  struct Cache {
    unsigned generation = 0;
    std::int64_t minute = 0;
    std::int64_t offset = 0;
  };
  thread_local Cache cache;
  const std::int64_t minute = naive >= 0 ? naive / 60 : (naive - 59) / 60;
  if (cache.generation != generation_ || cache.minute != minute) {
    std::tm tm = fields_of(minute * 60);
    std::tm want = tm;
    // The earlier of two instants in a repeated hour is the one on daylight time.
    tm.tm_isdst = 1;
    std::time_t t = std::mktime(&tm);
    std::tm back{};
    bool ok = t != static_cast<std::time_t>(-1) && ::localtime_r(&t, &back) && back.tm_isdst > 0 &&
              back.tm_hour == want.tm_hour && back.tm_min == want.tm_min && back.tm_mday == want.tm_mday;
    if (!ok) {
      tm = want;
      tm.tm_isdst = 0;
      t = std::mktime(&tm);
      ok = t != static_cast<std::time_t>(-1) && ::localtime_r(&t, &back) && back.tm_hour == want.tm_hour &&
           back.tm_min == want.tm_min && back.tm_mday == want.tm_mday && back.tm_mon == want.tm_mon;
    }
    if (!ok) return std::nullopt;  // in a daylight-saving gap
    cache = {generation_, minute, static_cast<std::int64_t>(t) - minute * 60};
  }
  return local + static_cast<double>(cache.offset);
}

}  // namespace refnet
