#include <refnet/json/stream.hpp>

#include <refnet/base/escape.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>

namespace refnet {

namespace {
// Bytes a JSON string cannot carry as they are: controls, quote, backslash,
// and everything non-ASCII (validated as UTF-8 on the slow path).
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return t;
}();

// A placeholder's text: control characters no result string holds, so it
// cannot collide with real data; dump() writes them as \u0001.
constexpr std::string_view kMark = "\x01refnet-deferred:";
constexpr std::string_view kDumpedMark = "\"\\u0001refnet-deferred:";
}  // namespace

JsonWriter::JsonWriter(std::ostream& out) : out_(out) { buf_.reserve(kChunk + 4096); }

JsonWriter::~JsonWriter() {
  try {
    flush();
  } catch (...) {  // a destructor must not throw; flush() is called explicitly where errors matter
  }
}

void JsonWriter::flush() {
  if (!buf_.empty()) out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
  if (!out_) throw std::runtime_error("writing the JSON output failed");
}

void JsonWriter::string(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  buf_.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // The common case: a run of plain ASCII.
    std::size_t j = i;
    while (j < s.size() && !kSpecial[static_cast<unsigned char>(s[j])]) ++j;
    buf_.append(s.substr(i, j - i));
    if (j == s.size()) break;
    const auto c = static_cast<unsigned char>(s[j]);
    if (c >= 0x80) {
      // A non-ASCII run, kept when well-formed, U+FFFD where not.
      std::size_t k = j;
      while (k < s.size() && static_cast<unsigned char>(s[k]) >= 0x80) ++k;
      append_valid_utf8(buf_, s.substr(j, k - j));
      i = k;
      continue;
    }
    switch (c) {
      case '"': buf_ += "\\\""; break;
      case '\\': buf_ += "\\\\"; break;
      case '\b': buf_ += "\\b"; break;
      case '\f': buf_ += "\\f"; break;
      case '\n': buf_ += "\\n"; break;
      case '\r': buf_ += "\\r"; break;
      case '\t': buf_ += "\\t"; break;
      default:
        buf_ += "\\u00";
        buf_.push_back(kHex[c >> 4]);
        buf_.push_back(kHex[c & 15]);
    }
    i = j + 1;
  }
  buf_.push_back('"');
  if (buf_.size() >= kChunk) flush();
}

void JsonWriter::number(std::uint64_t v) {
  char tmp[24];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, r.ptr);
}

void JsonWriter::number(std::int64_t v) {
  char tmp[24];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, r.ptr);
}

void JsonWriter::number(double v) {
  if (!std::isfinite(v)) return null();
  char tmp[32];
  const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
  buf_.append(tmp, r.ptr);
  // Keep doubles typed as floating point for readers that type by form, as dump() does.
  bool integral = true;
  for (const char* p = tmp; p != r.ptr; ++p) integral &= *p != '.' && *p != 'e' && *p != 'n' && *p != 'i';
  if (integral) buf_ += ".0";
}

void JsonWriter::number(float v) { number(static_cast<double>(v)); }

void JsonWriter::value(const nlohmann::json& j) {
  raw(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json StreamedDocument::defer(Writer write) {
  writers_.push_back(std::move(write));
  return std::string(kMark) + std::to_string(writers_.size() - 1);
}

void StreamedDocument::write(std::ostream& out, const nlohmann::json& doc, int indent) const {
  const std::string text = doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
  JsonWriter w(out);
  std::size_t at = 0;
  for (;;) {
    const std::size_t mark = writers_.empty() ? std::string::npos : text.find(kDumpedMark, at);
    if (mark == std::string::npos) break;
    w.raw(std::string_view(text).substr(at, mark - at));
    std::size_t digits = mark + kDumpedMark.size();
    std::size_t id = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') id = id * 10 + (text[digits++] - '0');
    if (digits >= text.size() || text[digits] != '"' || id >= writers_.size())
      throw std::logic_error("StreamedDocument: a malformed placeholder");
    writers_[id](w);
    at = digits + 1;
  }
  w.raw(std::string_view(text).substr(at));
  w.raw('\n');
  w.flush();
}

}  // namespace refnet
