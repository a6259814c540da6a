#include <refnet/io/gml.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

namespace refnet {

namespace {

struct Token {
  enum class Kind : std::uint8_t { kKey, kNumber, kString, kOpen, kClose, kEnd };
  Kind kind;
  std::string_view text;  // a string's text without its quotes
  std::size_t offset;
};

class Lexer {
 public:
  Lexer(std::string_view data, const std::string& name) : data_(data), name_(name) {}

  Token next() {
    skip_space();
    if (pos_ >= data_.size()) return {Token::Kind::kEnd, {}, pos_};
    const std::size_t start = pos_;
    const char c = data_[pos_];
    if (c == '[' || c == ']') {
      ++pos_;
      return {c == '[' ? Token::Kind::kOpen : Token::Kind::kClose, data_.substr(start, 1), start};
    }
    if (c == '"') {
      const std::size_t close = data_.find('"', start + 1);
      if (close == std::string_view::npos) fail(start, "a string that is never closed (no matching '\"')");
      pos_ = close + 1;
      return {Token::Kind::kString, data_.substr(start + 1, close - start - 1), start};
    }
    while (pos_ < data_.size() && !std::isspace(static_cast<unsigned char>(data_[pos_])) && data_[pos_] != '[' &&
           data_[pos_] != ']' && data_[pos_] != '"')
      ++pos_;
    const std::string_view word = data_.substr(start, pos_ - start);
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      if (!std::all_of(word.begin(), word.end(),
                       [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; }))
        fail(start, "a key must be letters, digits and '_', got " + quote_for_message(word));
      return {Token::Kind::kKey, word, start};
    }
    if (!parse_number(word)) fail(start, "expected a key, a number, a string or '[', got " + quote_for_message(word));
    return {Token::Kind::kNumber, word, start};
  }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    const auto [line, column] = line_and_column(data_, offset);
    throw InputError(name_, line, column, message);
  }

 private:
  void skip_space() {
    while (pos_ < data_.size()) {
      const char c = data_[pos_];
      if (c == '#' && (pos_ == 0 || data_[pos_ - 1] == '\n')) {
        const std::size_t eol = data_.find('\n', pos_);
        pos_ = eol == std::string_view::npos ? data_.size() : eol + 1;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else {
        break;
      }
    }
  }

  std::string_view data_;
  const std::string& name_;
  std::size_t pos_ = 0;
};

struct RawNode {
  std::int64_t id;
  std::size_t offset;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
};

struct RawEdge {
  std::int64_t source;
  std::int64_t target;
  std::size_t offset;  // of the `edge` key, for errors
  std::size_t source_offset;
  std::size_t target_offset;
  std::optional<double> weight;
};

class Parser {
 public:
  Parser(std::string_view data, const std::string& name) : lex_(data, name) {}

  void parse_file() {
    bool seen_graph = false;
    for (Token t = lex_.next(); t.kind != Token::Kind::kEnd; t = lex_.next()) {
      const Token key = expect_key(t);
      Token value = lex_.next();
      if (key.text == "graph") {
        if (value.kind != Token::Kind::kOpen) lex_.fail(value.offset, "expected '[' after 'graph'");
        if (seen_graph) lex_.fail(key.offset, "a second 'graph' (one graph per file)");
        seen_graph = true;
        parse_graph(value.offset);
      } else {
        skip_value(value);
      }
    }
    if (!seen_graph) lex_.fail(0, "no 'graph [ ... ]' in this GML file");
  }

  bool directed = false;
  std::vector<RawNode> nodes;
  std::vector<RawEdge> edges;
  const Lexer& lexer() const { return lex_; }

 private:
  Token expect_key(const Token& t) {
    if (t.kind != Token::Kind::kKey) {
      if (t.kind == Token::Kind::kClose) lex_.fail(t.offset, "unexpected ']' (no list is open)");
      lex_.fail(t.offset, "expected a key, got " + quote_for_message(t.text));
    }
    return t;
  }

  Token value_of(const Token& key) {
    const Token v = lex_.next();
    if (v.kind == Token::Kind::kEnd)
      lex_.fail(key.offset, "key '" + std::string(key.text) + "' has no value (end of file)");
    if (v.kind == Token::Kind::kClose || v.kind == Token::Kind::kKey)
      lex_.fail(v.offset, "expected a value for '" + std::string(key.text) + "', got " + quote_for_message(v.text));
    return v;
  }

  // Skips a value; a list is skipped to its matching ']'.
  void skip_value(const Token& v) {
    if (v.kind == Token::Kind::kEnd) lex_.fail(v.offset, "a key without a value at the end of the file");
    if (v.kind == Token::Kind::kClose || v.kind == Token::Kind::kKey)
      lex_.fail(v.offset, "expected a value, got " + quote_for_message(v.text));
    if (v.kind != Token::Kind::kOpen) return;
    for (Token t = lex_.next();; t = lex_.next()) {
      if (t.kind == Token::Kind::kClose) return;
      if (t.kind == Token::Kind::kEnd) lex_.fail(v.offset, "this '[' is never closed");
      expect_key(t);
      skip_value(lex_.next());
    }
  }

  std::int64_t integer(const Token& key, const Token& v) {
    const auto x = v.kind == Token::Kind::kNumber ? parse_number(v.text) : std::nullopt;
    if (!x || *x != static_cast<double>(static_cast<std::int64_t>(*x)) || std::fabs(*x) > 9e15)
      lex_.fail(v.offset, "'" + std::string(key.text) + "' must be an integer, got " + quote_for_message(v.text));
    return static_cast<std::int64_t>(*x);
  }

  // Reads the key/value pairs of a list up to its ']', calling f(key, value).
  template <class F>
  void for_each_pair(std::size_t open_offset, const F& f) {
    for (Token t = lex_.next();; t = lex_.next()) {
      if (t.kind == Token::Kind::kClose) return;
      if (t.kind == Token::Kind::kEnd) lex_.fail(open_offset, "this '[' is never closed");
      const Token key = expect_key(t);
      f(key, value_of(key));
    }
  }

  void parse_graph(std::size_t open_offset) {
    for_each_pair(open_offset, [&](const Token& key, const Token& v) {
      if (key.text == "directed") {
        directed = integer(key, v) != 0;
      } else if (key.text == "node") {
        if (v.kind != Token::Kind::kOpen) lex_.fail(v.offset, "expected '[' after 'node'");
        parse_node(key);
      } else if (key.text == "edge") {
        if (v.kind != Token::Kind::kOpen) lex_.fail(v.offset, "expected '[' after 'edge'");
        parse_edge(key);
      } else {
        skip_value(v);
      }
    });
  }

  void parse_node(const Token& node) {
    RawNode n{0, node.offset, {}};
    bool has_id = false;
    for_each_pair(node.offset, [&](const Token& key, const Token& v) {
      if (key.text == "id") {
        n.id = integer(key, v);
        has_id = true;
      } else if (v.kind == Token::Kind::kOpen) {
        skip_value(v);
      } else {
        n.attributes.emplace_back(key.text, v.text);
      }
    });
    if (!has_id) lex_.fail(node.offset, "a node without an 'id'");
    nodes.push_back(std::move(n));
  }

  void parse_edge(const Token& edge) {
    RawEdge e{0, 0, edge.offset, 0, 0, std::nullopt};
    bool has_source = false;
    bool has_target = false;
    std::optional<double> value;
    for_each_pair(edge.offset, [&](const Token& key, const Token& v) {
      if (key.text == "source") {
        e.source = integer(key, v);
        e.source_offset = v.offset;
        has_source = true;
      } else if (key.text == "target") {
        e.target = integer(key, v);
        e.target_offset = v.offset;
        has_target = true;
      } else if (key.text == "weight" || key.text == "value") {
        const auto x = v.kind == Token::Kind::kNumber ? parse_number(v.text) : std::nullopt;
        if (!x)
          lex_.fail(v.offset,
                    "an edge's '" + std::string(key.text) + "' must be a number, got " + quote_for_message(v.text));
        if (key.text == "weight")
          e.weight = *x;
        else
          value = *x;
      } else {
        skip_value(v);
      }
    });
    if (!has_source || !has_target)
      lex_.fail(edge.offset, std::string("an edge without a '") + (has_source ? "target" : "source") + "'");
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
  reject_binary(data, name, "a GML text file");
  Parser p(data, name);
  p.parse_file();
  GmlInput out;
  out.directed = p.directed;
  std::sort(p.nodes.begin(), p.nodes.end(), [](const RawNode& a, const RawNode& b) { return a.id < b.id; });
  std::unordered_map<std::int64_t, VertexId> dense;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    if (i > 0 && p.nodes[i].id == p.nodes[i - 1].id)
      p.lexer().fail(std::max(p.nodes[i].offset, p.nodes[i - 1].offset),
                     "node id " + std::to_string(p.nodes[i].id) + " appears twice");
    if (p.nodes.size() >= std::numeric_limits<VertexId>::max()) p.lexer().fail(p.nodes[i].offset, "too many nodes");
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
      p.lexer().fail(e.source_offset, "edge source " + std::to_string(e.source) + " is not a node id");
    const auto t = dense.find(e.target);
    if (t == dense.end())
      p.lexer().fail(e.target_offset, "edge target " + std::to_string(e.target) + " is not a node id");
    if (weighted && (!e.weight || *e.weight < 0))
      p.lexer().fail(e.offset, "in a weighted GML file every edge needs a weight >= 0");
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
