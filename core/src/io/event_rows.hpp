// The middle and last steps of reading an event table, shared by CSV, JSON
// Lines, SQLite and PostgreSQL: a row arrives as the text of each source
// column (tokenised by its container format), is mapped to refnet's fields
// (resolve_columns: --columns), converted and validated (convert_row: --types,
// --ts-unit, --timezone, --trim-ids) into a RawEvent, which a parallel parser
// produces per chunk; the rows are then interned (in parallel, with the ids of
// a serial pass in input order) by EventSink,
// which also does the accounting that needs the whole input: unknown event
// types (an error listing each with its count), ignored types (counted in the
// report), ids merged by trimming (a warning).
#pragma once

#include <refnet/base/error.hpp>
#include <refnet/base/text.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/events/event_log.hpp>
#include <refnet/events/interner.hpp>
#include <refnet/io/event_mapping.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/parse_report.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace refnet {

enum class RowStatus : std::uint8_t { kEvent, kIgnored, kUnknownType };

// One converted row whose ids are not interned yet; the views point into the
// input, or into `owned` when a field had to be unescaped or copied.
struct RawEvent {
  std::array<std::string_view, 4> ids;  // src, dst, product, channel (trimmed unless --trim-ids=no)
  std::array<std::string_view, 2> padded;  // src, dst as written, when trimming changed them
  std::string_view type_text;              // the source type, for kIgnored and kUnknownType
  std::shared_ptr<std::string> owned;
  std::uint64_t where = 0;  // where the type field is: a byte offset in the block, or a row number
  double ts = 0;
  float amount = 0;
  EventType type = EventType::kSignup;
  std::int8_t sentiment = 1;
  RowStatus status = RowStatus::kEvent;
};

// Which source column holds each field: index[f] (-1: absent).
struct ColumnIndex {
  std::array<int, kNumEventFields> index;
  std::vector<std::string> unknown;  // source columns no field reads
};

// Maps source column names (as in the header, any case) to the fields.
// Throws RowError-like problems through `fail(source_column_or_-1, message)`,
// which must not return (the caller knows how to name the place).
template <class Fail>
ColumnIndex resolve_columns(const std::vector<std::string>& names, const EventMapping& m, const Fail& fail) {
  ColumnIndex ci;
  ci.index.fill(-1);
  for (std::size_t s = 0; s < names.size(); ++s) {
    std::string lower(trim(names[s]));
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const int field = m.field_of(lower);
    const bool known = field >= 0;
    if (known) {
      if (ci.index[field] >= 0) fail(static_cast<int>(s), "duplicate column '" + lower + "'");
      ci.index[field] = static_cast<int>(s);
    }
    if (!known) ci.unknown.push_back(lower.empty() ? "(empty)" : lower);
  }
  std::string found;
  for (const auto& n : names) found += (found.empty() ? "" : ",") + n;
  if (found.size() > 200) found = found.substr(0, 200) + "...";
  for (int f = 0; f < kNumEventFields; ++f) {
    if (ci.index[f] >= 0 || m.columns[f].empty()) continue;
    fail(-1, "has no column '" + m.columns[f] + "', which --columns maps " + std::string(kEventFieldNames[f]) +
                 " to (found: " + found + ")");
  }
  for (int f : {kFieldType, kFieldSrc, kFieldTs}) {
    if (ci.index[f] >= 0) continue;
    fail(-1, "has no '" + std::string(m.column(f)) + "' column (an event log needs type, src and ts" +
                 std::string(m.given.columns ? "" : "; map other names with --columns type=...,src=...,ts=...") +
                 "; found: " + found + ")");
  }
  return ci;
}

std::string event_type_list();
void check_id(std::string_view id, std::size_t column, const char* what);
// "only makes sense in milliseconds" and such, for a numeric timestamp out of range.
std::string ts_unit_hint(double value, TsUnit given);

// Converts and validates one row. `field(f)` gives the text of field f (empty
// when absent) and `column(f)` its column, for RowError. An unknown or ignored
// event type is not an error here: the row comes back with its status, for
// EventSink to count.
template <class Field, class Col>
RawEvent convert_row(const Field& field, const Col& column, const EventMapping& m) {
  RawEvent ev;
  const bool keep = m.trim_ids == TrimIds::kKeep;
  const std::string_view type = trim(field(kFieldType));
  if (type.empty()) throw RowError{column(kFieldType), "missing event type (expected one of " + event_type_list() + ")"};
  std::optional<EventType> t;
  bool mapped = false;
  if (!m.types.empty()) {
    for (const auto& [source, target] : m.types) {
      if (source.size() != type.size() ||
          !std::equal(type.begin(), type.end(), source.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
        continue;
      mapped = true;
      t = target;
      if (!t) {
        ev.status = RowStatus::kIgnored;
        ev.type_text = type;
        return ev;
      }
      break;
    }
  }
  if (!mapped) t = parse_event_type(type);
  if (!t) {
    ev.status = RowStatus::kUnknownType;
    ev.type_text = type;
    return ev;
  }
  ev.type = *t;

  // An id: trimmed (the default) or as written.
  auto id = [&](int f, std::string_view* padded) {
    const std::string_view raw = field(f);
    const std::string_view trimmed = trim(raw);
    if (trimmed.empty()) return std::string_view{};
    if (keep) return raw;
    if (padded && trimmed.size() != raw.size()) *padded = raw;
    return trimmed;
  };

  const std::string_view src = id(kFieldSrc, &ev.padded[0]);
  if (src.empty()) throw RowError{column(kFieldSrc), "missing src user"};
  check_id(src, column(kFieldSrc), "src");
  ev.ids[0] = src;

  const std::string_view dst = id(kFieldDst, &ev.padded[1]);
  if (dst.empty() && needs_dst(ev.type))
    throw RowError{column(kFieldDst), std::string(to_string(ev.type)) + " needs a dst user"};
  if (!dst.empty() && !allows_dst(ev.type))
    throw RowError{column(kFieldDst), std::string(to_string(ev.type)) + " takes no dst user, found " + quote_for_message(dst)};
  if (!dst.empty()) check_id(dst, column(kFieldDst), "dst");
  ev.ids[1] = dst;

  const std::string_view ts = trim(field(kFieldTs));
  if (ts.empty()) throw RowError{column(kFieldTs), "missing timestamp"};
  TimeForm form;
  auto when = parse_timestamp(ts, &form);
  if (!when)
    throw RowError{column(kFieldTs), "bad timestamp " + quote_for_message(ts) +
                                         " (expected unix seconds or ISO-8601 such as 2024-03-01T12:00:00Z)"};
  if (form == TimeForm::kNumber) {
    const double value = *when;
    *when = value * seconds_per(m.ts_unit);
    if (*when < 0 || *when > kMaxTimestamp)
      throw RowError{column(kFieldTs), "timestamp " + quote_for_message(ts) + " out of range (1970-01-01 to 9999-12-31" +
                                           (m.ts_unit == TsUnit::kSeconds ? "" : " in " + std::string(to_string(m.ts_unit))) +
                                           ")" + ts_unit_hint(value, m.ts_unit)};
  } else if (form == TimeForm::kNaive && !m.timezone.is_utc()) {
    const double local = *when;
    when = m.timezone.to_utc(local);
    if (!when)
      throw RowError{column(kFieldTs), "local time " + quote_for_message(ts) + " does not exist in " + m.timezone.name() +
                                           " (the clocks skipped it for daylight saving)"};
  }
  if (*when < 0 || *when > kMaxTimestamp)
    throw RowError{column(kFieldTs), "timestamp " + quote_for_message(ts) + " out of range (1970-01-01 to 9999-12-31)"};
  ev.ts = *when;

  const std::string_view product = id(kFieldProduct, nullptr);
  if (product.empty() && ev.type == EventType::kPurchase) throw RowError{column(kFieldProduct), "purchase needs a product"};
  if (!product.empty()) check_id(product, column(kFieldProduct), "product");
  ev.ids[2] = product;

  const std::string_view amount = trim(field(kFieldAmount));
  if (!amount.empty()) {
    const auto a = parse_number(amount);
    const std::string too_large =
        "amount " + quote_for_message(amount) + " is too large (amounts are stored as 32-bit floats, at most 3.4e38)";
    if (!a && number_overflows(amount)) throw RowError{column(kFieldAmount), too_large};
    if (!a) throw RowError{column(kFieldAmount), "bad amount " + quote_for_message(amount) + " (expected a finite decimal number)"};
    if (*a < 0) throw RowError{column(kFieldAmount), "negative amount " + quote_for_message(amount)};
    if (*a > FLT_MAX) throw RowError{column(kFieldAmount), too_large};
    ev.amount = static_cast<float>(*a);
  }

  const std::string_view sentiment = trim(field(kFieldSentiment));
  const auto s = parse_sentiment(sentiment);
  if (!s)
    throw RowError{column(kFieldSentiment),
                   "bad sentiment " + quote_for_message(sentiment) + " (expected +1, -1, positive or negative)"};
  ev.sentiment = static_cast<std::int8_t>(*s);

  const std::string_view channel = id(kFieldChannel, nullptr);
  if (!channel.empty()) check_id(channel, column(kFieldChannel), "channel");
  ev.ids[3] = channel;
  return ev;
}

// Interns converted rows in input order and keeps the whole-input accounting.
// A block's names are interned in parallel (events/interner.hpp) with the ids
// a serial pass in row order gives: users in the order src, dst of each row;
// products and channels each in row order. Rows that are no event (an ignored
// or unknown type) are counted, in row order, before their block is interned.
class EventSink {
 public:
  EventSink(EventLog& log, const EventMapping& m, std::string name);
  EventSink(const EventSink&) = delete;
  EventSink& operator=(const EventSink&) = delete;
  // `locate(where)` turns a row's `where` into (line, column) for messages;
  // for SQL inputs line is the row number and column the source column.
  // Empties `chunks`.
  template <class Locate>
  void add(std::vector<std::vector<RawEvent>>& chunks, const Locate& locate) {
    const std::vector<std::uint8_t> others = count_events(chunks);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      if (!others[c]) continue;
      for (const RawEvent& r : chunks[c])
        if (r.status != RowStatus::kEvent) count(r, locate);
    }
    intern_events(chunks);
  }
  // Rows of a database result: `where` is a row number, and messages say
  // "row N, column 'C'" (C: the type column) instead of line:column.
  void name_rows(std::string type_column) { type_column_ = std::move(type_column); }
  // The accounting: throws InputError for unknown types (at the first one),
  // adds ignored counts and the trimming warning to `report`. Reports the
  // phase "intern" (added up over the blocks) to `progress`.
  void finish(ParseReport& report, const Progress& progress = {});

 private:
  struct Unknown {
    std::uint64_t count = 0;
    std::uint64_t line = 0, column = 0;
    std::uint64_t order = 0;  // of first appearance
  };
  template <class Locate>
  void count(const RawEvent& r, const Locate& locate) {
    std::string key(r.type_text);
    if (r.status == RowStatus::kIgnored) {
      for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ++ignored_[key];
      return;
    }
    Unknown& u = unknown_[key];
    if (u.count++ == 0) {
      const auto [line, column] = locate(r.where);
      u.line = line;
      u.column = column;
      u.order = unknown_.size();
    }
  }
  // The events of each chunk (chunk_events_), and whether each chunk holds other rows.
  std::vector<std::uint8_t> count_events(const std::vector<std::vector<RawEvent>>& chunks);
  void intern_events(std::vector<std::vector<RawEvent>>& chunks);
  void note_padded(std::uint32_t id, std::string_view padded);

  EventLog& log_;
  const EventMapping& mapping_;
  std::string name_;
  std::string type_column_;  // set for database rows
  std::map<std::string, Unknown> unknown_;
  std::map<std::string, std::uint64_t> ignored_;
  BatchInterner users_, products_, channels_;
  std::vector<std::size_t> chunk_events_;
  double intern_seconds_ = 0;
  // Trimming accounting (TrimIds::kDefault), per user: bit 1 seen as written
  // (set by the parallel pass), bit 2 seen padded, bit 4 seen with a second
  // padded spelling. The padded spellings (rare) are noted serially, in row order.
  std::vector<std::uint8_t> spellings_;
  std::unordered_map<std::uint32_t, std::string> first_padded_, second_padded_;
  std::vector<std::uint32_t> padded_order_;  // users in order of their first padded spelling
};

}  // namespace refnet
