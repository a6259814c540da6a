#include <refnet/io/event_parser.hpp>

#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <memory>

namespace refnet {
namespace {

enum Column : int { kType, kSrc, kDst, kTs, kProduct, kAmount, kSentiment, kChannel, kNumColumns };
constexpr std::array<std::string_view, kNumColumns> kColumnNames = {
    "type", "src", "dst", "ts", "product", "amount", "sentiment", "channel"};
constexpr std::size_t kBlockBytes = std::size_t{128} << 20;

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
    if (!a) throw RowError{column(kAmount), "bad amount " + quote_for_message(amount) + " (expected a finite decimal number)"};
    if (*a < 0) throw RowError{column(kAmount), "negative amount " + quote_for_message(amount)};
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

void intern_rows(std::vector<std::vector<RawEvent>>& chunks, EventLog& log) {
  for (auto& rows : chunks) {
    for (const RawEvent& r : rows) {
      Event e;
      e.type = r.type;
      e.ts = r.ts;
      e.src = log.users.intern(r.ids[0]);
      e.dst = r.ids[1].empty() ? kNone : log.users.intern(r.ids[1]);
      e.product = r.ids[2].empty() ? kNone : log.products.intern(r.ids[2]);
      e.channel = r.ids[3].empty() ? kNone : log.channels.intern(r.ids[3]);
      e.amount = r.amount;
      e.sentiment = r.sentiment;
      log.events.push_back(e);
    }
    rows.clear();
    rows.shrink_to_fit();
  }
}

// Parses [begin, size) block by block, so that raw rows never hold more than a block.
template <class ParseLine>
void parse_blocks(std::string_view data, std::size_t begin, const std::string& name, bool lenient,
                  ParseReport& report, EventLog& log, const ParseLine& parse) {
  while (begin < data.size()) {
    std::size_t end = std::min(data.size(), begin + kBlockBytes);
    if (end < data.size()) {
      const std::size_t nl = data.find('\n', end);
      end = nl == std::string_view::npos ? data.size() : nl + 1;
    }
    auto chunks = parse_lines<RawEvent>(data, begin, end, name, lenient, false, report, parse);
    intern_rows(chunks, log);
    begin = end;
  }
}

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

EventLog parse_event_csv(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  reject_binary(data, name, "a text event log");
  // The header is the first non-blank line.
  std::size_t header_begin = 0;
  std::string_view header;
  while (header_begin < data.size()) {
    std::size_t eol = data.find('\n', header_begin);
    if (eol == std::string_view::npos) eol = data.size();
    header = data.substr(header_begin, eol - header_begin);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    if (!is_blank(header)) break;
    header_begin = eol + 1;
  }
  if (header_begin >= data.size() || is_blank(header)) throw InputError(name, 0, 0, "empty file, expected an event log with a header row");
  const std::size_t header_end = data.find('\n', header_begin);
  const std::size_t body = header_end == std::string_view::npos ? data.size() : header_end + 1;

  const char delimiter = header.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::string_view> names;
  std::vector<std::size_t> name_columns;
  std::string scratch;
  const auto [header_line, header_col] = line_and_column(data, header_begin);
  (void)header_col;
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
  parse_blocks(data, body, name, lenient, report, log,
               [&](std::string_view line, std::size_t, std::vector<RawEvent>& out) {
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
               });
  if (log.events.empty() && report.skipped == 0)
    throw InputError(name, 0, 0, "no events: the file has a header row but no data rows");
  return log;
}

EventLog parse_event_jsonl(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  reject_binary(data, name, "a text event log");
  if (data.find_first_not_of(" \t\r\n") == std::string_view::npos) throw InputError(name, 0, 0, "empty file, expected JSON Lines events");
  EventLog log;
  parse_blocks(data, 0, name, lenient, report, log, [&](std::string_view line, std::size_t, std::vector<RawEvent>& out) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw RowError{e.byte > 0 ? e.byte - 1 : 0, std::string("invalid JSON: ") + e.what()};
    }
    if (!j.is_object()) throw RowError{0, "expected a JSON object per line"};
    auto owned = std::make_shared<std::string>();
    std::array<std::size_t, kNumColumns> at{};  // offsets into *owned
    std::array<std::size_t, kNumColumns> len{};
    std::array<std::size_t, kNumColumns> col{};
    for (int c = 0; c < kNumColumns; ++c) {
      const std::string key = "\"" + std::string(kColumnNames[c]) + "\"";
      const auto where = line.find(key);
      col[c] = where == std::string_view::npos ? 0 : where;
      const auto it = j.find(std::string(kColumnNames[c]));
      if (it == j.end() || it->is_null()) continue;
      std::string text;
      if (it->is_string()) text = it->get<std::string>();
      else if (it->is_number_integer()) text = it->dump();
      else if (it->is_number_float()) text = it->dump();
      else throw RowError{col[c], "field '" + std::string(kColumnNames[c]) + "' must be a string or a number"};
      at[c] = owned->size();
      len[c] = text.size();
      owned->append(text);
    }
    RawEvent ev = validate_row(
        [&](int c) { return std::string_view(owned->data() + at[c], len[c]); },
        [&](int c) { return col[c]; });
    ev.owned = std::move(owned);
    out.push_back(std::move(ev));
  });
  if (log.events.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no events in the file");
  return log;
}

}  // namespace refnet
