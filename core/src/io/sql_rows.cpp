#include "sql_rows.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>

namespace refnet {

SqlRows::SqlRows(std::string name, std::vector<std::string> names, const EventMapping& mapping,
                 const ParseOptions& options, EventLog& log, const Progress& progress)
    : name_(std::move(name)),
      names_(std::move(names)),
      mapping_(mapping),
      options_(options),
      sink_(log, mapping, name_),
      progress_(progress) {
  index_ = resolve_columns(names_, mapping_, [&](int column, const std::string& message) {
    throw InputError(name_, 0, 0, (column >= 0 ? "column '" + names_[column] + "': " : std::string("the result ")) + message);
  });
  sink_.name_rows(std::string(names_[index_.index[kFieldType]]));
}

std::string SqlRows::place(std::uint64_t row, int column) const {
  // A field no column holds (a purchase without a product column) has no column to name.
  if (column < 0 || static_cast<std::size_t>(column) >= names_.size()) return "row " + std::to_string(row);
  return "row " + std::to_string(row) + ", column '" + names_[column] + "'";
}

void SqlRows::add(const SqlBatch& batch, ParseReport& report) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t n = batch.rows();
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(n / 2048, 64));
  std::vector<std::vector<RawEvent>> rows(chunks);
  struct Problem {
    std::uint64_t row;
    int column;
    std::string message;
  };
  std::vector<std::vector<Problem>> problems(chunks);
  const auto& index = index_.index;
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    const std::size_t begin = n * c / chunks, end = n * (c + 1) / chunks;
    rows[c].reserve(end - begin);
    for (std::size_t r = begin; r < end; ++r) {
      try {
        RawEvent ev = convert_row(
            [&](int f) { return index[f] < 0 ? std::string_view{} : batch.value(r, static_cast<std::size_t>(index[f])); },
            [&](int f) { return static_cast<std::size_t>(index[f]); }, mapping_);
        ev.where = batch.first_row + r;
        rows[c].push_back(ev);
      } catch (RowError& e) {
        problems[c].push_back({batch.first_row + r, static_cast<int>(e.column0), std::move(e.message)});
        if (!options_.lenient) break;
      }
    }
  });
  for (auto& list : problems) {
    for (auto& p : list) {
      if (!options_.lenient) throw InputError(name_, 0, 0, place(p.row, p.column) + ": " + p.message);
      ++report.skipped;
      if (report.first_skipped.size() < ParseReport::kMaxExamples)
        report.first_skipped.push_back(name_ + ": " + place(p.row, p.column) + ": " + p.message);
    }
  }
  for (const auto& r : rows) report.rows += r.size();
  report.lines += n;
  parse_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  sink_.add(rows, [](std::uint64_t where) { return std::pair<std::uint64_t, std::uint64_t>{where, 0}; });
}

void SqlRows::finish(ParseReport& report) {
  progress_.record("read", read_seconds_);
  progress_.record("parse", parse_seconds_);
  sink_.finish(report, progress_);
  if (report.rows == 0 && report.skipped == 0 && report.ignored_types.empty())
    throw InputError(name_, 0, 0, "no events: the query returned no rows");
}

}  // namespace refnet
