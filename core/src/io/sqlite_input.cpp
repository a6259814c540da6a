#include <refnet/io/sql_input.hpp>

#include "sql_rows.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace refnet {

bool is_sqlite(std::string_view prefix) {
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  return prefix.substr(0, kMagic.size()) == kMagic;
}

EventLog read_sqlite(const std::string& path, const std::string& name, const EventMapping& mapping,
                     const ParseOptions& options, ParseReport& report, const Progress& progress) {
  sqlite3* raw = nullptr;
  // Read-only: a query cannot change the user's database.
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, &sqlite3_close);
  if (rc != SQLITE_OK)
    throw std::runtime_error(name + ": cannot open the SQLite database: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  const std::string sql = mapping.sql();
  sqlite3_stmt* stmt_raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &stmt_raw, nullptr) != SQLITE_OK)
    throw std::runtime_error(name + ": SQL error: " + sqlite3_errmsg(db.get()));
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(stmt_raw, &sqlite3_finalize);
  if (!stmt) throw std::runtime_error(name + ": the query is empty");
  const int columns = sqlite3_column_count(stmt.get());
  if (columns == 0) throw std::runtime_error(name + ": the query returns no columns (is it a SELECT?)");
  std::vector<std::string> names;
  for (int c = 0; c < columns; ++c) {
    const char* n = sqlite3_column_name(stmt.get(), c);
    names.emplace_back(n ? n : "");
  }
  EventLog log;
  SqlRows rows(name, names, mapping, options, log, progress);
  std::vector<bool> used(static_cast<std::size_t>(columns), false);
  for (const int i : rows.index().index)
    if (i >= 0) used[static_cast<std::size_t>(i)] = true;

  SqlBatch batch;
  batch.columns = static_cast<std::size_t>(columns);
  std::uint64_t row = 0;
  // Stepping and copying the values is the phase "read" (SQLite reads its file as it steps).
  using Clock = std::chrono::steady_clock;
  auto t = Clock::now();
  const auto lap = [&] {
    const auto now = Clock::now();
    rows.add_read_seconds(std::chrono::duration<double>(now - t).count());
    t = now;
  };
  while (true) {
    const int step = sqlite3_step(stmt.get());
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) throw std::runtime_error(name + ": SQL error: " + sqlite3_errmsg(db.get()));
    ++row;
    for (int c = 0; c < columns; ++c) {
      if (!used[static_cast<std::size_t>(c)]) {
        batch.add({});
        continue;
      }
      const int type = sqlite3_column_type(stmt.get(), c);
      if (type == SQLITE_BLOB)
        throw InputError(name, 0, 0, rows.place(row, c) + ": a BLOB, expected text or a number");
      if (type == SQLITE_NULL) {
        batch.add({});
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
      batch.add(std::string_view(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c))));
    }
    if (batch.rows() == kSqlBatchRows) {
      lap();
      rows.add(batch, report);
      batch.clear(row + 1);
      t = Clock::now();
    }
  }
  lap();
  if (batch.rows() > 0) rows.add(batch, report);
  rows.finish(report);
  return log;
}

}  // namespace refnet
