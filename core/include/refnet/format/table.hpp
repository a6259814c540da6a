// Tables and numbers for people (--format table, summaries): columns aligned
// by the width a terminal draws (East Asian wide characters take two columns,
// combining marks none), a header on every table, counts with thousands
// separators and reals with a few significant digits instead of float noise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

// Columns a terminal uses to draw `utf8`, like POSIX wcwidth summed: 2 for
// Unicode East Asian Width W/F, 0 for combining marks, format and control
// characters, 1 otherwise. Bytes that are not UTF-8 count 1 each.
std::size_t display_width(std::string_view utf8);
// The width of one code point (0, 1 or 2).
int code_point_width(std::uint32_t cp);
// `utf8` cut to at most `width` columns, ending in "..." when cut (never in
// the middle of a character).
std::string fit_width(std::string_view utf8, std::size_t width);

// 1234567 -> "1,234,567".
std::string group_digits(std::uint64_t v);
// A real for a person: "8,947,650" at 1000 and above (rounded, grouped),
// otherwise `significant` significant digits in fixed notation without
// trailing zeros ("0.000292", "3.5", "0"); "-" for NaN.
std::string format_number(double v, int significant = 3);
// 0.1234 -> "12.3%" (`digits` after the point).
std::string format_percent(double share, int digits = 1);
// "1 cascade" / "2 cascades": a count with its noun in the right number.
std::string plural(std::uint64_t n, std::string_view one, std::string_view many);

// A table with a header row; text columns are left-aligned, numeric ones
// right-aligned, each as wide as its widest cell (text cut at max_width).
class TextTable {
 public:
  struct Column {
    std::string header;
    bool numeric = false;
    std::size_t max_width = 32;
  };
  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }
  // Every line starts with `indent` and ends with '\n'; no trailing spaces.
  std::string render(std::string_view indent = "  ") const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace refnet
