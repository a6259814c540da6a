#include <refnet/json/stream.hpp>

#include <refnet/base/escape.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <utility>

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

namespace {

// A stream buffer that turns one JSON array, as a deferred writer emits it,
// into NDJSON rows: each top-level element becomes the line
// {"array":POINTER,"row":ELEMENT}, with the whitespace outside strings dropped.
// A small state machine over the bytes (depth, inside a string, after a
// backslash), so rows never need to be held whole.
class RowSplitter : public std::streambuf {
 public:
  RowSplitter(std::ostream& out, const std::string& pointer)
      : out_(out), prefix_("{\"array\":" + nlohmann::json(pointer).dump() + ",\"row\":") {
    buf_.reserve(std::size_t{1} << 16);
  }
  // Whether the writer wrote exactly one array.
  bool complete() const { return closed_ && depth_ == 0 && !in_string_; }
  void flush_out() {
    if (!buf_.empty()) out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
    if (!out_) throw std::runtime_error("writing the NDJSON output failed");
  }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) feed(static_cast<char>(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) feed(s[i]);
    if (buf_.size() >= (std::size_t{1} << 16)) flush_out();
    return n;
  }

 private:
  void feed(char c) {
    if (in_string_) {
      buf_.push_back(c);
      if (escaped_) escaped_ = false;
      else if (c == '\\') escaped_ = true;
      else if (c == '"') in_string_ = false;
      return;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return;
    if (closed_) throw std::logic_error("NDJSON: a streamed member wrote more than one array");
    if (depth_ == 0) {
      if (c != '[') throw std::logic_error("NDJSON: a streamed member is not an array");
      depth_ = 1;
      return;
    }
    if (depth_ == 1) {
      if (c == ',') {
        close_row();
        return;
      }
      if (c == ']') {
        if (row_open_) close_row();
        depth_ = 0;
        closed_ = true;
        return;
      }
      if (!row_open_) {
        buf_ += prefix_;
        row_open_ = true;
      }
    }
    if (c == '"') in_string_ = true;
    else if (c == '[' || c == '{') ++depth_;
    else if (c == ']' || c == '}') --depth_;
    buf_.push_back(c);
  }
  void close_row() {
    buf_ += "}\n";
    row_open_ = false;
  }

  std::ostream& out_;
  std::string prefix_;
  std::string buf_;
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool row_open_ = false;
  bool closed_ = false;
};

// Every placeholder in `j` (in dump order, which is the DOM's iteration order):
// its JSON Pointer and writer index; each is replaced by [] in `j`.
void take_placeholders(nlohmann::json& j, const std::string& pointer,
                       std::vector<std::pair<std::string, std::size_t>>& found) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key = it.key(), escaped;
      for (char c : key) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
      take_placeholders(it.value(), pointer + "/" + escaped, found);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) take_placeholders(j[i], pointer + "/" + std::to_string(i), found);
  } else if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() > kMark.size() && std::string_view(s).substr(0, kMark.size()) == kMark) {
      found.emplace_back(pointer, std::stoull(s.substr(kMark.size())));
      j = nlohmann::json::array();
    }
  }
}

}  // namespace

void StreamedDocument::write_ndjson(std::ostream& out, const nlohmann::json& doc) const {
  nlohmann::json header = doc;
  std::vector<std::pair<std::string, std::size_t>> found;
  take_placeholders(header, "", found);
  nlohmann::json arrays = nlohmann::json::array();
  for (const auto& [pointer, id] : found) {
    if (id >= writers_.size()) throw std::logic_error("StreamedDocument: a malformed placeholder");
    arrays.push_back({{"pointer", pointer}});
  }
  header["ndjson"] = {{"arrays", arrays}};
  {
    JsonWriter w(out);
    w.raw(header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    w.raw('\n');
    w.flush();
  }
  for (const auto& [pointer, id] : found) {
    RowSplitter rows(out, pointer);
    std::ostream sink(&rows);
    {
      JsonWriter w(sink);
      writers_[id](w);
      w.flush();
    }
    if (!rows.complete()) throw std::logic_error("NDJSON: a streamed member is not one complete array");
    rows.flush_out();
  }
  out.flush();
}

}  // namespace refnet
