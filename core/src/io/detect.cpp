#include <refnet/io/detect.hpp>

#include <refnet/base/error.hpp>
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

std::size_t count_lines(std::string_view data) {
  std::size_t n = 0;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    if (data.substr(pos, eol - pos).find_first_not_of(" \t\r") != std::string_view::npos && data[pos] != '#') ++n;
    pos = eol + 1;
  }
  return n;
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
  return cols;
}

Detection detect_format(std::string_view data, const std::string& name) {
  Detection d;
  if (is_snapshot(data)) {
    d.format = InputFormat::kSnapshot;
    d.reason = "refnet snapshot (magic bytes)";
    return d;
  }
  if (data.substr(0, 4096).find('\0') != std::string_view::npos)
    throw InputError(name, 0, 0, "binary data that is neither a refnet snapshot nor a text input");
  const auto first = sample_lines(data, false, 1);
  if (first.empty()) throw InputError(name, 0, 0, "empty file");
  const std::string_view head = trim(first.front());
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
  for (char delim : {'\t', ','}) {
    if (head.find(delim) != std::string_view::npos && header_has(head, delim, "type") && header_has(head, delim, "src")) {
      d.format = InputFormat::kEventsCsv;
      d.reason = std::string("header row with type and src columns: ") + (delim == '\t' ? "TSV" : "CSV") + " event log";
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
    bool plain = n >= 2 && n <= 4;
    for (std::size_t k = 0; plain && k < n; ++k) plain = !tok[k].empty() && tok[k].find_first_of(" \t") == std::string_view::npos;
    if (plain) {
      d.format = InputFormat::kSnap;
      d.snap = detect_snap_columns(data);
      d.reason = "comma-separated columns: edge list (u,v" + std::string(d.snap.weight ? ",weight" : "") +
                 (d.snap.time ? ",ts" : "") + ")";
      return d;
    }
  }
  std::size_t width = 0;
  bool higgs = true;
  bool probabilities = true;
  bool any_fraction = false;
  bool numeric_extra_columns = true;  // weight and ts columns of an edge list are numbers
  for (std::string_view line : lines) {
    std::string_view tok[5];
    std::size_t col[5];
    const std::size_t n = split_whitespace(line, tok, col, 5);
    width = std::max(width, n);
    for (std::size_t k = 2; k < std::min<std::size_t>(n, 4); ++k) numeric_extra_columns &= parse_timestamp(tok[k]).has_value();
    higgs &= n == 4 && (tok[3] == "RT" || tok[3] == "MT" || tok[3] == "RE");
    if (n >= 3) {
      const auto p = parse_number(tok[2]);
      probabilities &= p && *p >= 0 && *p <= 1;
      any_fraction |= tok[2].find_first_of(".eE") != std::string_view::npos;
    }
  }
  if (higgs) {
    d.format = InputFormat::kHiggs;
    d.reason = "4 columns ending in RT/MT/RE: Higgs-style activity log";
    return d;
  }
  if (width == 3 && probabilities && any_fraction) {
    d.format = InputFormat::kInf;
    d.reason = "3 columns with a probability in [0, 1]: IMM .inf edge list";
    return d;
  }
  // `n m` header: a first line of two integers where m matches the line count.
  {
    std::string_view tok[3];
    std::size_t col[3];
    if (split_whitespace(lines.front(), tok, col, 3) == 2) {
      const auto n = parse_uint(tok[0]);
      const auto m = parse_uint(tok[1]);
      // The exact line count scans the whole file, so it runs only when cheaper
      // bounds allow a match: m can be no less than the sampled data lines (less
      // 1%) and no more than the file's line ends (plus 1%). An ordinary edge
      // list's first row `u v` fails the first bound at once.
      const auto close = [&](double lines) {
        return std::abs(lines - static_cast<double>(*m)) <= 0.01 * static_cast<double>(*m);
      };
      const double sampled = static_cast<double>(lines.size()) - 1;
      if (n && m && *m > 0 && static_cast<double>(*m) >= 0.99 * sampled &&
          static_cast<double>(std::count(data.begin(), data.end(), '\n')) + 1 >= 0.99 * static_cast<double>(*m)) {
        if (close(static_cast<double>(count_lines(data)) - 1)) {
          d.format = InputFormat::kNmHeader;
          d.reason = "first line 'n m' with m matching the number of lines: n-m header edge list (undirected)";
          return d;
        }
      }
    }
  }
  if (width >= 2 && width <= 4 && numeric_extra_columns) {
    d.format = InputFormat::kSnap;
    d.snap = detect_snap_columns(data);
    d.reason = std::string("whitespace columns: SNAP edge list (u v") + (d.snap.weight ? " weight" : "") +
               (d.snap.time ? " ts" : "") + ")";
    return d;
  }
  throw InputError(name, 1, 1,
                   "cannot tell the format: expected an event log (CSV/TSV header with type,src,ts or JSON Lines), "
                   "an edge list, an .inf file, an 'n m' edge list, a Higgs activity log or a cascade list; "
                   "use --input-format");
}

}  // namespace refnet
