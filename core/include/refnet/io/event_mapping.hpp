// How the columns and values of someone else's event table become refnet
// events (docs/input.md, "From a warehouse"): which source column holds each
// field (--columns), which source event types are which refnet types or are
// ignored (--types), the unit of numeric timestamps (--ts-unit), the zone of
// timestamps without an offset (--timezone), whether ids are trimmed
// (--trim-ids), the CSV dialect (--delimiter, --quote) and, for SQLite and
// PostgreSQL inputs, the query (--query, --table). `--mapping FILE` holds the
// same settings, one per line, for repeated use. Each setting records whether
// it was given, so that a loader can refuse one that cannot apply.
#pragma once

#include <refnet/base/time_zone.hpp>
#include <refnet/events/event.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refnet {

// The fields of an event row (DESIGN.md section 1), in this order everywhere.
enum EventField : int { kFieldType, kFieldSrc, kFieldDst, kFieldTs, kFieldProduct, kFieldAmount, kFieldSentiment, kFieldChannel, kNumEventFields };
inline constexpr std::array<std::string_view, kNumEventFields> kEventFieldNames = {
    "type", "src", "dst", "ts", "product", "amount", "sentiment", "channel"};

enum class TsUnit : std::uint8_t { kSeconds, kMillis, kMicros };
std::string_view to_string(TsUnit u);  // "s", "ms", "us"
double seconds_per(TsUnit u);          // 1, 1e-3, 1e-6

// kDefault trims surrounding spaces and tabs from ids and warns when that
// merged two spellings of one user; kTrim trims without the warning; kKeep
// keeps ids exactly as written.
enum class TrimIds : std::uint8_t { kDefault, kTrim, kKeep };

struct EventMapping {
  std::array<std::string, kNumEventFields> columns;  // the source column of each field (lower case); "" = its own name
  // Source event types (lower case) and what they become; nullopt: ignored (counted).
  std::vector<std::pair<std::string, std::optional<EventType>>> types;
  TsUnit ts_unit = TsUnit::kSeconds;
  TimeZone timezone;          // of naive times; UTC by default
  char delimiter = 0;         // 0: a tab if the header has one, else a comma
  char quote = '"';           // 0: no quoting
  TrimIds trim_ids = TrimIds::kDefault;
  std::string query;          // SQLite and PostgreSQL inputs: the rows to read
  std::string table;          // ... or a whole table

  struct Given {
    bool columns = false, types = false, ts_unit = false, timezone = false, delimiter = false, quote = false,
         trim_ids = false, query = false, table = false;
  } given;

  // The source column name of `field`.
  std::string_view column(int field) const {
    return columns[field].empty() ? kEventFieldNames[field] : std::string_view(columns[field]);
  }
  // The field that reads the source column `name` (lower case), or -1. A
  // column --columns gives to a field is that field's, even when another
  // field is named like it (that field then reads nothing).
  int field_of(std::string_view name) const;
  // The SQL to run: the query, or every row of the table.
  std::string sql() const;
  // The first given option that applies to any event log (--columns, --types,
  // --ts-unit, --timezone, --trim-ids), or nullptr.
  const char* given_event_option() const;
  // The first given CSV-only option (--delimiter, --quote), or nullptr.
  const char* given_csv_option() const;
  // The first given SQL-only option (--query, --table), or nullptr.
  const char* given_sql_option() const;
};

// The settings of one option, as on the command line (`what` names it in
// messages: "--columns", or "columns" in a mapping file). Throw UsageError.
void parse_columns_setting(std::string_view text, const std::string& what, EventMapping& m);
void parse_types_setting(std::string_view text, const std::string& what, EventMapping& m);
TsUnit parse_ts_unit(std::string_view text, const std::string& what);
TrimIds parse_trim_ids(std::string_view text, const std::string& what);
// One byte ("," ";" "|"), or "tab" / "\t"; for --quote also "none".
char parse_delimiter(std::string_view text, const std::string& what);
char parse_quote(std::string_view text, const std::string& what);

// Reads a mapping file into `m`: one setting per line, `NAME VALUE` with
// NAME one of columns, types, ts-unit, timezone, trim-ids, delimiter, quote;
// '#' starts a comment. Read before the command line's settings, which then
// replace the file's (columns and types entry by entry). A bad line is an
// InputError naming file:line:column.
void read_mapping_file(const std::string& path, EventMapping& m);

}  // namespace refnet
