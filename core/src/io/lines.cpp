#include <refnet/io/lines.hpp>

#include <cstring>

namespace refnet {

std::vector<std::size_t> split_at_lines(std::string_view data, std::size_t begin, std::size_t end,
                                        std::size_t parts) {
  std::vector<std::size_t> cuts{begin};
  const std::size_t step = (end - begin) / parts + 1;
  for (std::size_t p = 1; p < parts; ++p) {
    std::size_t at = begin + p * step;
    if (at <= cuts.back()) continue;
    if (at >= end) break;
    const std::size_t nl = data.find('\n', at - 1);
    if (nl == std::string_view::npos || nl + 1 >= end) break;
    if (nl + 1 > cuts.back()) cuts.push_back(nl + 1);
  }
  cuts.push_back(end);
  return cuts;
}

void reject_nul(std::string_view text, std::uint64_t line, const std::string& name, const std::string& expected) {
  const void* nul = std::memchr(text.data(), 0, text.size());
  if (!nul) return;
  const auto pos = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
  const std::string_view before = text.substr(0, pos);
  const std::size_t newline = before.rfind('\n');
  const std::uint64_t l = line + static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
  const std::uint64_t column = pos - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
  throw InputError(name, l, column, "binary data (a NUL byte), expected " + expected);
}

void report_problems(std::vector<RowProblem> problems, const TextBlock& block, const std::string& name,
                     bool lenient, ParseReport& report) {
  if (problems.empty()) return;
  std::sort(problems.begin(), problems.end(),
            [](const RowProblem& a, const RowProblem& b) { return a.offset < b.offset; });
  if (!lenient) {
    const auto [line, column] = block.position(problems.front().offset);
    throw InputError(name, line, column, problems.front().message);
  }
  report.skipped += problems.size();
  for (std::size_t i = 0; i < problems.size() && report.first_skipped.size() < ParseReport::kMaxExamples; ++i) {
    const auto [line, column] = block.position(problems[i].offset);
    report.first_skipped.push_back(name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                                   problems[i].message);
  }
}

}  // namespace refnet

namespace refnet {
void ParseReport::merge(const ParseReport& other) {
  rows += other.rows;
  lines += other.lines;
  skipped += other.skipped;
  for (const auto& s : other.first_skipped)
    if (first_skipped.size() < kMaxExamples) first_skipped.push_back(s);
  warnings.insert(warnings.end(), other.warnings.begin(), other.warnings.end());
  for (const auto& [type, n] : other.ignored_types) ignored_types[type] += n;
}
}  // namespace refnet
