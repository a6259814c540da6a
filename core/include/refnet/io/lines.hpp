// Parallel line-oriented parsing shared by every text format: the input is cut
// into chunks at line ends, each chunk is parsed by its own task, and the rows
// come back in file order. A row parser reports a malformed row by throwing
// RowError with the byte column; the driver turns that into file:line:column,
// or, under --lenient, skips the row and counts it.
#pragma once

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/parse_report.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

struct RowError {
  std::size_t column0;  // 0-based byte column within the line
  std::string message;
};

struct RowProblem {
  std::size_t offset;  // byte offset in the data
  std::string message;
};

// Splits `data[begin, end)` into about `parts` pieces that end at line ends.
std::vector<std::size_t> split_at_lines(std::string_view data, std::size_t begin, std::size_t end,
                                        std::size_t parts);

// Whitespace-only line, or a '#' comment when comments are allowed.
inline bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Throws InputError at the first NUL byte in the first 4 KiB of a text input;
// `expected` names what the file should have been ("a text event log").
void reject_binary(std::string_view data, const std::string& name, const std::string& expected);

// Turns row problems into an InputError (strict) or report entries (lenient).
void report_problems(std::vector<RowProblem> problems, std::string_view data, const std::string& name,
                     bool lenient, ParseReport& report);

// Parses every line of data[begin, end) with `parse(line, offset, rows)`.
// Lines are passed without their end of line (LF or CRLF); blank lines are
// skipped, and so are lines starting with '#' when `comments` is set.
template <class Row, class ParseLine>
std::vector<std::vector<Row>> parse_lines(std::string_view data, std::size_t begin, std::size_t end,
                                          const std::string& name, bool lenient, bool comments,
                                          ParseReport& report, const ParseLine& parse) {
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>((end - begin) >> 18, 256));
  const auto cuts = split_at_lines(data, begin, end, parts);
  const std::size_t chunks = cuts.size() - 1;
  std::vector<std::vector<Row>> rows(chunks);
  std::vector<std::vector<RowProblem>> problems(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t pos = cuts[c];
    const std::size_t stop = cuts[c + 1];
    while (pos < stop) {
      std::size_t eol = data.find('\n', pos);
      if (eol == std::string_view::npos || eol > stop) eol = stop;
      std::string_view line = data.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!is_blank(line) && !(comments && line.front() == '#')) {
        try {
          parse(line, pos, rows[c]);
        } catch (RowError& e) {
          problems[c].push_back({pos + e.column0, std::move(e.message)});
          if (!lenient) break;  // the first problem of this chunk is enough
        }
      }
      pos = eol + 1;
    }
  });
  std::vector<RowProblem> all;
  for (auto& p : problems) std::move(p.begin(), p.end(), std::back_inserter(all));
  report_problems(std::move(all), data, name, lenient, report);
  for (const auto& r : rows) report.rows += r.size();
  return rows;
}

}  // namespace refnet
