// JSON written without a DOM, for the per-user arrays of large results.
//
// nlohmann's DOM holds every value as a node of ~16 bytes plus its key and
// string allocations, and dump() writes through a growing std::string: for a
// million users' rows that is gigabytes and a few seconds. Here the small part
// of a document (the envelope, summaries, top lists) is still built as a DOM,
// but each large member is a placeholder whose rows a function writes straight
// into a buffered stream when the document is written: memory stays flat and
// the output runs at hundreds of MB/s on one core.
//
//   StreamedDocument doc;
//   j["users"] = doc.defer([&](JsonWriter& w) { for (...) { w.raw("{\"id\":"); w.string(id); ... } });
//   doc.write(out, envelope);   // envelope.dump(2) with the rows in place
//
// Numbers are written in their shortest round-trip form (as nlohmann does),
// non-finite doubles as null, strings escaped per RFC 8259 with ill-formed
// UTF-8 replaced by U+FFFD (as dump() with error_handler_t::replace does).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace refnet {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out);
  ~JsonWriter();  // flushes
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void raw(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kChunk) flush();
  }
  void raw(char c) { buf_.push_back(c); }
  void string(std::string_view s);
  void number(std::uint64_t v);
  void number(std::int64_t v);
  void number(std::uint32_t v) { number(static_cast<std::uint64_t>(v)); }
  void number(int v) { number(static_cast<std::int64_t>(v)); }
  void number(double v);
  void number(float v);
  void boolean(bool v) { raw(v ? std::string_view("true") : std::string_view("false")); }
  void null() { raw(std::string_view("null")); }
  // A small value through nlohmann (compact).
  void value(const nlohmann::json& j);
  // Writes what is buffered; throws std::runtime_error when the stream failed.
  void flush();

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 16;
  std::ostream& out_;
  std::string buf_;
};

class StreamedDocument {
 public:
  using Writer = std::function<void(JsonWriter&)>;
  // A placeholder for a member that `write` fills in place; it writes one
  // complete JSON value (an array of rows, usually).
  nlohmann::json defer(Writer write);
  bool empty() const { return writers_.empty(); }
  // `doc`.dump(indent) with every placeholder replaced by its writer's output.
  void write(std::ostream& out, const nlohmann::json& doc, int indent = 2) const;
  // The same document as NDJSON (docs/json.md#ndjson): first `doc` on one line
  // with each streamed array empty and an `ndjson` member naming them by JSON
  // Pointer, {"arrays": [{"pointer": "/result/users"}, ...]}; then one line per
  // element of those arrays, in order, {"array": pointer, "row": element}.
  // Still streamed: each element goes out as its writer produces it.
  void write_ndjson(std::ostream& out, const nlohmann::json& doc) const;

 private:
  std::vector<Writer> writers_;
};

}  // namespace refnet
