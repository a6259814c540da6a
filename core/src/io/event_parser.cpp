#include <refnet/io/event_parser.hpp>

#include "event_rows.hpp"

#include <refnet/base/text.hpp>
#include <refnet/io/csv.hpp>

#include <nlohmann/json.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>

namespace refnet {
namespace {

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
  std::array<Value, kNumEventFields> values;
  const EventMapping* mapping = nullptr;  // which key is which field (--columns)
  std::vector<std::string> unknown;
  std::array<std::string, kNumEventFields> keys;  // the key each field was read from
  std::string duplicate;                          // two keys for one field
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
      std::string lower = k;
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      column_ = mapping->field_of(lower);
      if (column_ < 0) unknown.push_back(k);
      // Keys match in any case, so "Type" and "type" would both be the type:
      // a second key for one field is an error, never a silent overwrite.
      else if (!keys[column_].empty() && duplicate.empty())
        duplicate = "keys '" + keys[column_] + "' and '" + k + "' are both field '" +
                    std::string(kEventFieldNames[column_]) + "'";
      else
        keys[column_] = k;
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


// Fields that were unescaped into `scratch` must outlive the call that
// tokenised them: they move to a string the row owns.
std::shared_ptr<std::string> own_unescaped(std::vector<std::string_view>& fields, const std::string& scratch) {
  if (scratch.empty()) return nullptr;
  auto owned = std::make_shared<std::string>(scratch);
  for (auto& f : fields)
    if (f.data() >= scratch.data() && f.data() < scratch.data() + scratch.size())
      f = std::string_view(owned->data() + (f.data() - scratch.data()), f.size());
  return owned;
}

std::string delimiter_name(char d) {
  return d == '\t' ? "tabs" : d == ',' ? "commas" : "'" + std::string(1, d) + "'";
}

// The event rows of one block, from data[0, end): the records are found by
// scan_csv_records, tokenised and converted in parallel chunks, and come back
// in order, each chunk's problems reported as parse_block reports them.
std::size_t chunks_for(std::size_t bytes) { return std::max<std::size_t>(1, std::min<std::size_t>(bytes >> 18, 256)); }

// `scan` cuts data[0, scan.cuts.back()) between records.
template <class ParseRecord>
std::vector<std::vector<RawEvent>> parse_csv_block(const TextBlock& block, const CsvScan& scan, const CsvDialect& dialect,
                                                   const std::string& name, bool lenient, ParseReport& report,
                                                   const ParseRecord& parse) {
  const std::string_view data = std::string_view(block.text).substr(0, scan.cuts.back());
  const std::size_t chunks = scan.cuts.size() - 1;
  std::vector<std::vector<RawEvent>> rows(chunks);
  std::vector<std::vector<RowProblem>> problems(chunks);
  std::vector<std::uint64_t> records(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t pos = scan.cuts[c];
    const std::size_t stop = scan.cuts[c + 1];
    while (pos < stop) {
      // A blank line is no record.
      const std::size_t eol = std::min(data.find('\n', pos), data.size());
      if (is_blank(data.substr(pos, eol - pos))) {
        pos = eol + 1;
        continue;
      }
      ++records[c];
      try {
        pos = parse(data, pos, rows[c]);
      } catch (RowError& e) {
        problems[c].push_back({pos + e.column0, std::move(e.message)});
        if (!lenient) break;  // the first problem of this chunk is enough
        pos = skip_csv_record(data, pos, dialect);
      }
    }
  });
  std::vector<RowProblem> all;
  for (auto& p : problems) std::move(p.begin(), p.end(), std::back_inserter(all));
  report_problems(std::move(all), block, name, lenient, report);
  for (const auto& r : rows) report.rows += r.size();
  for (const std::uint64_t n : records) report.lines += n;
  return rows;
}

}  // namespace

EventLog parse_event_csv(InputStream& in, const ParseOptions& options, ParseReport& report, const EventMapping& mapping,
                         const Progress& progress) {
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
  CsvDialect dialect;
  dialect.delimiter = mapping.delimiter ? mapping.delimiter : header.find('\t') != std::string_view::npos ? '\t' : ',';
  dialect.quote = mapping.quote;
  std::vector<std::string_view> names;
  std::vector<std::size_t> name_columns;
  std::string scratch;
  try {
    tokenise_csv_record(header, 0, dialect, names, name_columns, scratch);
  } catch (const RowError& e) {
    throw InputError(name, header_line, e.column0 + 1, "bad header: " + e.message);
  }
  const std::vector<std::string> header_names(names.begin(), names.end());
  const ColumnIndex ci = resolve_columns(header_names, mapping, [&](int source, const std::string& message) {
    throw InputError(name, header_line, source < 0 ? 1 : name_columns[source] + 1, (source < 0 ? "header " : "") + message);
  });
  if (!ci.unknown.empty()) {
    std::string list;
    for (const auto& u : ci.unknown) list += (list.empty() ? "" : ", ") + u;
    report.warnings.push_back(name + ": ignoring unknown column(s): " + list);
  }
  const std::size_t expected = names.size();
  const char other = dialect.delimiter == '\t' ? ',' : '\t';

  // Tokenise, map the fields, convert: one record at a time.
  auto parse_record = [&](std::string_view data, std::size_t pos, std::vector<RawEvent>& out) {
    thread_local std::vector<std::string_view> fields;
    thread_local std::vector<std::size_t> columns;
    thread_local std::string unescaped;
    const std::size_t next = tokenise_csv_record(data, pos, dialect, fields, columns, unescaped);
    std::shared_ptr<std::string> owned = own_unescaped(fields, unescaped);
    if (fields.size() != expected) {
      const std::string_view record = data.substr(pos, next - pos);
      std::string msg = "expected " + std::to_string(expected) + " fields separated by " + delimiter_name(dialect.delimiter) +
                        ", found " + std::to_string(fields.size());
      if (fields.size() == 1 && record.find(other) != std::string_view::npos)
        msg += " (this row is separated by " + delimiter_name(other) + ": mixed delimiters?)";
      std::size_t at = fields.size() < expected ? record.size() : columns[expected];
      if (fields.size() < expected) {  // at the end of the record, before its line end
        while (at > 0 && (record[at - 1] == '\n' || record[at - 1] == '\r')) --at;
      }
      throw RowError{at, msg};
    }
    RawEvent ev = convert_row([&](int f) { return ci.index[f] < 0 ? std::string_view{} : fields[ci.index[f]]; },
                              [&](int f) { return ci.index[f] < 0 ? std::size_t{0} : columns[ci.index[f]]; }, mapping);
    ev.where = pos + columns[ci.index[kFieldType]];
    ev.owned = std::move(owned);
    out.push_back(std::move(ev));
    return next;
  };

  EventLog log;
  EventSink sink(log, mapping, name);
  // The phases read (waiting for the next block) and parse, added up over the
  // blocks as parse_stream (io/lines.hpp) reports them; the sink times intern.
  using Clock = std::chrono::steady_clock;
  const auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  double read_seconds = 0, parse_seconds = 0;
  in.read_ahead();
  // Blocks end at line ends, which may be inside a quoted field: the record
  // that a block leaves unfinished is carried to the front of the next one.
  TextBlock block;
  std::string carry;
  std::uint64_t carry_line = 0, carry_offset = 0;
  bool more = true;
  while (more) {
    auto t = Clock::now();
    more = in.next_block(block, options.block_bytes);
    read_seconds += since(t);
    t = Clock::now();
    if (!more) {
      if (carry.empty()) break;
      block.text.clear();
    }
    if (!carry.empty()) {
      block.text.insert(0, carry);
      block.line = carry_line;
      block.offset = carry_offset;
      carry.clear();
    }
    std::size_t end = block.text.size();
    const std::size_t nul = block.text.find('\0');
    if (nul != std::string::npos) {
      // The rows before the NUL's line first, so that the first problem in the file is the one reported.
      const std::size_t line_start = block.text.rfind('\n', nul);
      const std::string_view before = std::string_view(block.text).substr(0, line_start == std::string::npos ? 0 : line_start + 1);
      parse_csv_block(block, scan_csv_records(before, dialect, chunks_for(before.size())), dialect, name, options.lenient,
                      report, parse_record);
      reject_nul(block, name, "a text event log");
    }
    CsvScan scan = scan_csv_records(block.text, dialect, chunks_for(block.text.size()));
    if (!more && scan.complete < end) scan.cuts.push_back(end);  // the unfinished last record: its error
    if (more) {
      end = scan.complete;
      if (end < block.text.size()) {
        if (block.text.size() - end > InputStream::kMaxLineBytes) {
          const auto [line, column] = block.position(end);
          throw InputError(name, line, column, "a quoted field runs on for more than 64 MiB (a closing quote missing?)");
        }
        carry.assign(block.text, end, std::string::npos);
        carry_line = block.position(end).first;
        carry_offset = block.offset + end;
      }
    }
    auto rows = parse_csv_block(block, scan, dialect, name, options.lenient, report, parse_record);
    parse_seconds += since(t);
    sink.add(rows, [&](std::uint64_t where) { return block.position(where); });
    progress.advance(in.fraction_read());
  }
  progress.record("read", read_seconds);
  progress.record("parse", parse_seconds);
  sink.finish(report, progress);
  if (log.events.empty() && report.skipped == 0 && report.ignored_types.empty())
    throw InputError(name, 0, 0, "no events: the file has a header row but no data rows");
  return log;
}

EventLog parse_event_jsonl(InputStream& in, const ParseOptions& options, ParseReport& report, const EventMapping& mapping,
                           const Progress& progress) {
  const std::string& name = in.name();
  EventLog log;
  EventSink sink(log, mapping, name);
  std::mutex unknown_mutex;
  std::set<std::string> unknown;  // keys that are not columns, for one warning
  auto parse_line = [&](std::string_view line, std::size_t offset, std::vector<RawEvent>& out) {
    FlatObject obj;
    obj.mapping = &mapping;
    if (!nlohmann::json::sax_parse(line, &obj)) {
      const std::size_t column = obj.error_position > 0 ? obj.error_position - 1 : 0;
      throw RowError{std::min(column, line.size()), obj.error};
    }
    if (!obj.is_object) throw RowError{0, "expected a JSON object per line"};
    if (!obj.duplicate.empty()) throw RowError{0, obj.duplicate};
    if (!obj.unknown.empty()) {
      const std::lock_guard lock(unknown_mutex);
      unknown.insert(obj.unknown.begin(), obj.unknown.end());
    }
    std::array<std::size_t, kNumEventFields> col{};
    for (int c = 0; c < kNumEventFields; ++c) {
      // The key as written (any case), for the column of errors in its value.
      const std::string key = "\"" + obj.keys[c] + "\"";
      const auto where = obj.keys[c].empty() ? std::string_view::npos : line.find(key);
      col[c] = where == std::string_view::npos ? 0 : where;
      if (obj.values[c].kind == FlatObject::Kind::kOther)
        throw RowError{col[c], "field '" + (obj.keys[c].empty() ? std::string(mapping.column(c)) : obj.keys[c]) +
                                   "' must be a string or a number"};
    }
    auto owned = std::make_shared<std::string>();
    std::array<std::size_t, kNumEventFields> at{};  // offsets into *owned
    std::array<std::size_t, kNumEventFields> len{};
    for (int c = 0; c < kNumEventFields; ++c) {
      at[c] = owned->size();
      len[c] = obj.values[c].text.size();
      owned->append(obj.values[c].text);
    }
    RawEvent ev = convert_row([&](int c) { return std::string_view(owned->data() + at[c], len[c]); },
                              [&](int c) { return col[c]; }, mapping);
    ev.where = offset + col[kFieldType];
    ev.owned = std::move(owned);
    out.push_back(std::move(ev));
  };
  parse_stream<RawEvent>(in, options, false, "a text event log", report, parse_line,
                         [&](std::vector<std::vector<RawEvent>>& chunks, const TextBlock& block) {
                           sink.add(chunks, [&](std::uint64_t where) { return block.position(where); });
                           progress.advance(in.fraction_read());
                         },
                         progress);
  sink.finish(report, progress);
  if (report.lines == 0) throw InputError(name, 0, 0, "empty file, expected JSON Lines events");
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    report.warnings.push_back(name + ": ignoring unknown field(s): " + list);
  }
  if (log.events.empty() && report.skipped == 0 && report.ignored_types.empty()) throw InputError(name, 0, 0, "no events in the file");
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
