#include <refnet/io/event_parser.hpp>

#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>
#include <refnet/events/interner.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstring>
#include <cfloat>
#include <memory>
#include <mutex>
#include <set>

#include <tbb/parallel_for.h>

namespace refnet {
namespace {

enum Column : int { kType, kSrc, kDst, kTs, kProduct, kAmount, kSentiment, kChannel, kNumColumns };
constexpr std::array<std::string_view, kNumColumns> kColumnNames = {
    "type", "src", "dst", "ts", "product", "amount", "sentiment", "channel"};

// One validated row whose ids are not interned yet; the views point into the
// input, or into `owned` when a CSV field had to be unescaped.
struct RawEvent {
  std::array<std::string_view, 4> ids;  // src, dst, product, channel
  std::shared_ptr<std::string> owned;
  double ts = 0;
  float amount = 0;
  EventType type = EventType::kSignup;
  std::int8_t sentiment = 1;
};

std::string type_list() {
  std::string out;
  for (auto n : kEventTypeNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

void check_id(std::string_view id, std::size_t column, const char* what) {
  if (id.size() > kMaxIdBytes)
    throw RowError{column, std::string(what) + " id is " + std::to_string(id.size()) + " bytes, over the " +
                               std::to_string(kMaxIdBytes) + "-byte limit"};
  if (!is_valid_utf8(id)) throw RowError{column, std::string(what) + " id is not valid UTF-8"};
}

// Validates the fields of one row (given as text), whatever the container format.
// `field(c)` gives the text of column c (empty when absent) and `column(c)` its byte column.
template <class Field, class Col>
RawEvent validate_row(const Field& field, const Col& column) {
  RawEvent ev;
  const std::string_view type = trim(field(kType));
  if (type.empty()) throw RowError{column(kType), "missing event type (expected one of " + type_list() + ")"};
  const auto t = parse_event_type(type);
  if (!t) throw RowError{column(kType), "unknown event type " + quote_for_message(type) + " (expected one of " + type_list() + ")"};
  ev.type = *t;

  const std::string_view src = trim(field(kSrc));
  if (src.empty()) throw RowError{column(kSrc), "missing src user"};
  check_id(src, column(kSrc), "src");
  ev.ids[0] = src;

  const std::string_view dst = trim(field(kDst));
  if (dst.empty() && needs_dst(ev.type))
    throw RowError{column(kDst), std::string(to_string(ev.type)) + " needs a dst user"};
  if (!dst.empty() && !allows_dst(ev.type))
    throw RowError{column(kDst), std::string(to_string(ev.type)) + " takes no dst user, found " + quote_for_message(dst)};
  if (!dst.empty()) check_id(dst, column(kDst), "dst");
  ev.ids[1] = dst;

  const std::string_view ts = trim(field(kTs));
  if (ts.empty()) throw RowError{column(kTs), "missing timestamp"};
  const auto when = parse_timestamp(ts);
  if (!when)
    throw RowError{column(kTs), "bad timestamp " + quote_for_message(ts) +
                                    " (expected unix seconds or ISO-8601 such as 2024-03-01T12:00:00Z)"};
  if (*when < 0 || *when > kMaxTimestamp)
    throw RowError{column(kTs), "timestamp " + quote_for_message(ts) + " out of range (1970-01-01 to 9999-12-31)"};
  ev.ts = *when;

  const std::string_view product = trim(field(kProduct));
  if (product.empty() && ev.type == EventType::kPurchase) throw RowError{column(kProduct), "purchase needs a product"};
  if (!product.empty()) check_id(product, column(kProduct), "product");
  ev.ids[2] = product;

  const std::string_view amount = trim(field(kAmount));
  if (!amount.empty()) {
    const auto a = parse_number(amount);
    if (!a && number_overflows(amount))
      throw RowError{column(kAmount), "amount " + quote_for_message(amount) +
                                          " is too large (amounts are stored as 32-bit floats, at most 3.4e38)"};
    if (!a) throw RowError{column(kAmount), "bad amount " + quote_for_message(amount) + " (expected a finite decimal number)"};
    if (*a < 0) throw RowError{column(kAmount), "negative amount " + quote_for_message(amount)};
    if (*a > FLT_MAX)
      throw RowError{column(kAmount), "amount " + quote_for_message(amount) +
                                          " is too large (amounts are stored as 32-bit floats, at most 3.4e38)"};
    ev.amount = static_cast<float>(*a);
  }

  const std::string_view sentiment = trim(field(kSentiment));
  const auto s = parse_sentiment(sentiment);
  if (!s) throw RowError{column(kSentiment), "bad sentiment " + quote_for_message(sentiment) + " (expected +1, -1, positive or negative)"};
  ev.sentiment = static_cast<std::int8_t>(*s);

  const std::string_view channel = trim(field(kChannel));
  if (!channel.empty()) check_id(channel, column(kChannel), "channel");
  ev.ids[3] = channel;
  return ev;
}

// The interners of a log's three tables, kept across the blocks of one input.
struct LogInterners {
  explicit LogInterners(EventLog& log) : users(log.users), products(log.products), channels(log.channels) {}
  void finish() {
    users.finish();
    products.finish();
    channels.finish();
  }
  BatchInterner users, products, channels;
};

// One block's rows (chunks in file order) into events. The names are interned
// in parallel (events/interner.hpp) with the ids a serial pass in row order
// gives: users in the order src, dst of each row; products and channels each
// in row order.
void intern_rows(std::vector<std::vector<RawEvent>>& chunks, EventLog& log, LogInterners& interners) {
  std::vector<std::size_t> start(chunks.size() + 1, 0);
  for (std::size_t c = 0; c < chunks.size(); ++c) start[c + 1] = start[c] + chunks[c].size();
  const std::size_t rows = start.back();
  std::vector<std::string_view> users(2 * rows), products(rows), channels(rows);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    for (std::size_t k = 0, r = start[c]; k < chunks[c].size(); ++k, ++r) {
      const RawEvent& e = chunks[c][k];
      users[2 * r] = e.ids[0];
      users[2 * r + 1] = e.ids[1];
      products[r] = e.ids[2];
      channels[r] = e.ids[3];
    }
  });
  std::vector<std::uint32_t> user_ids(2 * rows), product_ids(rows), channel_ids(rows);
  interners.users.intern(users, user_ids);
  interners.products.intern(products, product_ids);
  interners.channels.intern(channels, channel_ids);
  const std::size_t base = log.events.size();
  log.events.resize(base + rows);
  tbb::parallel_for(std::size_t{0}, chunks.size(), [&](std::size_t c) {
    for (std::size_t k = 0, r = start[c]; k < chunks[c].size(); ++k, ++r) {
      const RawEvent& raw = chunks[c][k];
      Event& e = log.events[base + r];
      e.type = raw.type;
      e.ts = raw.ts;
      e.src = user_ids[2 * r];
      e.dst = user_ids[2 * r + 1];
      e.product = product_ids[r];
      e.channel = channel_ids[r];
      e.amount = raw.amount;
      e.sentiment = raw.sentiment;
    }
    std::vector<RawEvent>().swap(chunks[c]);
  });
}

// Parses the rest of `in` block by block, interning each block's rows before the next is read.
template <class ParseLine>
void parse_events(InputStream& in, const ParseOptions& options, ParseReport& report, EventLog& log,
                  const ParseLine& parse, const Progress& progress) {
  LogInterners interners(log);
  double intern_seconds = 0;
  parse_stream<RawEvent>(
      in, options, false, "a text event log", report, parse,
      [&](std::vector<std::vector<RawEvent>>& chunks, const TextBlock&) {
        const auto t0 = std::chrono::steady_clock::now();
        intern_rows(chunks, log, interners);
        intern_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        progress.advance(in.fraction_read());
      },
      progress);
  const auto t0 = std::chrono::steady_clock::now();
  interners.finish();
  intern_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  progress.record("intern", intern_seconds);
}

// The scalar fields of one JSON object per line, read by nlohmann's SAX
// parser: each known field's text is its source text for numbers (a 30-digit
// id stays 30 digits; a number too large for a double is an error with its
// column), the unescaped text for strings.
struct FlatObject final : nlohmann::json_sax<nlohmann::json> {
  enum class Kind : std::uint8_t { kAbsent, kText, kOther };
  struct Value {
    Kind kind = Kind::kAbsent;
    std::string text;
  };
  std::array<Value, kNumColumns> values;
  std::vector<std::string> unknown;
  bool is_object = false;
  std::size_t error_position = 0;
  std::string error;

  bool null() override { return scalar(Kind::kAbsent, {}); }
  bool boolean(bool) override { return scalar(Kind::kOther, {}); }
  bool number_integer(number_integer_t v) override { return scalar(Kind::kText, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(Kind::kText, std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override { return scalar(Kind::kText, text); }
  bool string(string_t& s) override { return scalar(Kind::kText, std::move(s)); }
  bool binary(binary_t&) override { return scalar(Kind::kOther, {}); }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      column_ = -1;
      for (int c = 0; c < kNumColumns; ++c)
        if (k == kColumnNames[c]) column_ = c;
      if (column_ < 0) unknown.push_back(k);
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_position = position;
    error = e.id == 406 ? std::string("number out of range (too large for a double): ") +
                              (std::strchr(e.what(), '\'') ? std::strchr(e.what(), '\'') : "")
                        : std::string("invalid JSON: ") + e.what();
    return false;
  }

 private:
  bool scalar(Kind kind, std::string text) {
    if (depth_ == 1 && column_ >= 0) values[column_] = {kind, std::move(text)};
    return true;
  }
  bool open(bool object) {
    if (depth_ == 0) is_object = object;
    if (depth_ == 1 && column_ >= 0) values[column_] = {Kind::kOther, {}};
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  int column_ = -1;
};

}  // namespace

void split_csv_line(std::string_view line, char delimiter, std::vector<std::string_view>& fields,
                    std::vector<std::size_t>& columns, std::string& scratch) {
  fields.clear();
  columns.clear();
  scratch.clear();
  // Unescaped quoted fields are collected in `scratch`; their views are made
  // at the end, once `scratch` has stopped growing.
  std::vector<std::pair<std::size_t, std::size_t>> unescaped;  // (field, start in scratch)
  std::size_t pos = 0;
  while (true) {
    columns.push_back(pos);
    if (pos < line.size() && line[pos] == '"') {
      std::size_t i = pos + 1;
      const std::size_t start = scratch.size();
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {  // "" stands for one quote
            scratch.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        scratch.push_back(line[i++]);
      }
      if (!closed) throw RowError{pos, "unterminated quoted field (a quoted field may not span lines)"};
      if (i < line.size() && line[i] != delimiter) throw RowError{i, "unexpected character after a closing quote"};
      unescaped.emplace_back(fields.size(), start);
      fields.emplace_back(std::string_view{}.data(), scratch.size() - start);
      pos = i;
    } else {
      const std::size_t end = std::min(line.find(delimiter, pos), line.size());
      fields.push_back(line.substr(pos, end - pos));
      pos = end;
    }
    if (pos >= line.size()) break;
    ++pos;  // past the delimiter
    if (pos == line.size()) {  // a trailing delimiter ends with one more, empty, field
      columns.push_back(pos);
      fields.emplace_back();
      break;
    }
  }
  for (const auto& [f, start] : unescaped) fields[f] = std::string_view(scratch).substr(start, fields[f].size());
}

EventLog parse_event_csv(InputStream& in, const ParseOptions& options, ParseReport& report, const Progress& progress) {
  const std::string& name = in.name();
  // The header is the first non-blank line.
  std::string header_text;
  std::uint64_t header_line = 0;
  while (true) {
    header_line = in.line();
    std::string_view line;
    if (!in.next_line(line)) throw InputError(name, 0, 0, "empty file, expected an event log with a header row");
    reject_nul(line, header_line, name, "a text event log");
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_blank(line)) {
      header_text = line;  // the stream's buffer moves on
      break;
    }
  }
  const std::string_view header = header_text;
  const char delimiter = header.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::string_view> names;
  std::vector<std::size_t> name_columns;
  std::string scratch;
  try {
    split_csv_line(header, delimiter, names, name_columns, scratch);
  } catch (const RowError& e) {
    throw InputError(name, header_line, e.column0 + 1, "bad header: " + e.message);
  }
  std::array<int, kNumColumns> index;
  index.fill(-1);
  std::vector<std::string> unknown;
  for (std::size_t f = 0; f < names.size(); ++f) {
    std::string lower(trim(names[f]));
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool known = false;
    for (int c = 0; c < kNumColumns; ++c) {
      if (lower == kColumnNames[c]) {
        if (index[c] >= 0) throw InputError(name, header_line, name_columns[f] + 1, "duplicate column '" + lower + "'");
        index[c] = static_cast<int>(f);
        known = true;
      }
    }
    if (!known) unknown.push_back(lower.empty() ? "(empty)" : lower);
  }
  for (int c : {kType, kSrc, kTs}) {
    if (index[c] < 0) {
      throw InputError(name, header_line, 1,
                       "header has no '" + std::string(kColumnNames[c]) +
                           "' column (an event log needs type, src and ts; found: " + std::string(header.substr(0, 200)) +
                           ")");
    }
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    report.warnings.push_back(name + ": ignoring unknown column(s): " + list);
  }
  const std::size_t expected = names.size();
  const char other = delimiter == '\t' ? ',' : '\t';

  EventLog log;
  parse_events(in, options, report, log, [&](std::string_view line, std::size_t, std::vector<RawEvent>& out) {
                 thread_local std::vector<std::string_view> fields;
                 thread_local std::vector<std::size_t> columns;
                 thread_local std::string unescaped;
                 split_csv_line(line, delimiter, fields, columns, unescaped);
                 // Fields that were unescaped must outlive this call: move them to the row.
                 std::shared_ptr<std::string> owned;
                 if (!unescaped.empty()) {
                   owned = std::make_shared<std::string>(unescaped);
                   for (auto& f : fields) {
                     if (f.data() >= unescaped.data() && f.data() < unescaped.data() + unescaped.size())
                       f = std::string_view(owned->data() + (f.data() - unescaped.data()), f.size());
                   }
                 }
                 if (fields.size() != expected) {
                   std::string msg = "expected " + std::to_string(expected) + " fields separated by " +
                                     (delimiter == '\t' ? "tabs" : "commas") + ", found " +
                                     std::to_string(fields.size());
                   if (fields.size() == 1 && line.find(other) != std::string_view::npos)
                     msg += std::string(" (this row is separated by ") + (other == '\t' ? "tabs" : "commas") +
                            ": mixed delimiters?)";
                   throw RowError{fields.size() < expected ? line.size() : columns[expected], msg};
                 }
                 RawEvent ev = validate_row(
                     [&](int c) { return index[c] < 0 ? std::string_view{} : fields[index[c]]; },
                     [&](int c) { return index[c] < 0 ? std::size_t{0} : columns[index[c]]; });
                 ev.owned = std::move(owned);
                 out.push_back(std::move(ev));
               }, progress);
  if (log.events.empty() && report.skipped == 0)
    throw InputError(name, 0, 0, "no events: the file has a header row but no data rows");
  return log;
}

EventLog parse_event_jsonl(InputStream& in, const ParseOptions& options, ParseReport& report, const Progress& progress) {
  const std::string& name = in.name();
  EventLog log;
  std::mutex unknown_mutex;
  std::set<std::string> unknown;  // keys that are not columns, for one warning
  parse_events(in, options, report, log, [&](std::string_view line, std::size_t, std::vector<RawEvent>& out) {
    FlatObject obj;
    if (!nlohmann::json::sax_parse(line, &obj)) {
      const std::size_t column = obj.error_position > 0 ? obj.error_position - 1 : 0;
      throw RowError{std::min(column, line.size()), obj.error};
    }
    if (!obj.is_object) throw RowError{0, "expected a JSON object per line"};
    if (!obj.unknown.empty()) {
      const std::lock_guard lock(unknown_mutex);
      unknown.insert(obj.unknown.begin(), obj.unknown.end());
    }
    std::array<std::size_t, kNumColumns> col{};
    for (int c = 0; c < kNumColumns; ++c) {
      const std::string key = "\"" + std::string(kColumnNames[c]) + "\"";
      const auto where = line.find(key);
      col[c] = where == std::string_view::npos ? 0 : where;
      if (obj.values[c].kind == FlatObject::Kind::kOther)
        throw RowError{col[c], "field '" + std::string(kColumnNames[c]) + "' must be a string or a number"};
    }
    auto owned = std::make_shared<std::string>();
    std::array<std::size_t, kNumColumns> at{};  // offsets into *owned
    std::array<std::size_t, kNumColumns> len{};
    for (int c = 0; c < kNumColumns; ++c) {
      at[c] = owned->size();
      len[c] = obj.values[c].text.size();
      owned->append(obj.values[c].text);
    }
    RawEvent ev = validate_row(
        [&](int c) { return std::string_view(owned->data() + at[c], len[c]); },
        [&](int c) { return col[c]; });
    ev.owned = std::move(owned);
    out.push_back(std::move(ev));
  }, progress);
  if (report.lines == 0) throw InputError(name, 0, 0, "empty file, expected JSON Lines events");
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    report.warnings.push_back(name + ": ignoring unknown field(s): " + list);
  }
  if (log.events.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no events in the file");
  return log;
}

EventLog parse_event_csv(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  InputStream in = InputStream::from_bytes(std::string(data), name);
  return parse_event_csv(in, ParseOptions{lenient}, report);
}

EventLog parse_event_jsonl(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  InputStream in = InputStream::from_bytes(std::string(data), name);
  return parse_event_jsonl(in, ParseOptions{lenient}, report);
}

}  // namespace refnet
