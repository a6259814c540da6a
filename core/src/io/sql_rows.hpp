// The rows of a database result, batch by batch, through the same mapping
// and conversion as CSV rows (event_rows.hpp): a batch holds the text of
// each value, the batch is converted in parallel chunks, and the events are
// interned in result order.
#pragma once

#include "event_rows.hpp"

#include <string>
#include <vector>

namespace refnet {

// nrows x ncols values as text (NULL is empty), row-major.
struct SqlBatch {
  std::size_t columns = 0;
  std::string text;
  std::vector<std::size_t> ends;  // end of value i in text; value i starts at ends[i-1] (0 for i == 0)
  std::uint64_t first_row = 1;    // the result row number of the batch's first row

  std::size_t rows() const { return columns == 0 ? 0 : ends.size() / columns; }
  std::string_view value(std::size_t row, std::size_t column) const {
    const std::size_t i = row * columns + column;
    const std::size_t b = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(b, ends[i] - b);
  }
  void add(std::string_view v) {
    text.append(v);
    ends.push_back(text.size());
  }
  void clear(std::uint64_t next_row) {
    text.clear();
    ends.clear();
    first_row = next_row;
  }
};

class SqlRows {
 public:
  // `names`: the result's column names, in order. Throws InputError when a
  // field's column is missing (resolve_columns).
  SqlRows(std::string name, std::vector<std::string> names, const EventMapping& mapping, const ParseOptions& options,
          EventLog& log, const Progress& progress = {});
  const ColumnIndex& index() const { return index_; }
  const std::vector<std::string>& names() const { return names_; }
  // "row 17, column 'event_time'": how messages name a value.
  std::string place(std::uint64_t row, int column) const;
  void add(const SqlBatch& batch, ParseReport& report);
  // Time the reader spent getting rows (the phase "read", reported at finish).
  void add_read_seconds(double seconds) { read_seconds_ += seconds; }
  // Reports the phases read, parse and intern.
  void finish(ParseReport& report);

 private:
  std::string name_;
  std::vector<std::string> names_;
  const EventMapping& mapping_;
  ParseOptions options_;
  ColumnIndex index_;
  EventSink sink_;
  const Progress& progress_;
  double read_seconds_ = 0, parse_seconds_ = 0;
};

}  // namespace refnet
