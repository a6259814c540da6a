#include <refnet/format/table.hpp>

#include "display_width_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace refnet {

namespace {

bool in_ranges(std::uint32_t cp, const width_table::CodeRange* first, const width_table::CodeRange* last) {
  const auto* it =
      std::upper_bound(first, last, cp, [](std::uint32_t c, const width_table::CodeRange& r) { return c < r.first; });
  return it != first && cp <= std::prev(it)->last;
}

// Decodes one UTF-8 character at s[i]; returns its length (1 for a stray byte, cp = 0xFFFD).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 0x2) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  return len;
}

}  // namespace

int code_point_width(std::uint32_t cp) {
  using namespace width_table;
  if (cp >= 0x20 && cp < 0x7F) return 1;  // ASCII, the common case
  if (in_ranges(cp, std::begin(kZeroWidth), std::end(kZeroWidth))) return 0;
  if (in_ranges(cp, std::begin(kDoubleWidth), std::end(kDoubleWidth))) return 2;
  return 1;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    std::uint32_t cp = 0;
    i += decode(utf8, i, cp);
    width += static_cast<std::size_t>(code_point_width(cp));
  }
  return width;
}

std::string fit_width(std::string_view utf8, std::size_t width) {
  if (display_width(utf8) <= width) return std::string(utf8);
  const std::size_t room = width > 3 ? width - 3 : 0;
  std::size_t used = 0, i = 0;
  while (i < utf8.size()) {
    std::uint32_t cp = 0;
    const std::size_t len = decode(utf8, i, cp);
    const auto w = static_cast<std::size_t>(code_point_width(cp));
    if (used + w > room) break;
    used += w;
    i += len;
  }
  return std::string(utf8.substr(0, i)) + std::string("...").substr(0, std::min<std::size_t>(3, width));
}

std::string group_digits(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string format_number(double v, int significant) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  const double mag = std::fabs(v);
  const int exponent = static_cast<int>(std::floor(std::log10(mag)));
  const int decimals = std::clamp(significant - 1 - exponent, 0, 12);
  // Rounded to its digits first, so that 999.6 is 1,000 like 1000.4 (not "1000").
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(mag * scale) / scale;
  if (rounded >= 1000 || rounded >= std::pow(10.0, significant)) {
    const double r = std::round(rounded);
    if (r < 1.8e19) return (v < 0 ? "-" : "") + group_digits(static_cast<std::uint64_t>(r));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string format_percent(double share, int digits) {
  if (std::isnan(share)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f%%", digits, 100 * share);
  return buf;
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return group_digits(n) + " " + std::string(n == 1 ? one : many);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(std::string_view indent) const {
  std::vector<std::size_t> width(columns_.size(), 0);
  auto cell_text = [&](std::size_t c, const std::string& text) {
    return columns_[c].numeric ? text : fit_width(text, columns_[c].max_width);
  };
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    width[c] = display_width(columns_[c].header);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(cell_text(c, row[c])));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text(indent);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string cell = header ? cells[c] : cell_text(c, cells[c]);
      const std::size_t pad = width[c] - display_width(cell);
      if (c > 0) text += "  ";
      if (columns_[c].numeric)
        text += std::string(pad, ' ') + cell;
      else
        text += cell + std::string(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  std::vector<std::string> header;
  for (const auto& col : columns_) header.push_back(col.header);
  line(header, true);
  for (const auto& row : rows_) line(row, false);
  return out;
}

}  // namespace refnet
