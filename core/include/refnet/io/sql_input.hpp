// Event tables read from databases, streaming: a SQLite file (libsqlite3,
// opened read-only, rows stepped one by one) or a PostgreSQL server (libpq,
// a postgresql:// URI; the query runs in a read-only transaction behind a
// server-side cursor fetched in batches, so memory is one batch, never the
// whole result). Either way the rows are mapped and converted exactly as CSV
// rows are (the same EventMapping: --columns, --types, --ts-unit, --timezone,
// --trim-ids), so a table and its CSV export give the same events.
//
// Values are read as text: numbers as their decimal text, NULL as an empty
// field. PostgreSQL sessions run with TimeZone UTC and DateStyle ISO, so a
// timestamptz arrives as "2024-03-01 09:00:00+00" (an offset, exact) and a
// timestamp without time zone as a naive time (placed by --timezone).
//
// Errors: a connection failure or an SQL error is a std::runtime_error with
// the server's message (exit 1); a value of the wrong kind (a BLOB, a
// PostgreSQL column of type boolean where a timestamp is expected) or a bad
// value is an InputError naming the row number (1-based, in result order)
// and the column. Passwords are never part of a message or of the recorded
// connection string (redact_connection_string).
#pragma once

#include <refnet/base/progress.hpp>
#include <refnet/events/event_log.hpp>
#include <refnet/io/event_mapping.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/parse_report.hpp>

#include <string>
#include <string_view>

namespace refnet {

// "postgresql://..." or "postgres://...".
bool is_postgres_uri(std::string_view s);
// The URI without its password (user:secret@ -> user@; password=... dropped
// from the parameters), for messages and the envelope.
std::string redact_connection_string(std::string_view uri);
// Whether `prefix` starts with the SQLite file header ("SQLite format 3\0").
bool is_sqlite(std::string_view prefix);

// Rows per batch: of a PostgreSQL FETCH, and of converted SQLite rows.
inline constexpr std::size_t kSqlBatchRows = 50000;

// `name` is how messages call the input. The query is mapping.sql().
// Both report the phases read (stepping or fetching rows), parse (converting
// them) and intern, as the text parsers do.
EventLog read_sqlite(const std::string& path, const std::string& name, const EventMapping& mapping,
                     const ParseOptions& options, ParseReport& report, const Progress& progress = {});
// `rows_sha256` (when given) receives the hex SHA-256 of the result as
// received: every value of every row, in order, as its text followed by a 0
// byte, a NULL as the byte 0xFF followed by a 0 byte. A server has no file to
// hash; this fingerprint says whether two builds read the same rows.
EventLog read_postgres(const std::string& uri, const EventMapping& mapping, const ParseOptions& options,
                       ParseReport& report, std::string* rows_sha256 = nullptr, const Progress& progress = {});

}  // namespace refnet
