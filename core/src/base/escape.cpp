#include <refnet/base/escape.hpp>

namespace refnet {

namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// ---- text ------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence starting at s[i] (Unicode table
// 3-7: no overlongs, no surrogates, nothing above U+10FFFF), with its code
// point in `cp`; 0 when the bytes there are not one.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t len = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

}  // namespace

void append_valid_utf8(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      out += kReplacementChar;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
}

void append_xml_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t len = decode_utf8(s, i, cp);
      if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
        out += kReplacementChar;
        i += len == 0 ? 1 : len;
      } else {
        out.append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // As references, because a parser turns literal ones in attribute
      // values into spaces.
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // XML 1.0 cannot carry other C0 controls at all, not even as &#1;.
        if (c < 0x20) {
          out += kReplacementChar;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void append_csv_text(std::string& out, std::string_view cell) {
  std::string clean;
  clean.reserve(cell.size());
  append_valid_utf8(clean, cell);
  // OWASP's list of characters that make a spreadsheet read a cell as a formula.
  const bool formula = !clean.empty() && std::string_view("=+-@\t\r").find(clean[0]) != std::string_view::npos;
  const bool quote = clean.find_first_of(",\"\r\n") != std::string::npos;
  if (quote) out += '"';
  if (formula) out += '\'';
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

std::string csv_escape_text(std::string_view cell) {
  std::string out;
  append_csv_text(out, cell);
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text);
  return out;
}

}  // namespace refnet
