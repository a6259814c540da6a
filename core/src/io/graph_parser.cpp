#include <refnet/io/graph_parser.hpp>

#include <refnet/io/lines.hpp>
#include <refnet/base/text.hpp>

#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>

#include <atomic>
#include <cmath>
#include <unordered_set>

namespace refnet {
namespace {

// A node token as parsed: a number (top bit clear), or, for a token that is
// not a non-negative integer, kTextTag | offset << 9 | length pointing into the data.
constexpr std::uint64_t kTextTag = std::uint64_t{1} << 63;

struct EdgeRows {
  std::vector<std::uint64_t> ends;  // u, v pairs
  std::vector<float> weights;
  std::vector<double> times;
};

std::uint64_t node_token(std::string_view line, std::size_t line_offset, std::string_view tok, std::size_t column) {
  if (tok.size() > kMaxIdBytes)
    throw RowError{column, "node id is " + std::to_string(tok.size()) + " bytes, over the " +
                               std::to_string(kMaxIdBytes) + "-byte limit"};
  if (const auto v = parse_uint(tok); v && *v < kTextTag) return *v;
  if (!is_valid_utf8(tok)) throw RowError{column, "node id is not valid UTF-8"};
  (void)line;
  return kTextTag | (static_cast<std::uint64_t>(line_offset + column) << 9) | tok.size();
}

std::string_view token_text(std::string_view data, std::uint64_t t) {
  return data.substr((t & ~kTextTag) >> 9, t & 511);
}

// Maps the parsed tokens to dense ids, filling `out.ids` and `out.edges`.
void number_nodes(std::string_view data, std::vector<EdgeRows>& chunks, EdgeListInput& out,
                  std::uint64_t min_nodes) {
  const std::size_t parts = chunks.size();
  std::vector<std::size_t> first_edge(parts + 1, 0);  // where each chunk's edges go
  for (std::size_t c = 0; c < parts; ++c) first_edge[c + 1] = first_edge[c] + chunks[c].ends.size() / 2;
  const std::size_t total = 2 * first_edge[parts];
  struct Scan {
    bool text = false;
    std::uint64_t max_id = 0;
  };
  const Scan scan = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, parts), Scan{},
      [&](const tbb::blocked_range<std::size_t>& r, Scan acc) {
        for (std::size_t c = r.begin(); c != r.end(); ++c) {
          for (std::uint64_t t : chunks[c].ends) {
            acc.text |= (t & kTextTag) != 0;
            acc.max_id = std::max(acc.max_id, t);
          }
        }
        return acc;
      },
      [](Scan a, Scan b) { return Scan{a.text || b.text, std::max(a.max_id, b.max_id)}; });
  out.edges.resize(total / 2);
  // Writes every chunk's edges through `map` (token -> dense id), in parallel.
  auto map_edges = [&](const auto& map) {
    tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t c) {
      const auto& ends = chunks[c].ends;
      Edge* dst = out.edges.data() + first_edge[c];
      for (std::size_t i = 0; i + 1 < ends.size(); i += 2) dst[i / 2] = {map(ends[i]), map(ends[i + 1])};
    });
  };
  if (scan.text) {
    // Interned in order of first appearance (serial: the order is the point).
    std::size_t k = 0;
    for (const auto& c : chunks) {
      for (std::size_t i = 0; i < c.ends.size(); i += 2, ++k) {
        auto name = [&](std::uint64_t t) { return (t & kTextTag) ? out.ids.intern(token_text(data, t)) : out.ids.intern(std::to_string(t)); };
        const VertexId u = name(c.ends[i]);
        out.edges[k] = {u, name(c.ends[i + 1])};
      }
    }
  } else if (scan.max_id < 4 * total + 1024 || scan.max_id < min_nodes) {
    // Dense numeric ids: a presence array ranked by a prefix sum.
    const std::uint64_t universe = std::max(scan.max_id + 1, min_nodes);
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
  if (!scan.text) out.ids.reindex();
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

template <class ParseLine>
EdgeListInput parse_edge_rows(std::string_view data, std::size_t begin, const std::string& name, bool lenient,
                              ParseReport& report, std::uint64_t min_nodes, const ParseLine& parse) {
  reject_binary(data, name, "a text graph file");
  auto chunks = parse_lines<EdgeRows>(data, begin, data.size(), name, lenient, true, report,
                                      [&](std::string_view line, std::size_t offset, std::vector<EdgeRows>& out) {
                                        if (out.empty()) out.emplace_back();
                                        parse(line, offset, out.front());
                                      });
  std::vector<EdgeRows> rows;
  for (auto& c : chunks)
    if (!c.empty()) rows.push_back(std::move(c.front()));
  // parse_lines counted one "row" per chunk: recount edges.
  report.rows = 0;
  for (const auto& r : rows) report.rows += r.ends.size() / 2;
  EdgeListInput out;
  number_nodes(data, rows, out, min_nodes);
  if (out.edges.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no edges in the file");
  return out;
}

std::string count_message(std::size_t found, const char* expected) {
  return "expected " + std::string(expected) + ", found " + std::to_string(found) + " column" + (found == 1 ? "" : "s");
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

EdgeListInput parse_snap(std::string_view data, const std::string& name, SnapColumns cols, bool undirected,
                         bool lenient, ParseReport& report) {
  const std::size_t want = 2 + cols.weight + cols.time;
  const char* expected = want == 2 ? "2 columns (u v)"
                         : want == 4 ? "4 columns (u v weight ts)"
                         : cols.weight ? "3 columns (u v weight)"
                                       : "3 columns (u v ts)";
  auto out = parse_edge_rows(data, 0, name, lenient, report, 0,
                             [&](std::string_view line, std::size_t offset, EdgeRows& rows) {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = cols.comma ? split_commas(line, tok, col, 5) : split_whitespace(line, tok, col, 5);
    if (n != want) throw RowError{n < want ? line.size() : col[want], count_message(n, expected)};
    const std::uint64_t u = node_token(line, offset, tok[0], col[0]);
    const std::uint64_t v = node_token(line, offset, tok[1], col[1]);
    float w = 1;
    double t = 0;
    if (cols.weight) {
      const auto x = parse_number(tok[2]);
      if (!x) throw RowError{col[2], "bad weight " + quote_for_message(tok[2]) + " (expected a finite number)"};
      w = static_cast<float>(*x);
    }
    if (cols.time) {
      const std::size_t k = cols.weight ? 3 : 2;
      const auto x = parse_timestamp(tok[k]);
      if (!x || *x < 0) throw RowError{col[k], "bad timestamp " + quote_for_message(tok[k]) + " (expected non-negative unix seconds)"};
      t = *x;
    }
    rows.ends.push_back(u);
    rows.ends.push_back(v);
    if (cols.weight) rows.weights.push_back(w);
    if (cols.time) rows.times.push_back(t);
  });
  out.weight_meaning = cols.weight ? WeightMeaning::kWeight : WeightMeaning::kNone;
  if (undirected) add_reverse_edges(out);
  return out;
}

EdgeListInput parse_inf(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  auto out = parse_edge_rows(data, 0, name, lenient, report, 0,
                             [&](std::string_view line, std::size_t offset, EdgeRows& rows) {
    std::string_view tok[4];
    std::size_t col[4];
    const std::size_t n = split_whitespace(line, tok, col, 4);
    if (n != 3) throw RowError{n < 3 ? line.size() : col[3], count_message(n, "3 columns (u v p)")};
    const std::uint64_t u = node_token(line, offset, tok[0], col[0]);
    const std::uint64_t v = node_token(line, offset, tok[1], col[1]);
    const auto p = parse_number(tok[2]);
    if (!p) throw RowError{col[2], "bad probability " + quote_for_message(tok[2]) + " (expected a number in [0, 1])"};
    if (*p < 0) throw RowError{col[2], "negative probability " + quote_for_message(tok[2]) + " (expected a number in [0, 1])"};
    if (*p > 1) throw RowError{col[2], "probability " + quote_for_message(tok[2]) + " above 1 (expected a number in [0, 1])"};
    rows.ends.push_back(u);
    rows.ends.push_back(v);
    rows.weights.push_back(static_cast<float>(*p));
  });
  out.weight_meaning = WeightMeaning::kProbability;
  return out;
}

EdgeListInput parse_nm_header(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  // The header is the first line that is neither blank nor a comment.
  std::size_t pos = 0;
  std::string_view header;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    header = data.substr(pos, eol - pos);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    pos = eol + 1;
    if (!is_blank(header) && header.front() != '#') break;
    header = {};
  }
  if (header.empty()) throw InputError(name, 0, 0, "empty file, expected a header line 'n m'");
  std::string_view tok[3];
  std::size_t col[3];
  const auto [hline, hcol] = line_and_column(data, static_cast<std::size_t>(header.data() - data.data()));
  (void)hcol;
  if (split_whitespace(header, tok, col, 3) != 2) throw InputError(name, hline, 1, "expected a header line 'n m' (node and edge counts)");
  const auto n = parse_uint(tok[0]);
  const auto m = parse_uint(tok[1]);
  if (!n || *n >= kNoVertex) throw InputError(name, hline, col[0] + 1, "bad node count " + quote_for_message(tok[0]));
  if (!m) throw InputError(name, hline, col[1] + 1, "bad edge count " + quote_for_message(tok[1]));
  auto out = parse_edge_rows(data, std::min(pos, data.size()), name, lenient, report, *n,
                             [&](std::string_view line, std::size_t offset, EdgeRows& rows) {
    std::string_view t[3];
    std::size_t c[3];
    const std::size_t k = split_whitespace(line, t, c, 3);
    if (k != 2) throw RowError{k < 2 ? line.size() : c[2], count_message(k, "2 columns (u v)")};
    for (int i = 0; i < 2; ++i) {
      const auto v = parse_uint(t[i]);
      if (!v) throw RowError{c[i], "bad node id " + quote_for_message(t[i]) + " (expected an integer in [0, n))"};
      if (*v >= *n) throw RowError{c[i], "node id " + std::string(t[i]) + " is not below n = " + std::to_string(*n) + " from the header"};
      rows.ends.push_back(*v);
    }
    (void)offset;
  });
  if (report.rows != *m)
    report.warnings.push_back(name + ": header says " + std::to_string(*m) + " edges, the file has " +
                              std::to_string(report.rows) + " edge lines (the lines were used)");
  add_reverse_edges(out);
  return out;
}

EventLog parse_higgs(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  reject_binary(data, name, "a text graph file");
  struct Row {
    std::string_view a, b;
    double ts;
    EventType type;
    std::uint8_t kind;
  };
  static constexpr std::string_view kKinds[] = {"RT", "MT", "RE"};
  auto chunks = parse_lines<Row>(data, 0, data.size(), name, lenient, true, report,
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
    if (!ts || *ts < 0 || *ts > kMaxTimestamp) throw RowError{col[2], "bad timestamp " + quote_for_message(tok[2]) + " (expected unix seconds)"};
    std::uint8_t kind = 3;
    for (std::uint8_t k = 0; k < 3; ++k)
      if (tok[3] == kKinds[k]) kind = k;
    if (kind == 3) throw RowError{col[3], "unknown interaction " + quote_for_message(tok[3]) + " (expected RT, MT or RE)"};
    // A retweet passes b's word on; mentions and replies speak to b.
    out.push_back({tok[0], tok[1], *ts, kind == 0 ? EventType::kShare : EventType::kMention, kind});
  });
  EventLog log;
  std::uint32_t channel_ids[3];
  for (int k = 0; k < 3; ++k) channel_ids[k] = log.channels.intern(kKinds[k]);
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
  if (log.events.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no interactions in the file");
  return log;
}

CascadeInput parse_cascades(std::string_view data, const std::string& name, bool lenient, ParseReport& report) {
  reject_binary(data, name, "a text graph file");
  struct Item {
    std::string_view user;
    double ts;
  };
  using Row = std::vector<Item>;
  auto chunks = parse_lines<Row>(data, 0, data.size(), name, lenient, true, report,
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
      if (!ts || *ts < 0) throw RowError{pos + col[1], "bad time " + quote_for_message(tok[1]) + " (expected a non-negative number)"};
      row.push_back({tok[0], *ts});
      pos = end + 1;
    }
    out.push_back(std::move(row));
  });
  CascadeInput in;
  std::uint64_t repeats = 0;
  std::uint64_t backwards = 0;
  for (const auto& rows : chunks) {
    for (const Row& row : rows) {
      Cascade c;
      std::unordered_set<std::uint32_t> seen;
      for (const Item& item : row) {
        const std::uint32_t id = in.ids.intern(item.user);
        if (!seen.insert(id).second) {
          ++repeats;  // a user adopts once: their first adoption counts
          continue;
        }
        // The listed order is the adoption order; a time that goes back is kept but reported.
        if (!c.times.empty() && item.ts < c.times.back()) ++backwards;
        c.users.push_back(id);
        c.times.push_back(item.ts);
      }
      in.cascades.push_back(std::move(c));
    }
  }
  if (repeats > 0)
    report.warnings.push_back(name + ": " + std::to_string(repeats) +
                              " repeated adoption(s) of a user within a cascade; the first adoption was kept");
  if (backwards > 0)
    report.warnings.push_back(name + ": " + std::to_string(backwards) +
                              " adopter(s) listed after someone with a later time; the listed order was kept as the adoption order");
  if (in.cascades.empty() && report.skipped == 0) throw InputError(name, 0, 0, "no cascades in the file");
  return in;
}

}  // namespace refnet
