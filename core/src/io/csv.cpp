#include <refnet/io/csv.hpp>

#include <cstring>

namespace refnet {

std::size_t tokenise_csv_record(std::string_view data, std::size_t pos, const CsvDialect& dialect,
                                std::vector<std::string_view>& fields, std::vector<std::size_t>& columns,
                                std::string& scratch) {
  fields.clear();
  columns.clear();
  scratch.clear();
  const char delim = dialect.delimiter;
  const char q = dialect.quote;
  const std::size_t n = data.size();
  // Unescaped fields are collected in `scratch`; their views are made at the
  // end, once `scratch` has stopped growing.
  std::vector<std::pair<std::size_t, std::size_t>> unescaped;  // (field, start in scratch)
  std::size_t i = pos;
  while (true) {
    columns.push_back(i - pos);
    if (q != 0 && i < n && data[i] == q) {
      const std::size_t open = i;
      const std::size_t start = scratch.size();
      ++i;
      bool closed = false;
      while (i < n) {
        const void* hit = std::memchr(data.data() + i, q, n - i);
        if (!hit) break;
        const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        scratch.append(data.data() + i, at - i);
        i = at + 1;
        if (i < n && data[i] == q) {  // a doubled quote stands for one
          scratch.push_back(q);
          ++i;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) throw RowError{open - pos, "unterminated quoted field (no closing quote before the end of the input)"};
      unescaped.emplace_back(fields.size(), start);
      fields.emplace_back(std::string_view{}.data(), scratch.size() - start);
      if (i == n) break;
      const char c = data[i];
      if (c == delim) {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++i;
        break;
      }
      if (c == '\r' && (i + 1 == n || data[i + 1] == '\n')) {
        i += i + 1 == n ? 1 : 2;
        break;
      }
      throw RowError{i - pos, "unexpected character after a closing quote (a quote inside a quoted field is doubled)"};
    }
    std::size_t e = i;
    while (e < n && data[e] != delim && data[e] != '\n') ++e;
    std::string_view field = data.substr(i, e - i);
    if (e == n || data[e] == '\n') {
      if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
      fields.push_back(field);
      i = e == n ? n : e + 1;
      break;
    }
    fields.push_back(field);
    i = e + 1;  // past the delimiter: another field follows, empty if the line ends here
  }
  for (const auto& [f, start] : unescaped) fields[f] = std::string_view(scratch).substr(start, fields[f].size());
  return i;
}

std::size_t skip_csv_record(std::string_view data, std::size_t pos, const CsvDialect& dialect) {
  const char q = dialect.quote;
  bool in_quotes = false;
  bool field_start = true;
  for (std::size_t i = pos; i < data.size(); ++i) {
    const char c = data[i];
    if (in_quotes) {
      if (c == q) {
        if (i + 1 < data.size() && data[i + 1] == q) ++i;
        else in_quotes = false;
      }
    } else if (c == '\n') {
      return i + 1;
    } else if (q != 0 && c == q && field_start) {
      in_quotes = true;
      field_start = false;
    } else {
      field_start = c == dialect.delimiter;
    }
  }
  return data.size();
}

CsvScan scan_csv_records(std::string_view data, const CsvDialect& dialect, std::size_t parts) {
  CsvScan scan;
  const std::size_t n = data.size();
  if (dialect.quote == 0 || !std::memchr(data.data(), dialect.quote, n)) {
    scan.cuts = split_at_lines(data, 0, n, parts);
    scan.complete = n;
    return scan;
  }
  // The same states as skip_csv_record, over the whole block.
  const char q = dialect.quote;
  const char delim = dialect.delimiter;
  const std::size_t step = n / parts + 1;
  scan.cuts.push_back(0);
  std::size_t record = 0;
  bool in_quotes = false;
  bool field_start = true;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = data[i];
    if (in_quotes) {
      if (c == q) {
        if (i + 1 < n && data[i + 1] == q) ++i;
        else in_quotes = false;
      }
    } else if (c == '\n') {
      field_start = true;
      record = i + 1;
      if (record < n && record - scan.cuts.back() >= step) scan.cuts.push_back(record);
    } else if (c == q && field_start) {
      in_quotes = true;
      field_start = false;
    } else {
      field_start = c == delim;
    }
  }
  scan.complete = in_quotes ? record : n;
  while (scan.cuts.size() > 1 && scan.cuts.back() >= scan.complete) scan.cuts.pop_back();
  scan.cuts.push_back(scan.complete);
  return scan;
}

}  // namespace refnet
