// CSV records in full (RFC 4180): a field may be quoted, and a quoted field
// may hold the delimiter, doubled quotes (standing for one) and line ends, so
// a record may span lines. The delimiter and the quote character are chosen
// by the dialect (--delimiter, --quote; quote 0 turns quoting off).
//
// Streaming and parallel parsing need to cut the input between records, not
// merely at line ends: scan_csv_records finds record boundaries with one
// serial pass over a block (a byte loop only when the block holds a quote
// character at all; otherwise every line end is one), so that the chunks can
// then be tokenised in parallel, each from a record start.
#pragma once

#include <refnet/io/lines.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace refnet {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';  // 0: no quoting
};

// Tokenises the record that starts at data[pos]: its fields (quotes removed,
// doubled quotes unescaped into `scratch`, which the views may point into)
// and each field's byte offset from `pos` in `columns`. Returns the offset
// just past the record's line end (or data.size()). A CR before the line end
// is dropped. Throws RowError (column0 counted from `pos`, across lines) for
// an unterminated quoted field or a character after a closing quote.
std::size_t tokenise_csv_record(std::string_view data, std::size_t pos, const CsvDialect& dialect,
                                std::vector<std::string_view>& fields, std::vector<std::size_t>& columns,
                                std::string& scratch);

// Where the record that starts at data[pos] ends, by the same rules, even
// when it is malformed (the next record of a lenient parse starts there).
std::size_t skip_csv_record(std::string_view data, std::size_t pos, const CsvDialect& dialect);

struct CsvScan {
  std::vector<std::size_t> cuts;  // record starts: 0, about every size/parts bytes, then `complete`
  std::size_t complete = 0;       // end of the last whole record: data.size() unless it ends inside quotes
};
CsvScan scan_csv_records(std::string_view data, const CsvDialect& dialect, std::size_t parts);

}  // namespace refnet
