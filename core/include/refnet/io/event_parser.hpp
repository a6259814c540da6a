// Event logs (DESIGN.md section 1): CSV or TSV with a header row, or JSON
// Lines. Columns: type, src, dst, ts, product, amount, sentiment, channel, in
// any order, or named otherwise through the mapping (io/event_mapping.hpp);
// type, src and ts are required. Unknown columns are ignored with one
// warning. Rows are validated: a malformed row is an InputError naming file,
// line and column, or, with `lenient`, is skipped and reported. An event type
// refnet does not know is an error listing every such type with its count,
// unless --types maps or ignores it.
//
// CSV follows RFC 4180 in full (io/csv.hpp): quoted fields may hold the
// delimiter, doubled quotes and line ends; the parser cuts blocks between
// records, so a record may span lines and blocks. Errors name the physical line.
//
// JSON Lines: one object per line; a number's source text is kept (a numeric
// id keeps every digit), a number too large for a double is an error at its
// column, unknown keys are ignored with one warning. Both read the input as a
// stream (io/lines.hpp): memory is one block and the log, not the file.
#pragma once

#include <refnet/events/event_log.hpp>
#include <refnet/base/input_stream.hpp>
#include <refnet/base/progress.hpp>
#include <refnet/io/event_mapping.hpp>
#include <refnet/io/lines.hpp>
#include <refnet/io/parse_report.hpp>

#include <string>
#include <string_view>

namespace refnet {

EventLog parse_event_csv(InputStream& in, const ParseOptions& options, ParseReport& report,
                         const EventMapping& mapping = {}, const Progress& progress = {});
EventLog parse_event_jsonl(InputStream& in, const ParseOptions& options, ParseReport& report,
                           const EventMapping& mapping = {}, const Progress& progress = {});
// The same over text in memory (tests), named `name` in messages.
EventLog parse_event_csv(std::string_view data, const std::string& name, bool lenient, ParseReport& report);
EventLog parse_event_jsonl(std::string_view data, const std::string& name, bool lenient, ParseReport& report);

}  // namespace refnet
