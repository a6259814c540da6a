#include <refnet/io/graph_parser.hpp>

#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>

#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>

#include <atomic>
#include <cfloat>
#include <cmath>
#include <unordered_set>

namespace refnet {
namespace {

const std::string kGraphText = "a text graph file";

// A node token as parsed: a number (top bit clear), or, for a token that is
// not a non-negative integer, kTextTag | offset << 9 | length pointing into the
// block while it is parsed, then kTextTag | its index in the text table.
constexpr std::uint64_t kTextTag = std::uint64_t{1} << 63;

struct EdgeRows {
  std::vector<std::uint64_t> ends;  // u, v pairs
  std::vector<float> weights;
  std::vector<double> times;
};

std::uint64_t node_token(std::size_t line_offset, std::string_view tok, std::size_t column) {
  if (tok.size() > kMaxIdBytes)
    throw RowError{column, "node id is " + std::to_string(tok.size()) + " bytes, over the " +
                               std::to_string(kMaxIdBytes) + "-byte limit"};
  if (const auto v = parse_uint(tok); v && *v < kTextTag) return *v;
  if (!is_valid_utf8(tok)) throw RowError{column, "node id is not valid UTF-8"};
  return kTextTag | (static_cast<std::uint64_t>(line_offset + column) << 9) | tok.size();
}

// A weight as stored: a finite number that fits a 32-bit float.
float weight_value(std::string_view tok, std::size_t column, const char* what, const char* expected) {
  if (number_overflows(tok))
    throw RowError{column, std::string(what) + " " + quote_for_message(tok) +
                               " is out of range (stored as a 32-bit float: at most 3.4e38 in size)"};
  const auto x = parse_number(tok);
  if (!x) throw RowError{column, std::string("bad ") + what + " " + quote_for_message(tok) + " (expected " + expected + ")"};
  if (std::fabs(*x) > FLT_MAX)
    throw RowError{column, std::string(what) + " " + quote_for_message(tok) +
                               " is out of range (stored as a 32-bit float: at most 3.4e38 in size)"};
  return static_cast<float>(*x);
}

// The parsed rows of a whole file, block after block; text ids already
// interned (in order of first appearance), numbers kept as numbers.
struct EdgeAccumulator {
  std::vector<EdgeRows> chunks;
  IdTable text;
  bool any_text = false;
  std::uint64_t max_number = 0;  // the largest numeric id
  bool any_number = false;

  // Takes a block's rows (one EdgeRows per parsed chunk), resolving text tokens while the block lives.
  void add(std::vector<std::vector<EdgeRows>>& rows, const TextBlock& block, bool front = false) {
    std::vector<EdgeRows> taken;
    for (auto& c : rows) {
      if (c.empty()) continue;
      EdgeRows& r = c.front();
      for (std::uint64_t& t : r.ends) {
        if (t & kTextTag) {
          t = kTextTag | text.intern(std::string_view(block.text).substr((t & ~kTextTag) >> 9, t & 511));
          any_text = true;
        } else {
          max_number = std::max(max_number, t);
          any_number = true;
        }
      }
      taken.push_back(std::move(r));
    }
    if (front) chunks.insert(chunks.begin(), std::make_move_iterator(taken.begin()), std::make_move_iterator(taken.end()));
    else std::move(taken.begin(), taken.end(), std::back_inserter(chunks));
  }

  std::uint64_t edges() const {
    std::uint64_t m = 0;
    for (const auto& c : chunks) m += c.ends.size() / 2;
    return m;
  }
};

// Maps the parsed tokens to dense ids, filling `out.ids` and `out.edges`.
void number_nodes(EdgeAccumulator& acc, EdgeListInput& out, std::uint64_t min_nodes) {
  auto& chunks = acc.chunks;
  const std::size_t parts = chunks.size();
  std::vector<std::size_t> first_edge(parts + 1, 0);  // where each chunk's edges go
  for (std::size_t c = 0; c < parts; ++c) first_edge[c + 1] = first_edge[c] + chunks[c].ends.size() / 2;
  const std::size_t total = 2 * first_edge[parts];
  out.edges.resize(total / 2);
  // Writes every chunk's edges through `map` (token -> dense id), in parallel.
  auto map_edges = [&](const auto& map) {
    tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t c) {
      const auto& ends = chunks[c].ends;
      Edge* dst = out.edges.data() + first_edge[c];
      for (std::size_t i = 0; i + 1 < ends.size(); i += 2) dst[i / 2] = {map(ends[i]), map(ends[i + 1])};
    });
  };
  const std::uint64_t max_id = acc.any_number ? acc.max_number : 0;
  if (acc.any_text) {
    // Interned in order of first appearance (serial: the order is the point).
    std::size_t k = 0;
    char digits[24];
    for (const auto& c : chunks) {
      for (std::size_t i = 0; i < c.ends.size(); i += 2, ++k) {
        auto name = [&](std::uint64_t t) {
          if (t & kTextTag) return out.ids.intern(acc.text.name(static_cast<std::uint32_t>(t & ~kTextTag)));
          return out.ids.intern(std::string_view(digits, static_cast<std::size_t>(write_uint(digits, t) - digits)));
        };
        const VertexId u = name(c.ends[i]);
        out.edges[k] = {u, name(c.ends[i + 1])};
      }
    }
    acc.text = IdTable{};
  } else if (max_id < 4 * total + 1024 || max_id < min_nodes) {
    // Dense numeric ids: a presence array ranked by a prefix sum.
    const std::uint64_t universe = std::max(acc.any_number ? max_id + 1 : 0, min_nodes);
    std::vector<std::uint32_t> rank(universe, 0);
    std::fill(rank.begin(), rank.begin() + static_cast<std::ptrdiff_t>(min_nodes), 1u);
    tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t c) {
      for (std::uint64_t t : chunks[c].ends) std::atomic_ref<std::uint32_t>(rank[t]).store(1, std::memory_order_relaxed);
    });
    std::uint32_t next = 0;
    char digits[24];
    for (std::uint64_t v = 0; v < universe; ++v) {
      if (rank[v]) {
        rank[v] = next++;
        out.ids.append_unique(std::string_view(digits, static_cast<std::size_t>(write_uint(digits, v) - digits)));
      } else {
        rank[v] = kNoVertex;
      }
    }
    map_edges([&](std::uint64_t t) { return rank[t]; });
  } else {
    std::vector<std::uint64_t> values;
    values.reserve(total + min_nodes);
    for (std::uint64_t v = 0; v < min_nodes; ++v) values.push_back(v);
    for (const auto& c : chunks) values.insert(values.end(), c.ends.begin(), c.ends.end());
    tbb::parallel_sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() >= kNoVertex) throw std::length_error("more than 2^32-1 nodes");
    for (std::uint64_t v : values) out.ids.append_unique(std::to_string(v));
    map_edges([&](std::uint64_t t) {
      return static_cast<VertexId>(std::lower_bound(values.begin(), values.end(), t) - values.begin());
    });
  }
  if (!acc.any_text) out.ids.reindex();
  for (auto& c : chunks) {
    out.weights.insert(out.weights.end(), c.weights.begin(), c.weights.end());
    out.times.insert(out.times.end(), c.times.begin(), c.times.end());
    c = EdgeRows{};
  }
}

void add_reverse_edges(EdgeListInput& g) {
  const std::size_t m = g.edges.size();
  g.edges.reserve(2 * m);
  for (std::size_t i = 0; i < m; ++i) g.edges.push_back({g.edges[i].dst, g.edges[i].src});
  if (!g.weights.empty()) g.weights.insert(g.weights.end(), g.weights.begin(), g.weights.begin() + m);
  if (!g.times.empty()) g.times.insert(g.times.end(), g.times.begin(), g.times.begin() + m);
}

// Parses lines into the accumulator, one EdgeRows per chunk.
template <class ParseLine>
auto edge_line_parser(const ParseLine& parse) {
  return [&parse](std::string_view line, std::size_t offset, std::vector<EdgeRows>& out) {
    if (out.empty()) out.emplace_back();
    parse(line, offset, out.front());
  };
}

template <class ParseLine>
void read_edge_rows(InputStream& in, const ParseOptions& options, ParseReport& report, EdgeAccumulator& acc,
                    const ParseLine& parse) {
  parse_stream<EdgeRows>(in, options, true, kGraphText, report, edge_line_parser(parse),
                         [&](std::vector<std::vector<EdgeRows>>& rows, const TextBlock& block) { acc.add(rows, block); });
}

// The next line that is neither blank nor a '#' comment, as a block of its own.
bool next_data_line(InputStream& in, TextBlock& out) {
  while (true) {
    const std::uint64_t offset = in.offset();
    const std::uint64_t line_no = in.line();
    std::string_view line;
    if (!in.next_line(line)) return false;
    reject_nul(line, line_no, in.name(), kGraphText);
    std::string_view body = line;
    if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
    if (is_blank(body) || body.front() == '#') continue;
    out.text.assign(line);  // as read: parse_block strips the '\r' itself
    out.text.push_back('\n');
    out.offset = offset;
    out.line = line_no;
    return true;
  }
}

// A one-line block's line, without its end of line.
std::string_view line_text(const TextBlock& b) {
  std::string_view line(b.text);
  line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string count_message(std::size_t found, const char* expected) {
  return "expected " + std::string(expected) + ", found " + std::to_string(found) + " column" + (found == 1 ? "" : "s");
}

void finish_edges(const std::string& name, const ParseReport& report, const EdgeListInput& out) {
  if (out.edges.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no edges in the file");
}

// Whether b, a header's edge count, agrees with the `lines` that follow it
// (1% either way: NetPHY's header counts 77 edges more than its 231,507 lines).
bool count_matches(std::uint64_t b, std::uint64_t lines) {
  const std::uint64_t diff = b > lines ? b - lines : lines - b;
  return diff * 100 <= b && (b > 0 || lines == 0);
}

// The node count of an `n m` header is allocated: it must be plausible for the body.
void check_node_count(const std::string& name, std::uint64_t line, std::uint64_t n, std::uint64_t lines) {
  const std::uint64_t most = 2 * lines + (std::uint64_t{1} << 20);
  if (n > most)
    throw InputError(name, line, 1,
                     "the header's node count n = " + std::to_string(n) + " is implausible for " +
                         std::to_string(lines) + " edge line(s) (at most 2 x lines + 1048576 = " +
                         std::to_string(most) + "); if line " + std::to_string(line) +
                         " is an edge, use --input-format snap");
}

// Hints about direction, from the edges as read (before --undirected adds reverses).
void note_direction(const EdgeListInput& g, bool numeric_ids, bool undirected, bool comments_say_undirected,
                    const std::string& name, ParseReport& report) {
  struct Scan {
    std::uint64_t forward = 0, backward = 0, edges = 0, up = 0, down = 0;
  };
  auto mix = [](std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
  };
  const Scan s = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, g.edges.size()), Scan{},
      [&](const tbb::blocked_range<std::size_t>& r, Scan acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          const Edge e = g.edges[i];
          if (e.src == e.dst) continue;
          ++acc.edges;
          acc.up += e.src < e.dst;
          acc.down += e.src > e.dst;
          // Order-free sums of a hash of (u, v) and of (v, u): equal when every edge appears both ways.
          acc.forward += mix((std::uint64_t{e.src} << 32) | e.dst);
          acc.backward += mix((std::uint64_t{e.dst} << 32) | e.src);
        }
        return acc;
      },
      [](Scan a, const Scan& b) {
        a.forward += b.forward;
        a.backward += b.backward;
        a.edges += b.edges;
        a.up += b.up;
        a.down += b.down;
        return a;
      });
  if (s.edges == 0) return;
  const bool symmetric = s.forward == s.backward;
  if (symmetric && undirected) {
    report.warnings.push_back(name + ": every edge already appears in both directions, and --undirected added each "
                                     "a second time, so every tie counts twice: drop --undirected");
  } else if (symmetric) {
    report.warnings.push_back(name + ": every edge appears in both directions (an undirected graph written both "
                                     "ways); read as directed ties both ways, which is already right: do not add "
                                     "--undirected (it would count each tie twice)");
  } else if (!undirected && numeric_ids && s.edges >= 16 && (s.up == s.edges || s.down == s.edges)) {
    report.warnings.push_back(name + ": every edge goes from a " + (s.up == s.edges ? "smaller" : "larger") +
                              " to a " + (s.up == s.edges ? "larger" : "smaller") +
                              " id and none appears both ways: this looks like an undirected graph stored once per "
                              "pair; it was read as directed, use --undirected to read each line as a tie both ways");
  } else if (!undirected && comments_say_undirected) {
    report.warnings.push_back(name + ": the file's comments call the graph undirected, but each line was read as "
                                     "one directed tie: use --undirected to read each line as a tie both ways");
  }
}

}  // namespace

std::size_t split_whitespace(std::string_view line, std::string_view* tokens, std::size_t* columns, std::size_t max) {
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (n < max) {
      tokens[n] = line.substr(i, j - i);
      columns[n] = i;
    }
    ++n;
    i = j;
  }
  return n;
}

std::size_t split_commas(std::string_view line, std::string_view* tokens, std::size_t* columns, std::size_t max) {
  std::size_t n = 0;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = line.find(',', pos);
    if (end == std::string_view::npos) end = line.size();
    std::size_t b = pos, e = end;
    while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
    if (n < max) {
      tokens[n] = line.substr(b, e - b);
      columns[n] = b;
    }
    ++n;
    if (end == line.size()) break;
    pos = end + 1;
  }
  return n;
}

EdgeListInput parse_snap(InputStream& in, SnapColumns cols, bool undirected, FirstLine first_line,
                         const ParseOptions& options, ParseReport& report, SnapReading* reading) {
  const std::string& name = in.name();
  const std::size_t want = 2 + cols.weight + cols.time;
  const char* expected = want == 2 ? "2 columns (u v)"
                         : want == 4 ? "4 columns (u v weight ts)"
                         : cols.weight ? "3 columns (u v weight)"
                                       : "3 columns (u v ts)";
  const auto parse = [&](std::string_view line, std::size_t offset, EdgeRows& rows) {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = cols.comma ? split_commas(line, tok, col, 5) : split_whitespace(line, tok, col, 5);
    if (n != want) throw RowError{n < want ? line.size() : col[want], count_message(n, expected)};
    const std::uint64_t u = node_token(offset, tok[0], col[0]);
    const std::uint64_t v = node_token(offset, tok[1], col[1]);
    float w = 1;
    double t = 0;
    if (cols.weight) w = weight_value(tok[2], col[2], "weight", "a finite number");
    if (cols.time) {
      const std::size_t k = cols.weight ? 3 : 2;
      const auto x = parse_timestamp(tok[k]);
      if (!x || *x < 0) throw RowError{col[k], "bad timestamp " + quote_for_message(tok[k]) + " (expected non-negative unix seconds)"};
      if (*x > kMaxTimestamp)
        throw RowError{col[k], "timestamp " + quote_for_message(tok[k]) + " out of range (1970-01-01 to 9999-12-31)"};
      t = *x;
    }
    rows.ends.push_back(u);
    rows.ends.push_back(v);
    if (cols.weight) rows.weights.push_back(w);
    if (cols.time) rows.times.push_back(t);
  };
  EdgeAccumulator acc;
  // The first data line is looked at apart: two integers `a b` may be a header.
  TextBlock first;
  struct Candidate {
    std::uint64_t a, b;
  };
  std::optional<Candidate> header;
  bool deferred = false;
  if (next_data_line(in, first)) {
    std::string_view tok[3];
    std::size_t col[3];
    if (!cols.comma && split_whitespace(line_text(first), tok, col, 3) == 2) {
      const auto a = parse_uint(tok[0]);
      const auto b = parse_uint(tok[1]);
      if (a && b) header = Candidate{*a, *b};
    }
    deferred = header && first_line == FirstLine::kDecide;
    if (!deferred) {
      auto rows = parse_block<EdgeRows>(first, name, options.lenient, true, report, edge_line_parser(parse));
      acc.add(rows, first);
    }
  }
  const std::uint64_t lines_before = report.lines;
  read_edge_rows(in, options, report, acc, parse);
  const std::uint64_t body = report.lines - lines_before;  // data lines after line 1
  EdgeListInput out;
  std::uint64_t min_nodes = 0;
  bool nm_form = false;
  const std::string line1 = header ? "line " + std::to_string(first.line) + " '" +
                                         std::string(trim(line_text(first))) + "'"
                                   : std::string();
  const std::string lines_text = std::to_string(body) + " edge line" + (body == 1 ? "" : "s") + " after it";
  if (header && deferred) {
    const bool matches = count_matches(header->b, body);
    if (matches && want == 2 && !acc.any_text && (!acc.any_number || acc.max_number < header->a)) {
      check_node_count(name, first.line, header->a, body);
      nm_form = true;
      min_nodes = header->a;
      if (body != header->b)
        report.warnings.push_back(name + ": header says " + std::to_string(header->b) + " edges, the file has " +
                                  std::to_string(body) + " edge lines (the lines were used)");
      if (reading) {
        reading->nm_form = true;
        reading->reason = "first line 'n m' with m matching the " + std::to_string(body) +
                          " lines after it and every id below n: n-m header edge list (undirected); if " + line1 +
                          " is an edge, use --input-format snap";
      }
    } else if (matches) {
      const std::string why = want != 2 ? "the lines after it have " + std::to_string(want) + " columns"
                              : acc.any_text ? "the ids are not all numbers"
                                             : "ids reach " + std::to_string(acc.max_number) + ", not below " +
                                                   std::to_string(header->a);
      report.warnings.push_back(name + ": " + line1 + " was skipped as a header (its " + std::to_string(header->b) +
                                " matches the " + lines_text + "); it is not the n-m form because " + why +
                                "; if it is an edge, use --input-format snap");
      if (reading) {
        reading->header_skipped = true;
        reading->reason = line1 + " skipped as a header line (" + why + ", so not the n-m form); " +
                          "if it is an edge, use --input-format snap";
      }
    } else {
      // An ordinary first row, parsed now and put first (its problem, if any, too).
      const std::size_t examples = report.first_skipped.size();
      auto rows = parse_block<EdgeRows>(first, name, options.lenient, true, report, edge_line_parser(parse));
      std::rotate(report.first_skipped.begin(), report.first_skipped.begin() + static_cast<std::ptrdiff_t>(examples),
                  report.first_skipped.end());
      acc.add(rows, first, true);
    }
  } else if (header && want == 2 && count_matches(header->b, body)) {
    report.warnings.push_back(name + ": " + line1 + " looks like an 'n m' header (its " + std::to_string(header->b) +
                              " matches the " + lines_text + "), but was read as an edge, as --input-format snap "
                              "asks (--input-format auto would take it as a header)");
  }
  report.rows = acc.edges();
  const bool numeric = !acc.any_text;
  number_nodes(acc, out, min_nodes);
  finish_edges(name, report, out);
  if (nm_form) {
    add_reverse_edges(out);
    return out;
  }
  out.weight_meaning = cols.weight ? WeightMeaning::kWeight : WeightMeaning::kNone;
  note_direction(out, numeric, undirected, cols.comments_say_undirected, name, report);
  if (undirected) add_reverse_edges(out);
  return out;
}

EdgeListInput parse_inf(InputStream& in, const ParseOptions& options, ParseReport& report) {
  EdgeAccumulator acc;
  read_edge_rows(in, options, report, acc, [&](std::string_view line, std::size_t offset, EdgeRows& rows) {
    std::string_view tok[4];
    std::size_t col[4];
    const std::size_t n = split_whitespace(line, tok, col, 4);
    if (n != 3) throw RowError{n < 3 ? line.size() : col[3], count_message(n, "3 columns (u v p)")};
    const std::uint64_t u = node_token(offset, tok[0], col[0]);
    const std::uint64_t v = node_token(offset, tok[1], col[1]);
    const auto p = parse_number(tok[2]);
    if (!p) throw RowError{col[2], "bad probability " + quote_for_message(tok[2]) + " (expected a number in [0, 1])"};
    if (*p < 0) throw RowError{col[2], "negative probability " + quote_for_message(tok[2]) + " (expected a number in [0, 1])"};
    if (*p > 1) throw RowError{col[2], "probability " + quote_for_message(tok[2]) + " above 1 (expected a number in [0, 1])"};
    rows.ends.push_back(u);
    rows.ends.push_back(v);
    rows.weights.push_back(static_cast<float>(*p));
  });
  report.rows = acc.edges();
  EdgeListInput out;
  number_nodes(acc, out, 0);
  finish_edges(in.name(), report, out);
  out.weight_meaning = WeightMeaning::kProbability;
  return out;
}

EdgeListInput parse_nm_header(InputStream& in, const ParseOptions& options, ParseReport& report) {
  const std::string& name = in.name();
  // The header is the first line that is neither blank nor a comment.
  TextBlock first;
  if (!next_data_line(in, first)) throw InputError(name, 0, 0, "empty file, expected a header line 'n m'");
  const std::string_view header = line_text(first);
  std::string_view tok[3];
  std::size_t col[3];
  if (split_whitespace(header, tok, col, 3) != 2)
    throw InputError(name, first.line, 1, "expected a header line 'n m' (node and edge counts)");
  const auto n = parse_uint(tok[0]);
  const auto m = parse_uint(tok[1]);
  if (!n || *n >= kNoVertex) throw InputError(name, first.line, col[0] + 1, "bad node count " + quote_for_message(tok[0]));
  if (!m) throw InputError(name, first.line, col[1] + 1, "bad edge count " + quote_for_message(tok[1]));
  EdgeAccumulator acc;
  read_edge_rows(in, options, report, acc, [&](std::string_view line, std::size_t, EdgeRows& rows) {
    std::string_view t[3];
    std::size_t c[3];
    const std::size_t k = split_whitespace(line, t, c, 3);
    if (k != 2) throw RowError{k < 2 ? line.size() : c[2], count_message(k, "2 columns (u v)")};
    std::uint64_t ends[2];
    for (int i = 0; i < 2; ++i) {
      const auto v = parse_uint(t[i]);
      if (!v) throw RowError{c[i], "bad node id " + quote_for_message(t[i]) + " (expected an integer in [0, n))"};
      if (*v >= *n)
        throw RowError{c[i], "node id " + std::string(t[i]) + " is not below n = " + std::to_string(*n) +
                                 " from the header (if line 1 is not an 'n m' header, use --input-format snap or auto)"};
      ends[i] = *v;
    }
    // Both ends are pushed only once both are valid: a row refused at its second id adds nothing.
    rows.ends.push_back(ends[0]);
    rows.ends.push_back(ends[1]);
  });
  check_node_count(name, first.line, *n, report.lines);
  report.rows = acc.edges();
  if (report.rows != *m)
    report.warnings.push_back(name + ": header says " + std::to_string(*m) + " edges, the file has " +
                              std::to_string(report.rows) + " edge lines (the lines were used)");
  EdgeListInput out;
  number_nodes(acc, out, *n);
  finish_edges(name, report, out);
  add_reverse_edges(out);
  return out;
}

EventLog parse_higgs(InputStream& in, const ParseOptions& options, ParseReport& report) {
  struct Row {
    std::string_view a, b;
    double ts;
    EventType type;
    std::uint8_t kind;
  };
  static constexpr std::string_view kKinds[] = {"RT", "MT", "RE"};
  EventLog log;
  std::uint32_t channel_ids[3];
  for (int k = 0; k < 3; ++k) channel_ids[k] = log.channels.intern(kKinds[k]);
  parse_stream<Row>(
      in, options, true, kGraphText, report,
      [&](std::string_view line, std::size_t, std::vector<Row>& out) {
        std::string_view tok[5];
        std::size_t col[5];
        const std::size_t n = split_whitespace(line, tok, col, 5);
        if (n != 4) throw RowError{n < 4 ? line.size() : col[4], count_message(n, "4 columns (a b ts RT|MT|RE)")};
        for (int i = 0; i < 2; ++i) {
          if (tok[i].size() > kMaxIdBytes) throw RowError{col[i], "user id over the 256-byte limit"};
          if (!is_valid_utf8(tok[i])) throw RowError{col[i], "user id is not valid UTF-8"};
        }
        const auto ts = parse_timestamp(tok[2]);
        if (!ts || *ts < 0 || *ts > kMaxTimestamp)
          throw RowError{col[2], "bad timestamp " + quote_for_message(tok[2]) + " (expected unix seconds)"};
        std::uint8_t kind = 3;
        for (std::uint8_t k = 0; k < 3; ++k)
          if (tok[3] == kKinds[k]) kind = k;
        if (kind == 3)
          throw RowError{col[3], "unknown interaction " + quote_for_message(tok[3]) + " (expected RT, MT or RE)"};
        // A retweet passes b's word on; mentions and replies speak to b.
        out.push_back({tok[0], tok[1], *ts, kind == 0 ? EventType::kShare : EventType::kMention, kind});
      },
      [&](std::vector<std::vector<Row>>& chunks, const TextBlock&) {
        for (const auto& rows : chunks) {
          for (const Row& r : rows) {
            Event e;
            e.type = r.type;
            e.ts = r.ts;
            e.src = log.users.intern(r.b);  // influence flows from b (the one retweeted) to a
            e.dst = log.users.intern(r.a);
            e.channel = channel_ids[r.kind];
            log.events.push_back(e);
          }
        }
      });
  if (log.events.empty() && report.skipped == 0) throw InputError(in.name(), 0, 0, "no interactions in the file");
  return log;
}

CascadeInput parse_cascades(InputStream& in, const ParseOptions& options, ParseReport& report) {
  struct Item {
    std::string_view user;
    double ts;
  };
  using Row = std::vector<Item>;
  CascadeInput result;
  std::uint64_t repeats = 0;
  std::uint64_t backwards = 0;
  parse_stream<Row>(
      in, options, true, kGraphText, report,
      [&](std::string_view line, std::size_t, std::vector<Row>& out) {
        Row row;
        std::size_t pos = 0;
        while (pos <= line.size()) {
          std::size_t end = line.find(',', pos);
          if (end == std::string_view::npos) end = line.size();
          const std::string_view item = line.substr(pos, end - pos);
          std::string_view tok[3];
          std::size_t col[3];
          const std::size_t n = split_whitespace(item, tok, col, 3);
          if (n != 2) {
            if (n == 0 && end == line.size() && !row.empty()) break;  // a trailing comma
            throw RowError{pos + (n > 2 ? col[2] : 0), "expected 'user ts' between commas, found " + quote_for_message(item)};
          }
          if (tok[0].size() > kMaxIdBytes) throw RowError{pos + col[0], "user id over the 256-byte limit"};
          if (!is_valid_utf8(tok[0])) throw RowError{pos + col[0], "user id is not valid UTF-8"};
          const auto ts = parse_number(tok[1]);
          if (!ts || *ts < 0)
            throw RowError{pos + col[1], "bad time " + quote_for_message(tok[1]) + " (expected a non-negative number)"};
          row.push_back({tok[0], *ts});
          pos = end + 1;
        }
        out.push_back(std::move(row));
      },
      [&](std::vector<std::vector<Row>>& chunks, const TextBlock&) {
        for (const auto& rows : chunks) {
          for (const Row& row : rows) {
            Cascade c;
            std::unordered_set<std::uint32_t> seen;
            for (const Item& item : row) {
              const std::uint32_t id = result.ids.intern(item.user);
              if (!seen.insert(id).second) {
                ++repeats;  // a user adopts once: their first adoption counts
                continue;
              }
              // The listed order is the adoption order; a time that goes back is kept but reported.
              if (!c.times.empty() && item.ts < c.times.back()) ++backwards;
              c.users.push_back(id);
              c.times.push_back(item.ts);
            }
            result.cascades.push_back(std::move(c));
          }
        }
      });
  const std::string& name = in.name();
  if (repeats > 0)
    report.warnings.push_back(name + ": " + std::to_string(repeats) +
                              " repeated adoption(s) of a user within a cascade; the first adoption was kept");
  if (backwards > 0)
    report.warnings.push_back(name + ": " + std::to_string(backwards) +
                              " adopter(s) listed after someone with a later time; the listed order was kept as the adoption order");
  if (result.cascades.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no cascades in the file");
  return result;
}

}  // namespace refnet
