#include <refnet/io/event_mapping.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <cctype>

namespace refnet {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string field_list() {
  std::string out;
  for (auto n : kEventFieldNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// "a=b, c=d" into trimmed pairs; each entry needs its '='.
std::vector<std::pair<std::string_view, std::string_view>> pairs(std::string_view text, const std::string& what,
                                                                 const char* example) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view entry = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (entry.empty()) continue;
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos)
      throw UsageError(what + ": '" + std::string(entry) + "' has no '=' (expected entries such as " + example + ")");
    const std::string_view key = trim(entry.substr(0, eq));
    const std::string_view value = trim(entry.substr(eq + 1));
    if (key.empty() || value.empty())
      throw UsageError(what + ": '" + std::string(entry) + "' needs a name on both sides of '=' (such as " + example + ")");
    out.emplace_back(key, value);
  }
  if (out.empty()) throw UsageError(what + " needs at least one entry (such as " + example + ")");
  return out;
}

}  // namespace

std::string_view to_string(TsUnit u) { return u == TsUnit::kSeconds ? "s" : u == TsUnit::kMillis ? "ms" : "us"; }
double seconds_per(TsUnit u) { return u == TsUnit::kSeconds ? 1.0 : u == TsUnit::kMillis ? 1e-3 : 1e-6; }

int EventMapping::field_of(std::string_view name) const {
  for (int f = 0; f < kNumEventFields; ++f)
    if (!columns[f].empty() && name == columns[f]) return f;
  for (int f = 0; f < kNumEventFields; ++f)
    if (columns[f].empty() && name == kEventFieldNames[f]) return f;
  return -1;
}

std::string EventMapping::sql() const {
  if (!query.empty()) return query;
  std::string quoted = "\"";
  for (const char c : table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return "SELECT * FROM " + quoted + "\"";
}

const char* EventMapping::given_event_option() const {
  return given.columns ? "--columns" : given.types ? "--types" : given.ts_unit ? "--ts-unit" : given.timezone ? "--timezone"
         : given.trim_ids ? "--trim-ids" : nullptr;
}
const char* EventMapping::given_csv_option() const {
  return given.delimiter ? "--delimiter" : given.quote ? "--quote" : nullptr;
}
const char* EventMapping::given_sql_option() const { return given.query ? "--query" : given.table ? "--table" : nullptr; }

void parse_columns_setting(std::string_view text, const std::string& what, EventMapping& m) {
  std::array<bool, kNumEventFields> seen{};
  for (const auto& [key, value] : pairs(text, what, "ts=event_time")) {
    const std::string field = lower(key);
    const auto it = std::find(kEventFieldNames.begin(), kEventFieldNames.end(), field);
    if (it == kEventFieldNames.end())
      throw UsageError(what + ": unknown field '" + std::string(key) + "' (the fields are " + field_list() +
                       "; each entry is FIELD=SOURCE_COLUMN)");
    const auto f = static_cast<std::size_t>(it - kEventFieldNames.begin());
    if (seen[f]) throw UsageError(what + ": field '" + field + "' is mapped twice");
    seen[f] = true;
    m.columns[f] = lower(value);
  }
  for (int a = 0; a < kNumEventFields; ++a)
    for (int b = a + 1; b < kNumEventFields; ++b)
      if (!m.columns[a].empty() && m.columns[a] == m.columns[b])
        throw UsageError(what + ": fields '" + std::string(kEventFieldNames[a]) + "' and '" +
                         std::string(kEventFieldNames[b]) + "' would both read column '" + std::string(m.column(a)) + "'");
  m.given.columns = true;
}

void parse_types_setting(std::string_view text, const std::string& what, EventMapping& m) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : pairs(text, what, "order_paid=purchase or view=ignore")) {
    std::string source = lower(key);
    if (std::find(keys.begin(), keys.end(), source) != keys.end())
      throw UsageError(what + ": type '" + source + "' is mapped twice");
    keys.push_back(source);
    std::optional<EventType> target;
    if (lower(value) != "ignore") {
      target = parse_event_type(value);
      if (!target) {
        std::string list;
        for (auto n : kEventTypeNames) list += std::string(n) + ", ";
        throw UsageError(what + ": '" + std::string(value) + "' is not a refnet event type (expected one of " + list +
                         "or ignore)");
      }
    }
    const auto it = std::find_if(m.types.begin(), m.types.end(), [&](const auto& t) { return t.first == source; });
    if (it != m.types.end()) it->second = target;
    else m.types.emplace_back(std::move(source), target);
  }
  m.given.types = true;
}

TsUnit parse_ts_unit(std::string_view text, const std::string& what) {
  const std::string t = lower(trim(text));
  if (t == "s") return TsUnit::kSeconds;
  if (t == "ms") return TsUnit::kMillis;
  if (t == "us") return TsUnit::kMicros;
  throw UsageError(what + " must be s, ms or us (seconds, milliseconds, microseconds since 1970), not '" +
                   std::string(text) + "'");
}

TrimIds parse_trim_ids(std::string_view text, const std::string& what) {
  const std::string t = lower(trim(text));
  if (t == "yes" || t == "true" || t == "1") return TrimIds::kTrim;
  if (t == "no" || t == "false" || t == "0") return TrimIds::kKeep;
  throw UsageError(what + " must be yes or no, not '" + std::string(text) + "'");
}

char parse_delimiter(std::string_view text, const std::string& what) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() != 1 || text[0] == '\n' || text[0] == '\r' || text[0] == '"')
    throw UsageError(what + " must be one character (such as , ; | or tab), not '" + std::string(text) + "'");
  return text[0];
}

char parse_quote(std::string_view text, const std::string& what) {
  if (text == "none") return 0;
  if (text.size() != 1 || text[0] == '\n' || text[0] == '\r' || text[0] == '\t' || text[0] == ' ')
    throw UsageError(what + " must be one character (such as \" or '), or none, not '" + std::string(text) + "'");
  return text[0];
}

void read_mapping_file(const std::string& path, EventMapping& m) {
  const std::string text = read_whole_input(path);
  std::size_t pos = 0;
  std::uint64_t line_no = 0;
  while (pos < text.size()) {
    ++line_no;
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line = std::string_view(text).substr(pos, end - pos);
    const std::size_t start = pos;
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    const std::string_view body = trim(line);
    if (body.empty()) continue;
    const auto column = static_cast<std::uint64_t>(body.data() - text.data() - start + 1);
    const std::size_t space = body.find_first_of(" \t");
    const std::string name(body.substr(0, space));
    const std::string_view value = space == std::string_view::npos ? std::string_view{} : trim(body.substr(space));
    try {
      if (value.empty()) throw UsageError(name + " needs a value");
      if (name == "columns") parse_columns_setting(value, name, m);
      else if (name == "types") parse_types_setting(value, name, m);
      else if (name == "ts-unit") m.ts_unit = parse_ts_unit(value, name), m.given.ts_unit = true;
      else if (name == "timezone") m.timezone = TimeZone::named(std::string(value)), m.given.timezone = true;
      else if (name == "trim-ids") m.trim_ids = parse_trim_ids(value, name), m.given.trim_ids = true;
      else if (name == "delimiter") m.delimiter = parse_delimiter(value, name), m.given.delimiter = true;
      else if (name == "quote") m.quote = parse_quote(value, name), m.given.quote = true;
      else
        throw UsageError("unknown setting '" + name +
                         "' (a mapping file has lines: columns, types, ts-unit, timezone, trim-ids, delimiter, quote)");
    } catch (const UsageError& e) {
      throw InputError(path, line_no, column, e.what());
    }
  }
}

}  // namespace refnet
