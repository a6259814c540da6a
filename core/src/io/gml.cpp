#include <refnet/io/gml.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

namespace refnet {

namespace {

// Where a token starts: 1-based line and byte column.
struct Pos {
  std::uint64_t line = 1;
  std::uint64_t column = 1;
  bool operator<(const Pos& o) const { return line != o.line ? line < o.line : column < o.column; }
};

struct Token {
  enum class Kind : std::uint8_t { kKey, kNumber, kString, kOpen, kClose, kEnd };
  Kind kind;
  std::string text;  // a string's text without its quotes
  Pos pos;
};

// Tokens read from the stream a buffer at a time; positions counted as it goes.
class Lexer {
 public:
  explicit Lexer(InputStream& in) : in_(in), name_(in.name()) {}

  Token next() {
    skip_space();
    const Pos start = pos_;
    const int c = peek();
    if (c < 0) return {Token::Kind::kEnd, {}, start};
    if (c == '[' || c == ']') {
      get();
      return {c == '[' ? Token::Kind::kOpen : Token::Kind::kClose, std::string(1, static_cast<char>(c)), start};
    }
    std::string text;
    if (c == '"') {
      get();
      while (true) {
        const int ch = peek();
        if (ch < 0) fail(start, "a string that is never closed (no matching '\"')");
        get();
        if (ch == '"') break;
        text.push_back(static_cast<char>(ch));
        if (text.size() > InputStream::kMaxLineBytes)
          fail(start, "a string longer than " + std::to_string(InputStream::kMaxLineBytes >> 20) + " MiB");
      }
      return {Token::Kind::kString, std::move(text), start};
    }
    while (true) {
      const int ch = peek();
      if (ch < 0 || std::isspace(ch) || ch == '[' || ch == ']' || ch == '"') break;
      text.push_back(static_cast<char>(get()));
      if (text.size() > 4096) fail(start, "a word longer than 4096 bytes: " + quote_for_message(text));
    }
    if (std::isalpha(c) || c == '_') {
      if (!std::all_of(text.begin(), text.end(),
                       [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; }))
        fail(start, "a key must be letters, digits and '_', got " + quote_for_message(text));
      return {Token::Kind::kKey, std::move(text), start};
    }
    if (!parse_number(text)) fail(start, "expected a key, a number, a string or '[', got " + quote_for_message(text));
    return {Token::Kind::kNumber, std::move(text), start};
  }

  [[noreturn]] void fail(Pos where, const std::string& message) const {
    throw InputError(name_, where.line, where.column, message);
  }

 private:
  // The next byte (0..255), or -1 at the end of the input.
  int peek() {
    if (at_ == buffer_.size()) {
      buffer_.resize(std::size_t{1} << 16);
      buffer_.resize(in_.read(buffer_.data(), buffer_.size()));
      at_ = 0;
      if (buffer_.empty()) return -1;
    }
    return static_cast<unsigned char>(buffer_[at_]);
  }

  int get() {
    const int c = peek();
    if (c == 0) fail(pos_, "binary data (a NUL byte), expected a GML text file");
    ++at_;
    line_start_ = c == '\n';
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else {
      ++pos_.column;
    }
    return c;
  }

  void skip_space() {
    while (true) {
      const int c = peek();
      if (c == '#' && line_start_) {
        while (peek() >= 0 && get() != '\n') {
        }
      } else if (c >= 0 && std::isspace(c)) {
        get();
      } else {
        return;
      }
    }
  }

  InputStream& in_;
  const std::string& name_;
  std::string buffer_;
  std::size_t at_ = 0;
  Pos pos_;
  bool line_start_ = true;
};

struct RawNode {
  std::int64_t id;
  Pos pos;
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct RawEdge {
  std::int64_t source;
  std::int64_t target;
  Pos pos;  // of the `edge` key, for errors
  Pos source_pos;
  Pos target_pos;
  std::optional<double> weight;
};

// Recursive descent only over GML's fixed levels (file, graph, node or edge);
// lists nested any deeper are skipped by a loop, so no input can run the stack out.
class Parser {
 public:
  explicit Parser(InputStream& in) : lex_(in) {}

  void parse_file() {
    bool seen_graph = false;
    for (Token t = lex_.next(); t.kind != Token::Kind::kEnd; t = lex_.next()) {
      const Token key = expect_key(std::move(t));
      Token value = lex_.next();
      if (key.text == "graph") {
        if (value.kind != Token::Kind::kOpen) lex_.fail(value.pos, "expected '[' after 'graph'");
        if (seen_graph) lex_.fail(key.pos, "a second 'graph' (one graph per file)");
        seen_graph = true;
        parse_graph(value.pos);
      } else {
        skip_value(value);
      }
    }
    if (!seen_graph) lex_.fail(Pos{}, "no 'graph [ ... ]' in this GML file");
  }

  bool directed = false;
  std::vector<RawNode> nodes;
  std::vector<RawEdge> edges;
  const Lexer& lexer() const { return lex_; }

 private:
  Token expect_key(Token t) {
    if (t.kind != Token::Kind::kKey) {
      if (t.kind == Token::Kind::kClose) lex_.fail(t.pos, "unexpected ']' (no list is open)");
      lex_.fail(t.pos, "expected a key, got " + quote_for_message(t.text));
    }
    return t;
  }

  Token value_of(const Token& key) {
    Token v = lex_.next();
    if (v.kind == Token::Kind::kEnd) lex_.fail(key.pos, "key '" + key.text + "' has no value (end of file)");
    if (v.kind == Token::Kind::kClose || v.kind == Token::Kind::kKey)
      lex_.fail(v.pos, "expected a value for '" + key.text + "', got " + quote_for_message(v.text));
    return v;
  }

  void check_value(const Token& v) {
    if (v.kind == Token::Kind::kEnd) lex_.fail(v.pos, "a key without a value at the end of the file");
    if (v.kind == Token::Kind::kClose || v.kind == Token::Kind::kKey)
      lex_.fail(v.pos, "expected a value, got " + quote_for_message(v.text));
  }

  // Skips a value; a list is skipped to its matching ']', however deep.
  void skip_value(const Token& v) {
    check_value(v);
    if (v.kind != Token::Kind::kOpen) return;
    std::vector<Pos> open{v.pos};  // the lists still open, innermost last
    while (!open.empty()) {
      Token t = lex_.next();
      if (t.kind == Token::Kind::kClose) {
        open.pop_back();
        continue;
      }
      if (t.kind == Token::Kind::kEnd) lex_.fail(open.back(), "this '[' is never closed");
      expect_key(std::move(t));
      const Token value = lex_.next();
      check_value(value);
      if (value.kind == Token::Kind::kOpen) open.push_back(value.pos);
    }
  }

  std::int64_t integer(const Token& key, const Token& v) {
    const auto x = v.kind == Token::Kind::kNumber ? parse_number(v.text) : std::nullopt;
    // The range first: converting a double beyond int64 to int64 is undefined behaviour.
    if (!x || std::fabs(*x) > 9e15 || *x != std::trunc(*x))
      lex_.fail(v.pos, "'" + key.text + "' must be an integer, got " + quote_for_message(v.text));
    return static_cast<std::int64_t>(*x);
  }

  // Reads the key/value pairs of a list up to its ']', calling f(key, value).
  template <class F>
  void for_each_pair(Pos open, const F& f) {
    for (Token t = lex_.next();; t = lex_.next()) {
      if (t.kind == Token::Kind::kClose) return;
      if (t.kind == Token::Kind::kEnd) lex_.fail(open, "this '[' is never closed");
      const Token key = expect_key(std::move(t));
      f(key, value_of(key));
    }
  }

  void parse_graph(Pos open) {
    for_each_pair(open, [&](const Token& key, const Token& v) {
      if (key.text == "directed") {
        directed = integer(key, v) != 0;
      } else if (key.text == "node") {
        if (v.kind != Token::Kind::kOpen) lex_.fail(v.pos, "expected '[' after 'node'");
        parse_node(key);
      } else if (key.text == "edge") {
        if (v.kind != Token::Kind::kOpen) lex_.fail(v.pos, "expected '[' after 'edge'");
        parse_edge(key);
      } else {
        skip_value(v);
      }
    });
  }

  void parse_node(const Token& node) {
    RawNode n{0, node.pos, {}};
    bool has_id = false;
    for_each_pair(node.pos, [&](const Token& key, const Token& v) {
      if (key.text == "id") {
        n.id = integer(key, v);
        has_id = true;
      } else if (v.kind == Token::Kind::kOpen) {
        skip_value(v);
      } else {
        n.attributes.emplace_back(key.text, v.text);
      }
    });
    if (!has_id) lex_.fail(node.pos, "a node without an 'id'");
    nodes.push_back(std::move(n));
  }

  void parse_edge(const Token& edge) {
    RawEdge e{0, 0, edge.pos, {}, {}, std::nullopt};
    bool has_source = false;
    bool has_target = false;
    std::optional<double> value;
    for_each_pair(edge.pos, [&](const Token& key, const Token& v) {
      if (key.text == "source") {
        e.source = integer(key, v);
        e.source_pos = v.pos;
        has_source = true;
      } else if (key.text == "target") {
        e.target = integer(key, v);
        e.target_pos = v.pos;
        has_target = true;
      } else if (key.text == "weight" || key.text == "value") {
        const auto x = v.kind == Token::Kind::kNumber ? parse_number(v.text) : std::nullopt;
        if (!x) lex_.fail(v.pos, "an edge's '" + key.text + "' must be a number, got " + quote_for_message(v.text));
        if (std::fabs(*x) > FLT_MAX)
          lex_.fail(v.pos, "an edge's '" + key.text + "' " + quote_for_message(v.text) +
                               " is out of range (stored as a 32-bit float: at most 3.4e38 in size)");
        if (key.text == "weight")
          e.weight = *x;
        else
          value = *x;
      } else {
        skip_value(v);
      }
    });
    if (!has_source || !has_target)
      lex_.fail(edge.pos, std::string("an edge without a '") + (has_source ? "target" : "source") + "'");
    if (!e.weight) e.weight = value;
    edges.push_back(e);
  }

  Lexer lex_;
};

}  // namespace

bool looks_like_gml(std::string_view data) {
  // `graph` then `[`, possibly on the next line, after at most a few header keys.
  std::size_t pos = 0;
  for (int line = 0; line < 8 && pos < data.size(); ++line) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view text = trim(data.substr(pos, eol - pos));
    pos = eol + 1;
    if (text.substr(0, 5) != "graph") continue;
    const std::string_view rest = trim(text.substr(5));
    if (rest.empty() || rest.front() == '[') {
      if (!rest.empty()) return true;
      const std::size_t next = data.find_first_not_of(" \t\r\n", pos);
      return next != std::string_view::npos && data[next] == '[';
    }
  }
  return false;
}

GmlInput parse_gml(std::string_view data, const std::string& name, ParseReport& report) {
  InputStream in = InputStream::from_bytes(std::string(data), name);
  return parse_gml(in, report);
}

GmlInput parse_gml(InputStream& in, ParseReport& report) {
  Parser p(in);
  p.parse_file();
  GmlInput out;
  out.directed = p.directed;
  std::sort(p.nodes.begin(), p.nodes.end(), [](const RawNode& a, const RawNode& b) { return a.id < b.id; });
  std::unordered_map<std::int64_t, VertexId> dense;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    if (i > 0 && p.nodes[i].id == p.nodes[i - 1].id)
      p.lexer().fail(std::max(p.nodes[i].pos, p.nodes[i - 1].pos),
                     "node id " + std::to_string(p.nodes[i].id) + " appears twice");
    if (p.nodes.size() >= std::numeric_limits<VertexId>::max()) p.lexer().fail(p.nodes[i].pos, "too many nodes");
    dense.emplace(p.nodes[i].id, static_cast<VertexId>(i));
    out.graph.ids.append_unique(std::to_string(p.nodes[i].id));
  }
  out.graph.ids.reindex();
  for (std::size_t i = 0; i < p.nodes.size(); ++i)
    for (const auto& [key, value] : p.nodes[i].attributes) {
      auto& column = out.node_attributes[std::string(key)];
      column.resize(p.nodes.size());
      column[i] = std::string(value);
    }
  const bool weighted =
      std::any_of(p.edges.begin(), p.edges.end(), [](const RawEdge& e) { return e.weight.has_value(); });
  for (const RawEdge& e : p.edges) {
    const auto s = dense.find(e.source);
    if (s == dense.end())
      p.lexer().fail(e.source_pos, "edge source " + std::to_string(e.source) + " is not a node id");
    const auto t = dense.find(e.target);
    if (t == dense.end())
      p.lexer().fail(e.target_pos, "edge target " + std::to_string(e.target) + " is not a node id");
    if (weighted && (!e.weight || *e.weight < 0))
      p.lexer().fail(e.pos, "in a weighted GML file every edge needs a weight >= 0");
    const int copies = p.directed ? 1 : 2;
    for (int c = 0; c < copies; ++c) {
      out.graph.edges.push_back(c == 0 ? Edge{s->second, t->second} : Edge{t->second, s->second});
      if (weighted) out.graph.weights.push_back(static_cast<float>(*e.weight));
    }
  }
  out.graph.weight_meaning = weighted ? WeightMeaning::kWeight : WeightMeaning::kNone;
  report.rows += p.nodes.size() + p.edges.size();
  return out;
}

}  // namespace refnet
