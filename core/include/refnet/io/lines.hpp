// Line-oriented parsing shared by every text format, streaming: the input is
// taken block by block (whole lines, about `ParseOptions::block_bytes` each),
// each block is cut into chunks at line ends and the chunks are parsed in
// parallel, and the rows come back in file order, to be consumed (interned)
// while the block is alive. Memory is the block, its rows and the result, never
// the whole input. A row parser reports a malformed row by throwing RowError
// with the byte column; the driver turns that into file:line:column (lines
// are counted block by block), or, under --lenient, skips the row and counts
// it. A NUL byte anywhere is bad input, lenient or not.
#pragma once

#include <refnet/base/error.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/io/parse_report.hpp>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

inline constexpr std::size_t kDefaultBlockBytes = std::size_t{32} << 20;

// How a text input is parsed.
struct ParseOptions {
  bool lenient = false;                        // skip malformed rows instead of failing
  std::size_t block_bytes = kDefaultBlockBytes;  // the unit of streaming; results never depend on it
};

struct RowError {
  std::size_t column0;  // 0-based byte column within the line
  std::string message;
};

struct RowProblem {
  std::size_t offset;  // byte offset in the block
  std::string message;
};

// Splits `data[begin, end)` into about `parts` pieces that end at line ends.
std::vector<std::size_t> split_at_lines(std::string_view data, std::size_t begin, std::size_t end,
                                        std::size_t parts);

// Whitespace-only line, or a '#' comment when comments are allowed.
inline bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Throws InputError at the first NUL byte of `text` (which starts at `line`,
// column 1); `expected` names what the input should have been ("a text event log").
void reject_nul(std::string_view text, std::uint64_t line, const std::string& name, const std::string& expected);
inline void reject_nul(const TextBlock& block, const std::string& name, const std::string& expected) {
  reject_nul(block.text, block.line, name, expected);
}

// Turns row problems into an InputError (strict) or report entries (lenient).
void report_problems(std::vector<RowProblem> problems, const TextBlock& block, const std::string& name,
                     bool lenient, ParseReport& report);

// Parses every line of `block` with `parse(line, offset, rows)` (offset: of the
// line in block.text), in parallel chunks; returns each chunk's rows, in order.
// Lines are passed without their end of line (LF or CRLF); blank lines are
// skipped, and so are lines starting with '#' when `comments` is set.
// `report.lines` counts the lines given to `parse`.
template <class Row, class ParseLine>
std::vector<std::vector<Row>> parse_block(const TextBlock& block, const std::string& name, bool lenient, bool comments,
                                          ParseReport& report, const ParseLine& parse,
                                          std::size_t end = std::string::npos) {
  const std::string_view data = std::string_view(block.text).substr(0, end);
  const std::size_t parts = std::max<std::size_t>(1, std::min<std::size_t>(data.size() >> 18, 256));
  const auto cuts = split_at_lines(data, 0, data.size(), parts);
  const std::size_t chunks = cuts.size() - 1;
  std::vector<std::vector<Row>> rows(chunks);
  std::vector<std::vector<RowProblem>> problems(chunks);
  std::vector<std::uint64_t> lines(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t pos = cuts[c];
    const std::size_t stop = cuts[c + 1];
    while (pos < stop) {
      std::size_t eol = data.find('\n', pos);
      if (eol == std::string_view::npos || eol > stop) eol = stop;
      std::string_view line = data.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!is_blank(line) && !(comments && line.front() == '#')) {
        ++lines[c];
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
  report_problems(std::move(all), block, name, lenient, report);
  for (const auto& r : rows) report.rows += r.size();
  for (const std::uint64_t n : lines) report.lines += n;
  return rows;
}

// Streams the rest of `in` block by block: each block is checked for NUL
// bytes, parsed by parse_block, and its rows handed to `consume(rows, block)`
// while the block's text (which the rows may point into) is alive. A
// compressed file is decompressed in a thread of its own meanwhile
// (InputStream::read_ahead). Reports the phases "read" (waiting for the next
// block) and "parse", added up over the blocks; `consume` times itself.
template <class Row, class ParseLine, class Consume>
void parse_stream(InputStream& in, const ParseOptions& options, bool comments, const std::string& expected,
                  ParseReport& report, const ParseLine& parse, const Consume& consume, const Progress& progress = {}) {
  using Clock = std::chrono::steady_clock;
  const auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  double read_seconds = 0;
  double parse_seconds = 0;
  in.read_ahead();
  TextBlock block;
  while (true) {
    auto t = Clock::now();
    const bool more = in.next_block(block, options.block_bytes);
    read_seconds += since(t);
    if (!more) break;
    t = Clock::now();
    const std::size_t nul = block.text.find('\0');
    if (nul != std::string::npos) {
      // The rows before the NUL's line first, so that the first problem in the file is the one reported.
      const std::size_t line_start = block.text.rfind('\n', nul);
      parse_block<Row>(block, in.name(), options.lenient, comments, report, parse,
                       line_start == std::string::npos ? 0 : line_start + 1);
      reject_nul(block, in.name(), expected);
    }
    auto rows = parse_block<Row>(block, in.name(), options.lenient, comments, report, parse);
    parse_seconds += since(t);
    consume(rows, block);
  }
  progress.record("read", read_seconds);
  progress.record("parse", parse_seconds);
}

}  // namespace refnet
