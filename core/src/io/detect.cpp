#include <refnet/io/detect.hpp>

#include <refnet/base/error.hpp>
#include <refnet/base/file.hpp>
#include <refnet/io/gml.hpp>
#include <refnet/io/snapshot.hpp>
#include <refnet/base/text.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace refnet {
namespace {

constexpr std::size_t kSampleLines = 200;

// The first non-blank, non-comment lines (comment lines are skipped only when
// `skip_comments`).
std::vector<std::string_view> sample_lines(std::string_view data, bool skip_comments, std::size_t max) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < data.size() && lines.size() < max) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = eol + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (skip_comments && line.front() == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool header_has(std::string_view header, char delim, std::string_view column) {
  std::size_t pos = 0;
  while (pos <= header.size()) {
    std::size_t end = header.find(delim, pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view f = trim(header.substr(pos, end - pos));
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    if (lower(f) == column) return true;
    pos = end + 1;
  }
  return false;
}

// The line number of `line`, a view into `data`.
std::uint64_t line_of(std::string_view data, std::string_view line) {
  const auto at = static_cast<std::ptrdiff_t>(line.data() - data.data());
  return 1 + static_cast<std::uint64_t>(std::count(data.begin(), data.begin() + at, '\n'));
}

// The name without a compression suffix, in lower case: "g.INF.gz" -> "g.inf".
std::string plain_name(const std::string& name) {
  std::string n = lower(name);
  for (const std::string_view z : {".gz", ".gzip", ".zst"})
    if (n.size() > z.size() && n.compare(n.size() - z.size(), z.size(), z) == 0) n.resize(n.size() - z.size());
  return n;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A number, a time, or a number too large for a double (which the parser then
// refuses at its line and column, rather than detection giving up on the file).
bool looks_numeric(std::string_view tok) { return parse_timestamp(tok) || number_overflows(tok); }

std::string snap_reason(const SnapColumns& c) {
  return std::string("whitespace columns: SNAP edge list (u v") + (c.weight ? " weight" : "") + (c.time ? " ts" : "") + ")";
}

}  // namespace

SnapColumns detect_snap_columns(std::string_view data) {
  SnapColumns cols;
  const auto lines = sample_lines(data, true, kSampleLines);
  // Commas when the first line has one and no whitespace between fields.
  cols.comma = !lines.empty() && lines.front().find(',') != std::string_view::npos &&
               trim(lines.front()).find_first_of(" \t") == std::string_view::npos;
  std::size_t width = 0;
  bool third_is_time = true;
  for (std::string_view line : lines) {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = cols.comma ? split_commas(line, tok, col, 5) : split_whitespace(line, tok, col, 5);
    width = std::max(width, n);
    if (n >= 3) {
      // A third column of large integers is a unix time (CollegeMsg's `u v ts`).
      const auto v = parse_uint(tok[2]);
      if (!v || *v < 100000000) third_is_time = false;
    }
  }
  if (width == 3) {
    cols.time = third_is_time;
    cols.weight = !third_is_time;
  } else if (width >= 4) {
    cols.weight = cols.time = true;
  }
  // SNAP's own files say "# Undirected graph: ..." at the top.
  for (std::string_view line : sample_lines(data, false, 20))
    if (line.front() == '#' && lower(line).find("undirected") != std::string::npos) cols.comments_say_undirected = true;
  return cols;
}

Detection detect_format(std::string_view data, const std::string& name, bool whole, std::string_view type_column,
                        std::string_view src_column, char delimiter) {
  Detection d;
  if (is_snapshot(data)) {
    d.format = InputFormat::kSnapshot;
    d.reason = "refnet snapshot (magic bytes)";
    return d;
  }
  if (const auto nul = data.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = line_and_column(data, nul);
    throw InputError(name, line, column, "binary data (a NUL byte) that is neither a refnet snapshot nor a text input");
  }
  // A prefix may end inside a line: look only at its whole lines.
  if (!whole) {
    const std::size_t last = data.rfind('\n');
    if (last != std::string_view::npos) data = data.substr(0, last + 1);
  }
  const auto first = sample_lines(data, false, 1);
  if (first.empty()) throw InputError(name, 0, 0, "empty file");
  const std::string_view head = trim(first.front());
  const std::string plain = plain_name(name);
  // Two extensions name one format each: strong hints.
  if (ends_with(plain, ".gml")) {
    d.format = InputFormat::kGml;
    d.reason = looks_like_gml(data) ? "a 'graph [' block: GML"
                                    : "the name ends in .gml: GML (use --input-format to read it as another format)";
    return d;
  }
  if (looks_like_gml(data)) {
    d.format = InputFormat::kGml;
    d.reason = "a 'graph [' block: GML";
    return d;
  }
  if (head.front() == '{') {
    d.format = InputFormat::kEventsJsonl;
    d.reason = "lines are JSON objects: JSON Lines event log";
    return d;
  }
  const std::vector<char> delims = delimiter ? std::vector<char>{delimiter} : std::vector<char>{'\t', ','};
  for (char delim : delims) {
    if (head.find(delim) != std::string_view::npos && header_has(head, delim, type_column) &&
        header_has(head, delim, src_column)) {
      d.format = InputFormat::kEventsCsv;
      d.reason = "header row with " + std::string(type_column) + " and " + std::string(src_column) +
                 " columns: " + (delim == '\t' ? "TSV" : delim == ',' ? "CSV" : "delimited") + " event log";
      return d;
    }
  }
  const auto lines = sample_lines(data, true, kSampleLines);
  if (lines.empty()) throw InputError(name, 0, 0, "only comments, no data");
  // Cascade list: `user ts,user ts,...`.
  {
    std::string_view tok[3];
    std::size_t col[3];
    const std::string_view item = lines.front().substr(0, lines.front().find(','));
    if (lines.front().find(',') != std::string_view::npos && split_whitespace(item, tok, col, 3) == 2 &&
        parse_number(tok[1])) {
      d.format = InputFormat::kCascades;
      d.reason = "comma-separated 'user ts' items: cascade list";
      return d;
    }
  }
  // Comma-separated edge list: `u,v` fields without spaces inside.
  {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = split_commas(lines.front(), tok, col, 5);
    bool plain_fields = n >= 2 && n <= 4;
    for (std::size_t k = 0; plain_fields && k < n; ++k)
      plain_fields = !tok[k].empty() && tok[k].find_first_of(" \t") == std::string_view::npos;
    if (plain_fields) {
      d.format = InputFormat::kSnap;
      d.snap = detect_snap_columns(data);
      d.reason = "comma-separated columns: edge list (u,v" + std::string(d.snap.weight ? ",weight" : "") +
                 (d.snap.time ? ",ts" : "") + ")";
      return d;
    }
  }
  std::size_t width = 0;
  bool higgs = true;
  std::size_t with_third = 0;        // rows with a third column
  std::size_t third_in_unit = 0;     // ... that is a number in [0, 1]
  std::string_view first_outside;    // the first row whose third column is not
  bool any_fraction = false;
  bool all_three = true;
  bool numeric_extra_columns = true;  // weight and ts columns of an edge list are numbers
  for (std::string_view line : lines) {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = split_whitespace(line, tok, col, 5);
    width = std::max(width, n);
    all_three &= n == 3;
    for (std::size_t k = 2; k < std::min<std::size_t>(n, 4); ++k) numeric_extra_columns &= looks_numeric(tok[k]);
    higgs &= n == 4 && (tok[3] == "RT" || tok[3] == "MT" || tok[3] == "RE");
    if (n >= 3) {
      ++with_third;
      const auto p = parse_number(tok[2]);
      if (p && *p >= 0 && *p <= 1) ++third_in_unit;
      else if (first_outside.empty()) first_outside = line;
      any_fraction |= tok[2].find_first_of(".eE") != std::string_view::npos;
    }
  }
  std::string named;  // why an .inf name was not followed
  if (ends_with(plain, ".inf")) {
    if (all_three) {
      d.format = InputFormat::kInf;
      d.reason = "the name ends in .inf and the rows have 3 columns: IMM .inf edge list (u v p)";
      return d;
    }
    named = "named .inf, but its rows do not all have the 3 columns of 'u v p'; ";
  }
  if (higgs) {
    d.format = InputFormat::kHiggs;
    d.reason = named + "4 columns ending in RT/MT/RE: Higgs-style activity log";
    return d;
  }
  if (width == 3 && third_in_unit == with_third && any_fraction) {
    d.format = InputFormat::kInf;
    d.reason = "3 columns with a probability in [0, 1]: IMM .inf edge list (if the third column is a weight, not a "
               "probability, use --input-format snap)";
    return d;
  }
  if (width >= 2 && width <= 4 && numeric_extra_columns) {
    d.format = InputFormat::kSnap;
    d.snap = detect_snap_columns(data);
    d.reason = named + snap_reason(d.snap);
    // Nearly all probabilities: say which row decided, and how to read them as probabilities.
    if (width == 3 && d.snap.weight && any_fraction && third_in_unit >= 9 * with_third / 10 && !first_outside.empty())
      d.reason += "; " + std::to_string(third_in_unit) + " of " + std::to_string(with_third) +
                  " sampled rows have a third column in [0, 1], but line " + std::to_string(line_of(data, first_outside)) +
                  " does not, so they are weights (use --input-format inf to read probabilities, and have that line refused)";
    // Two integers on the first line may be an `n m` header: the parser decides against the body.
    std::string_view tok[3];
    std::size_t col[3];
    if (split_whitespace(lines.front(), tok, col, 3) == 2 && parse_uint(tok[0]) && parse_uint(tok[1])) {
      d.header_candidate = true;
      d.reason += "; line " + std::to_string(line_of(data, lines.front())) +
                  " may be an 'n m' header, checked against the lines after it";
    }
    return d;
  }
  throw InputError(name, 1, 1,
                   named +
                       "cannot tell the format: expected an event log (CSV/TSV header with type,src,ts or JSON Lines), "
                       "an edge list, an .inf file, an 'n m' edge list, a Higgs activity log or a cascade list; "
                       "use --input-format");
}

}  // namespace refnet
